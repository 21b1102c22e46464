"""The daily logs. Every row belongs to a user; dates are the user's local dates."""

from django.conf import settings
from django.db import models

from tracker.science import units


class Entry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]


class WeightEntry(Entry):
    """One weight per local date, stored in kg beside the value and unit as typed."""

    weight_kg = models.FloatField()
    value_typed = models.DecimalField(max_digits=6, decimal_places=2)
    unit_typed = models.CharField(max_length=2)

    class Meta(Entry.Meta):
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="one_weight_per_day")]

    def __str__(self):
        return f"{self.value_typed} {self.unit_typed} on {self.date}"


class Measurement(Entry):
    """Waist (and optionally hips and body fat); lengths stored in cm plus as typed."""

    waist_cm = models.FloatField()
    hips_cm = models.FloatField(null=True, blank=True)
    body_fat_percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    waist_typed = models.DecimalField(max_digits=6, decimal_places=1)
    hips_typed = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    unit_typed = models.CharField(max_length=2)

    class Meta(Entry.Meta):
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_measurement_per_day")
        ]

    def __str__(self):
        return f"waist {self.waist_typed} {self.unit_typed} on {self.date}"


class Exercise(Entry):
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

    def __str__(self):
        return f"{self.activity}, {self.minutes} min on {self.date}"


class Meal(Entry):
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

    def __str__(self):
        return f"{self.get_meal_display()} on {self.date}: {self.description}"

    def tag_labels(self):
        labels = dict(self.TAGS)
        return [labels[tag] for tag in self.tags if tag in labels]


class DietCheck(models.Model):
    """The weekly Mediterranean-diet check, kept per week (Monday)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    week_start = models.DateField()
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="one_diet_check_per_week")
        ]

    def __str__(self):
        return f"diet check {self.score} for week of {self.week_start}"

    @property
    def date(self):
        return self.week_start


class CheckIn(Entry):
    sleep_hours = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    stress = models.PositiveSmallIntegerField(null=True, blank=True)
    energy = models.PositiveSmallIntegerField(null=True, blank=True)
    # None is "not recorded"; 0 is an alcohol-free day. The two must never be confused.
    alcohol_drinks = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta(Entry.Meta):
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_check_in_per_day")
        ]

    def __str__(self):
        return f"check-in on {self.date}"

    @property
    def alcohol_grams(self):
        if self.alcohol_drinks is None:
            return None
        return units.grams_of_alcohol(float(self.alcohol_drinks))


class BloodPressure(Entry):
    time = models.TimeField()
    systolic = models.PositiveSmallIntegerField()
    diastolic = models.PositiveSmallIntegerField()
    pulse = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta(Entry.Meta):
        ordering = ["-date", "-time", "-id"]

    def __str__(self):
        return f"{self.systolic}/{self.diastolic} on {self.date}"


class Medication(models.Model):
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

    def __str__(self):
        return f"{self.name} from {self.start_date}"

    @property
    def date(self):
        return self.start_date
