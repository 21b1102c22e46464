"""Goals. Changing a goal adds a row instead of rewriting one, so the past keeps the
goal that applied then; the current goal is the newest row."""

from django.conf import settings
from django.db import models

from tracker.models.checks import RuleChecked, dated, ordered, ranged
from tracker.science import rules

from .version import Versioned, VersionedQuerySet


class GoalQuerySet(VersionedQuerySet):
    def current(self):
        return self.order_by("-created_at", "-id").first()


WEIGHT_GOAL_RULES = {
    "baseline_kg": rules.WEIGHT_KG,
    "target_kg": rules.WEIGHT_KG,
    "target_percent": rules.TARGET_PERCENT,
}
ACTIVITY_GOAL_RULES = {
    "minutes_per_week": rules.GOAL_MINUTES_PER_WEEK,
    "strength_sessions_per_week": rules.GOAL_STRENGTH_DAYS,
    "fibre_g_per_day": rules.GOAL_FIBRE_G,
    "alcohol_free_days_per_week": rules.GOAL_ALCOHOL_FREE_DAYS,
    "sleep_hours_per_night": rules.GOAL_SLEEP_HOURS,
}


class WeightGoal(RuleChecked, Versioned):
    field_rules = WEIGHT_GOAL_RULES
    date_fields = ("baseline_date", "target_date")

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
        constraints = [
            *ranged("weight_goal", WEIGHT_GOAL_RULES),
            *dated("weight_goal", ("baseline_date", "target_date")),
            models.CheckConstraint(
                condition=models.Q(target_kg__lt=models.F("baseline_kg"))
                | models.Q(target_kg__isnull=True),
                name="goal_target_below_baseline",
                violation_error_message=rules.target_weight_problem(1, 1),
            ),
            ordered(
                "baseline_date",
                "target_date",
                "goal_target_after_baseline",
                "The target date must come after the baseline date.",
            ),
        ]

    def __str__(self):
        return f"weight goal from {self.baseline_kg} kg on {self.baseline_date}"

    def pair_problems(self):
        return [
            rules.target_weight_problem(self.baseline_kg, self.target_kg),
            rules.target_date_problem(self.baseline_date, self.target_date),
        ]

    @property
    def goal_kg(self):
        """The target as a weight, whichever way it was set."""
        if self.target_kg is not None:
            return self.target_kg
        if self.target_percent is not None:
            return self.baseline_kg * (1 - float(self.target_percent) / 100)
        return None


class ActivityGoal(RuleChecked, Versioned):
    field_rules = ACTIVITY_GOAL_RULES

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
        constraints = ranged("activity_goal", ACTIVITY_GOAL_RULES)

    def __str__(self):
        return f"{self.minutes_per_week} min a week"
