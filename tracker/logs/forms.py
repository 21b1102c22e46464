"""One form per log. The owner is always taken from the request, never from the form."""

from django import forms
from django.utils import timezone

from tracker.fields import (
    DateInput,
    bounded_number,
    check_canonical_range,
    measure_field,
    not_in_future,
)
from tracker.models import (
    BloodPressure,
    CheckIn,
    DietCheck,
    Exercise,
    Meal,
    Measurement,
    Medication,
    WeightEntry,
)
from tracker.science import diet_check
from tracker.science.trends import week_start

WEIGHT_KG = (20, 350)
WAIST_CM = (40, 250)
HIPS_CM = (50, 250)

COMMON_ACTIVITIES = [
    "Walking",
    "Brisk walking",
    "Running",
    "Cycling",
    "Swimming",
    "Dancing",
    "Gardening",
    "Hiking",
    "Rowing",
    "Elliptical",
    "Strength training",
    "Bodyweight exercises",
    "Resistance bands",
    "Yoga",
    "Pilates",
    "Stretching",
    "Tennis",
    "Football",
]


class LogForm(forms.ModelForm):
    """Shared behaviour: the person's profile for units, and no future dates."""

    date_field = "date"
    # Optional fields folded under "More details" on the Today page.
    more_fields: tuple[str, ...] = ()

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)
        date_field = self.fields.get(self.date_field)
        if date_field is not None:
            date_field.widget = DateInput(attrs={"max": timezone.localdate().isoformat()})
            if not self.is_bound and not self.instance.pk:
                self.initial.setdefault(self.date_field, timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get(self.date_field)
        if day:
            try:
                not_in_future(day, self.fields[self.date_field].label)
            except forms.ValidationError as error:
                self.add_error(self.date_field, error)
        return cleaned


class WeightForm(LogForm):
    weight = measure_field("Weight")
    unit = forms.ChoiceField(choices=[("kg", "kg"), ("lb", "lb")])

    class Meta:
        model = WeightEntry
        fields = ["date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(weight=self.instance.value_typed, unit=self.instance.unit_typed)
        else:
            self.initial.setdefault("unit", self.profile.weight_unit)

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit:
            kg = check_canonical_range(self, "weight", "weight", unit, *WEIGHT_KG, "a weight")
            if kg is not None:
                self.instance.weight_kg = kg
                self.instance.value_typed = cleaned["weight"]
                self.instance.unit_typed = unit
        return cleaned


class MeasurementForm(LogForm):
    more_fields = ("hips", "body_fat_percent")
    waist = measure_field("Waist")
    hips = measure_field("Hips", required=False)
    unit = forms.ChoiceField(choices=[("cm", "cm"), ("in", "in")])
    body_fat_percent = bounded_number("Body fat", 3, 70, "%", required=False)

    class Meta:
        model = Measurement
        fields = ["date", "body_fat_percent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(
                waist=self.instance.waist_typed,
                hips=self.instance.hips_typed,
                unit=self.instance.unit_typed,
            )
        else:
            self.initial.setdefault("unit", self.profile.length_unit)

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if not unit:
            return cleaned
        waist = check_canonical_range(self, "waist", "length", unit, *WAIST_CM, "a waist")
        hips = check_canonical_range(self, "hips", "length", unit, *HIPS_CM, "hips")
        if waist is not None:
            self.instance.waist_cm = waist
            self.instance.waist_typed = cleaned["waist"]
            self.instance.unit_typed = unit
            self.instance.hips_cm = hips
            self.instance.hips_typed = cleaned.get("hips") if hips is not None else None
        return cleaned


class ExerciseForm(LogForm):
    more_fields = ("steps", "note")
    minutes = bounded_number("Minutes", 1, 600, decimals=0)
    steps = bounded_number("Steps", 0, 100_000, decimals=0, required=False)

    class Meta:
        model = Exercise
        fields = ["date", "activity", "kind", "minutes", "intensity", "steps", "note"]
        widgets = {"activity": forms.TextInput(attrs={"list": "activity-list"})}


def _nutrient(label, high, unit="g"):
    return bounded_number(label, 0, high, unit, required=False)


class MealForm(LogForm):
    more_fields = ("kcal", "carbs_g", "fibre_g", "added_sugar_g", "protein_g", "fat_g")
    kcal = bounded_number("Energy", 0, 5000, "kcal", decimals=0, required=False)
    carbs_g = _nutrient("Carbohydrate", 1000)
    fibre_g = _nutrient("Fibre", 150)
    added_sugar_g = _nutrient("Added sugar", 500)
    protein_g = _nutrient("Protein", 500)
    fat_g = _nutrient("Fat", 500)
    tags = forms.MultipleChoiceField(
        choices=Meal.TAGS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Meal
        fields = ["date", "meal", "description", "kcal", "carbs_g", "fibre_g"]
        fields += ["added_sugar_g", "protein_g", "fat_g", "tags"]


class CheckInForm(LogForm):
    sleep_hours = bounded_number("Sleep", 0, 24, "hours", required=False)
    stress = bounded_number(
        "Stress", 1, 5, decimals=0, required=False, help_text="1 calm – 5 very stressed"
    )
    energy = bounded_number(
        "Energy", 1, 5, decimals=0, required=False, help_text="1 drained – 5 full of energy"
    )
    alcohol_drinks = bounded_number(
        "Alcohol",
        0,
        40,
        "standard drinks",
        required=False,
        help_text="One standard drink holds 14 g of alcohol.",
    )

    class Meta:
        model = CheckIn
        fields = ["date", "sleep_hours", "stress", "energy", "alcohol_drinks"]

    answers = ("sleep_hours", "stress", "energy", "alcohol_drinks")

    def clean(self):
        cleaned = super().clean()
        # A blank alcohol field is "not recorded", never 0 (that would be an alcohol-free
        # day); a form with no answer at all saves nothing.
        answered = any(cleaned.get(name) is not None for name in self.answers)
        if not answered and not any(name in self.errors for name in self.answers):
            raise forms.ValidationError(
                "Nothing to save: answer at least one of sleep, stress, energy or alcohol."
            )
        return cleaned


class BloodPressureForm(LogForm):
    # The time is filled in with now; on Today it waits under "More details".
    more_fields = ("time", "pulse")
    systolic = bounded_number("Systolic", 60, 260, "mmHg", decimals=0)
    diastolic = bounded_number("Diastolic", 30, 160, "mmHg", decimals=0)
    pulse = bounded_number("Pulse", 25, 220, "beats/min", decimals=0, required=False)

    class Meta:
        model = BloodPressure
        fields = ["date", "time", "systolic", "diastolic", "pulse"]
        widgets = {"time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("time", timezone.localtime().strftime("%H:%M"))

    def clean(self):
        cleaned = super().clean()
        systolic, diastolic = cleaned.get("systolic"), cleaned.get("diastolic")
        if systolic is not None and diastolic is not None and diastolic >= systolic:
            self.add_error("diastolic", "The lower number (diastolic) must be below the upper.")
        return cleaned


class MedicationForm(LogForm):
    date_field = "start_date"
    more_fields = ("stop_date", "note")

    class Meta:
        model = Medication
        fields = ["name", "dose", "start_date", "stop_date", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop_date"].widget = DateInput()

    def clean(self):
        cleaned = super().clean()
        start, stop = cleaned.get("start_date"), cleaned.get("stop_date")
        if start and stop and stop < start:
            self.add_error("stop_date", "The stop date cannot be before the start date.")
        return cleaned


class DietCheckForm(LogForm):
    date_field = "week_start"

    class Meta:
        model = DietCheck
        fields = ["week_start"]
        labels = {"week_start": "Week of"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in diet_check.QUESTIONS:
            self.fields[key] = forms.BooleanField(label=question, required=False)
            if self.instance.pk:
                self.initial[key] = bool(self.instance.answers.get(key))

    def clean(self):
        cleaned = super().clean()
        week = cleaned.get("week_start")
        if week:
            # Kept per week: any day of the week files the answers under its Monday.
            cleaned["week_start"] = self.instance.week_start = week_start(week)
        answers = {key: bool(cleaned.get(key)) for key, _ in diet_check.QUESTIONS}
        self.instance.answers = answers
        self.instance.score = diet_check.score(answers)
        return cleaned
