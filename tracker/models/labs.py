"""Lab reports as they arrive from the lab, and their results."""

from django.conf import settings
from django.db import models

from tracker.models.checks import RuleChecked, dated
from tracker.science import labs

from .version import Versioned


class LabReport(RuleChecked, Versioned):
    date_fields = ("date",)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField()
    lab_name = models.CharField(max_length=100, blank=True)
    fasting = models.BooleanField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = dated("lab_report", ("date",))
        indexes = [models.Index(fields=["user", "date"], name="labreport_user_date")]

    def __str__(self):
        return f"lab report of {self.date}" + (f" ({self.lab_name})" if self.lab_name else "")


class LabResult(Versioned):
    """One test of a report: canonical value, the value and unit as typed, and the
    lab's own range as printed (in the typed unit), if given."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    report = models.ForeignKey(LabReport, on_delete=models.CASCADE, related_name="results")
    test_key = models.CharField(
        max_length=24, choices=[(test.key, test.name) for test in labs.CATALOGUE]
    )
    # A result the lab gives only as a bound ("<5", ">300"): the value is the bound, and
    # nothing may use it as if it were the measurement.
    qualifier = models.CharField(
        max_length=1,
        blank=True,
        default="",
        choices=[
            ("", "exact"),
            ("<", "below"),
            ("≤", "at most"),
            (">", "above"),
            ("≥", "at least"),
        ],
    )
    value = models.FloatField(help_text="In the test's canonical unit.")
    value_typed = models.DecimalField(max_digits=10, decimal_places=3)
    unit_typed = models.CharField(max_length=12)
    lab_low_typed = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    lab_high_typed = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    lab_low = models.FloatField(null=True, blank=True, help_text="Canonical.")
    lab_high = models.FloatField(null=True, blank=True, help_text="Canonical.")

    class Meta:
        ordering = ["report__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "test_key"], name="one_result_per_test")
        ]

    def __str__(self):
        return f"{self.test_key} {self.qualifier}{self.value_typed} {self.unit_typed}"

    @property
    def test(self):
        return labs.get(self.test_key)
