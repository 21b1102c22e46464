"""Read-only links a person gives their doctor. Only a hash of the secret is stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    EXPIRY_CHOICES = [(1, "1 day"), (7, "7 days"), (30, "30 days")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # The public half of the token, used to find the row; the secret half is only hashed.
    key = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    label = models.CharField(max_length=100, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    # The report as shared (tracker/report/frozen.py): the page and its PDF show this copy.
    # Empty only for links made before copies were kept; those show the period live.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.label or f"share link of {self.created_at:%Y-%m-%d}"

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def status(self):
        if self.revoked_at:
            return "revoked"
        return "active" if self.is_active else "expired"


class VisitQuestion(models.Model):
    """A question the person wants to ask at their next visit; printed on the report."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text
