from django.conf import settings
from django.db import models


class ReminderSettings(models.Model):
    """A person's e-mail reminders: off until they turn them on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    weigh_in = models.BooleanField("remind me to weigh in", default=False)
    # The hour, in the person's own time zone, of the weigh-in nudge.
    hour = models.PositiveSmallIntegerField(
        "at", default=8, choices=[(h, f"{h:02d}:00") for h in range(24)]
    )
    labs_due = models.BooleanField("tell me when liver tests are due", default=False)
    labs_every_months = models.PositiveSmallIntegerField(
        "liver tests every", default=6, choices=[(m, f"{m} months") for m in (3, 6, 12)]
    )
    weigh_in_sent_on = models.DateField(null=True, blank=True)
    labs_note_sent_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Reminders of {self.user}"
