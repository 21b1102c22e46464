import zoneinfo

from django.conf import settings
from django.db import models

from tracker.models.checks import RuleChecked, dated, ranged
from tracker.science import rules


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Profile(RuleChecked, models.Model):
    field_rules = {"height_cm": rules.HEIGHT_CM}
    date_fields = ("date_of_birth",)

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"

    class WeightUnit(models.TextChoices):
        KG = "kg", "kilograms (kg)"
        LB = "lb", "pounds (lb)"

    class LengthUnit(models.TextChoices):
        CM = "cm", "centimetres (cm)"
        IN = "in", "inches (in)"

    class LabUnits(models.TextChoices):
        CONVENTIONAL = "mg/dL", "mg/dL (US conventional)"
        SI = "mmol/L", "mmol/L (SI)"

    class Population(models.TextChoices):
        # Waist thresholds of the harmonized 2009 metabolic-syndrome statement.
        US = "US", "United States (≥102 cm men, ≥88 cm women)"
        EUROPID = "Europid", "Europid (≥94 cm men, ≥80 cm women)"
        ASIAN = "Asian", "Asian (≥90 cm men, ≥80 cm women)"

    class BmiCutoffs(models.TextChoices):
        WHO = "WHO", "WHO (overweight from 25)"
        ASIAN = "Asian", "Asian action points (overweight from 23)"

    class Diagnosis(models.TextChoices):
        NOT_STATED = "", "Rather not say"
        NONE = "none", "Neither"
        PREDIABETES = "prediabetes", "Prediabetes"
        TYPE_2 = "type2", "Type 2 diabetes"

    class Stated(models.TextChoices):
        # "" lets the medication log decide (tracker/science/conditions.py).
        FROM_MEDICINES = "", "Decide from my medicines list"
        YES = "yes", "Yes"
        NO = "no", "No"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    display_name = models.CharField("name or initials", max_length=80, blank=True)
    sex = models.CharField(max_length=6, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    height_cm = models.FloatField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    weight_unit = models.CharField(max_length=2, choices=WeightUnit.choices, default="kg")
    length_unit = models.CharField(max_length=2, choices=LengthUnit.choices, default="cm")
    lab_units = models.CharField(max_length=6, choices=LabUnits.choices, default="mg/dL")
    waist_population = models.CharField(max_length=8, choices=Population.choices, default="US")
    bmi_cutoffs = models.CharField(max_length=5, choices=BmiCutoffs.choices, default="WHO")
    # Conditions and treatments: they count in the checklists and the NAFLD fibrosis score.
    diagnosis = models.CharField(
        "diagnosed by a doctor", max_length=11, choices=Diagnosis.choices, blank=True
    )
    blood_pressure_treatment = models.CharField(
        "treated for high blood pressure", max_length=3, choices=Stated.choices, blank=True
    )
    lipid_lowering = models.CharField(
        "taking a lipid-lowering medicine (such as a statin)",
        max_length=3,
        choices=Stated.choices,
        blank=True,
    )
    glucose_lowering = models.CharField(
        "taking a glucose-lowering medicine (such as metformin)",
        max_length=3,
        choices=Stated.choices,
        blank=True,
    )

    class Meta:
        constraints = [
            *ranged("profile", {"height_cm": rules.HEIGHT_CM}),
            *dated("profile", ("date_of_birth",)),
        ]

    def __str__(self):
        return f"Profile of {self.user}"
