"""The daily logs. Every row belongs to a user; dates are the user's local dates."""

from django.conf import settings
from django.db import models

from tracker.models.checks import RuleChecked, dated, ordered, ranged
from tracker.science import rules, units

from .version import Versioned


class Entry(RuleChecked, Versioned):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]


WEIGHT_RULES = {"weight_kg": rules.WEIGHT_KG}


class WeightEntry(Entry):
    """One weight per local date, stored in kg beside the value and unit as typed."""

    field_rules = WEIGHT_RULES
    date_fields = ("date",)

    weight_kg = models.FloatField()
    value_typed = models.DecimalField(max_digits=6, decimal_places=2)
    unit_typed = models.CharField(max_length=2)

    class Meta(Entry.Meta):
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_weight_per_day"),
            *ranged("weight", WEIGHT_RULES),
            *dated("weight", ("date",)),
        ]

    def __str__(self):
        return f"{self.value_typed} {self.unit_typed} on {self.date}"


MEASUREMENT_RULES = {
    "waist_cm": rules.WAIST_CM,
    "hips_cm": rules.HIPS_CM,
    "body_fat_percent": rules.BODY_FAT_PERCENT,
}


class Measurement(Entry):
    """Waist (and optionally hips and body fat); lengths stored in cm plus as typed."""

    field_rules = MEASUREMENT_RULES
    date_fields = ("date",)

    waist_cm = models.FloatField()
    hips_cm = models.FloatField(null=True, blank=True)
    body_fat_percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    waist_typed = models.DecimalField(max_digits=6, decimal_places=1)
    hips_typed = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    unit_typed = models.CharField(max_length=2)

    class Meta(Entry.Meta):
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_measurement_per_day"),
            *ranged("measurement", MEASUREMENT_RULES),
            *dated("measurement", ("date",)),
        ]

    def __str__(self):
        return f"waist {self.waist_typed} {self.unit_typed} on {self.date}"


EXERCISE_RULES = {"minutes": rules.EXERCISE_MINUTES, "steps": rules.STEPS}


class Exercise(Entry):
    field_rules = EXERCISE_RULES
    date_fields = ("date",)

    class Kind(models.TextChoices):
        AEROBIC = "aerobic", "Aerobic"
        RESISTANCE = "resistance", "Strength / resistance"
        FLEXIBILITY = "flexibility", "Flexibility / balance"
        OTHER = "other", "Other"

    class Intensity(models.TextChoices):
        LIGHT = "light", "Light"
        MODERATE = "moderate", "Moderate"
        VIGOROUS = "vigorous", "Vigorous"

    activity = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.AEROBIC)
    minutes = models.PositiveSmallIntegerField()
    intensity = models.CharField(
        max_length=8, choices=Intensity.choices, default=Intensity.MODERATE
    )
    steps = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta(Entry.Meta):
        constraints = [*ranged("exercise", EXERCISE_RULES), *dated("exercise", ("date",))]
        # Pages read a person's logs by date range (tracker/record.py); tables with one row
        # a day get the same index from their unique (user, date) constraint.
        indexes = [models.Index(fields=["user", "date"], name="exercise_user_date")]

    def __str__(self):
        return f"{self.activity}, {self.minutes} min on {self.date}"


MEAL_RULES = {
    "kcal": rules.KCAL,
    "carbs_g": rules.CARBS_G,
    "fibre_g": rules.FIBRE_G,
    "added_sugar_g": rules.ADDED_SUGAR_G,
    "protein_g": rules.PROTEIN_G,
    "fat_g": rules.FAT_G,
}


