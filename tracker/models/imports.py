"""Imports waiting for the person's confirmation, kept in the database so that any app
server can preview or confirm them (see tracker.exchange.pending)."""

from django.conf import settings
from django.db import models


class PendingImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "waiting for confirmation"
        DONE = "done", "imported"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # The random part of the preview's address; another person's token is not found.
    token = models.CharField(max_length=32, unique=True)
    filename = models.CharField(max_length=200, blank=True)
    # The uploaded file as text, kept to read it again with other options; emptied once
    # the import is done.
    text = models.TextField(blank=True)
    size = models.PositiveIntegerField(default=0)  # bytes of text, counted against the cap
    parsed = models.JSONField(default=dict)  # tracker.exchange.parsed.Parsed.to_dict()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    summary = models.CharField(max_length=300, blank=True)  # what the confirm did
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "status"], name="pending_import_user_status")]

    def __str__(self):
        return f"{self.status} import of {self.filename or 'a file'}"
