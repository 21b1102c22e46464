"""Goals. Changing a goal adds a row instead of rewriting one, so the past keeps the
goal that applied then; the current goal is the newest row."""

from django.conf import settings
from django.db import models


class GoalQuerySet(models.QuerySet):
    def current(self):
        return self.order_by("-created_at", "-id").first()


class WeightGoal(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    baseline_date = models.DateField()
    baseline_kg = models.FloatField()
    target_percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    target_kg = models.FloatField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"weight goal from {self.baseline_kg} kg on {self.baseline_date}"

    @property
    def goal_kg(self):
        """The target as a weight, whichever way it was set."""
        if self.target_kg is not None:
            return self.target_kg
        if self.target_percent is not None:
            return self.baseline_kg * (1 - float(self.target_percent) / 100)
        return None


class ActivityGoal(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    minutes_per_week = models.PositiveSmallIntegerField(default=150)
    strength_sessions_per_week = models.PositiveSmallIntegerField(default=2)
    fibre_g_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    alcohol_free_days_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    sleep_hours_per_night = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.minutes_per_week} min a week"