class Meal(Entry):
    field_rules = MEAL_RULES
    date_fields = ("date",)

    class Slot(models.TextChoices):
        BREAKFAST = "breakfast", "Breakfast"
        LUNCH = "lunch", "Lunch"
        DINNER = "dinner", "Dinner"
        SNACK = "snack", "Snack"

    # Quick tags that match the guidance: the first six are the ones to eat more of.
    TAGS = [
        ("vegetables", "Vegetables"),
        ("whole_grains", "Whole grains"),
        ("legumes", "Legumes"),
        ("fish", "Fish"),
        ("nuts", "Nuts"),
        ("olive_oil", "Olive oil"),
        ("sugary_drink", "Sugary drink"),
        ("refined_carbs", "Refined carbs"),
        ("processed", "Processed / fried"),
        ("sweets", "Sweets"),
    ]
    HELPFUL_TAGS = {"vegetables", "whole_grains", "legumes", "fish", "nuts", "olive_oil"}

    meal = models.CharField(max_length=9, choices=Slot.choices)
    description = models.CharField(max_length=200)
    kcal = models.PositiveSmallIntegerField(null=True, blank=True)
    carbs_g = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    fibre_g = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    added_sugar_g = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    protein_g = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    fat_g = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)

    class Meta(Entry.Meta):
        constraints = [*ranged("meal", MEAL_RULES), *dated("meal", ("date",))]
        indexes = [models.Index(fields=["user", "date"], name="meal_user_date")]

    def __str__(self):
        return f"{self.get_meal_display()} on {self.date}: {self.description}"

    def tag_labels(self):
        labels = dict(self.TAGS)
        return [labels[tag] for tag in self.tags if tag in labels]


class DietCheck(RuleChecked, Versioned):
    """The weekly Mediterranean-diet check, kept per week (Monday)."""

    field_rules = {"score": rules.DIET_SCORE}
    date_fields = ("week_start",)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    week_start = models.DateField()
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="one_diet_check_per_week"),
            *ranged("diet_check", {"score": rules.DIET_SCORE}),
            *dated("diet_check", ("week_start",)),
        ]

    def __str__(self):
        return f"diet check {self.score} for week of {self.week_start}"

    @property
    def date(self):
        return self.week_start


CHECK_IN_RULES = {
    "sleep_hours": rules.SLEEP_HOURS,
    "stress": rules.STRESS,
    "energy": rules.ENERGY,
    "alcohol_drinks": rules.ALCOHOL_DRINKS,
}


class CheckIn(Entry):
    field_rules = CHECK_IN_RULES
    date_fields = ("date",)

    sleep_hours = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    stress = models.PositiveSmallIntegerField(null=True, blank=True)
    energy = models.PositiveSmallIntegerField(null=True, blank=True)
    # None is "not recorded"; 0 is an alcohol-free day. The two must never be confused.
    alcohol_drinks = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta(Entry.Meta):
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_check_in_per_day"),
            *ranged("check_in", CHECK_IN_RULES),
            *dated("check_in", ("date",)),
        ]

    def __str__(self):
        return f"check-in on {self.date}"

    @property
    def alcohol_grams(self):
        if self.alcohol_drinks is None:
            return None
        return units.grams_of_alcohol(float(self.alcohol_drinks))


BLOOD_PRESSURE_RULES = {
    "systolic": rules.SYSTOLIC,
    "diastolic": rules.DIASTOLIC,
    "pulse": rules.PULSE,
}


class BloodPressure(Entry):
    field_rules = BLOOD_PRESSURE_RULES
    date_fields = ("date",)

    time = models.TimeField()
    systolic = models.PositiveSmallIntegerField()
    diastolic = models.PositiveSmallIntegerField()
    pulse = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta(Entry.Meta):
        ordering = ["-date", "-time", "-id"]
        constraints = [
            *ranged("blood_pressure", BLOOD_PRESSURE_RULES),
            *dated("blood_pressure", ("date",)),
            models.CheckConstraint(
                condition=models.Q(diastolic__lt=models.F("systolic")),
                name="diastolic_below_systolic",
                violation_error_message=rules.blood_pressure_problem(1, 1),
            ),
        ]
        indexes = [models.Index(fields=["user", "date"], name="bloodpressure_user_date")]

    def __str__(self):
        return f"{self.systolic}/{self.diastolic} on {self.date}"

    def pair_problems(self):
        return [rules.blood_pressure_problem(self.systolic, self.diastolic)]


class Medication(RuleChecked, Versioned):
    date_fields = ("start_date", "stop_date")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    dose = models.CharField(max_length=60, blank=True)
    start_date = models.DateField()
    stop_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            *dated("medication", ("start_date", "stop_date")),
            ordered(
                "start_date",
                "stop_date",
                "medication_stops_after_start",
                rules.stop_date_problem(rules.LATEST_DATE, rules.EARLIEST_DATE),
                strict=False,
            ),
        ]
        indexes = [models.Index(fields=["user", "start_date"], name="medication_user_start")]

    def __str__(self):
        return f"{self.name} from {self.start_date}"

    def pair_problems(self):
        return [rules.stop_date_problem(self.start_date, self.stop_date)]

    @property
    def date(self):
        return self.start_date
