"""One form per log. The owner is always taken from the request, never from the form."""

from django import forms
from django.utils import timezone

from tracker.fields import (
    DateInput,
    bounded_number,
    check_canonical_range,
    check_date,
    measure_field,
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
from tracker.science import diet_check, rules
from tracker.science.trends import week_start

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
                check_date(day, self.fields[self.date_field].label, self.profile.date_of_birth)
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
            kg = check_canonical_range(self, "weight", rules.WEIGHT_KG, unit)
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
    body_fat_percent = bounded_number(rules.BODY_FAT_PERCENT, "Body fat", required=False)

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
        waist = check_canonical_range(self, "waist", rules.WAIST_CM, unit)
        hips = check_canonical_range(self, "hips", rules.HIPS_CM, unit)
        if waist is not None:
            self.instance.waist_cm = waist
            self.instance.waist_typed = cleaned["waist"]
            self.instance.unit_typed = unit
            self.instance.hips_cm = hips
            self.instance.hips_typed = cleaned.get("hips") if hips is not None else None
        return cleaned


class ExerciseForm(LogForm):
    more_fields = ("steps", "note")
    minutes = bounded_number(rules.EXERCISE_MINUTES, "Minutes", decimals=0)
    steps = bounded_number(rules.STEPS, "Steps", decimals=0, required=False)

    class Meta:
        model = Exercise
        fields = ["date", "activity", "kind", "minutes", "intensity", "steps", "note"]
        widgets = {"activity": forms.TextInput(attrs={"list": "activity-list"})}


def _nutrient(rule, label):
    return bounded_number(rule, label, required=False)


class MealForm(LogForm):
    more_fields = ("kcal", "carbs_g", "fibre_g", "added_sugar_g", "protein_g", "fat_g")
    kcal = bounded_number(rules.KCAL, "Energy", decimals=0, required=False)
    carbs_g = _nutrient(rules.CARBS_G, "Carbohydrate")
    fibre_g = _nutrient(rules.FIBRE_G, "Fibre")
    added_sugar_g = _nutrient(rules.ADDED_SUGAR_G, "Added sugar")
    protein_g = _nutrient(rules.PROTEIN_G, "Protein")
    fat_g = _nutrient(rules.FAT_G, "Fat")
    tags = forms.MultipleChoiceField(
        choices=Meal.TAGS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Meal
        fields = ["date", "meal", "description", "kcal", "carbs_g", "fibre_g"]
        fields += ["added_sugar_g", "protein_g", "fat_g", "tags"]


class CheckInForm(LogForm):
    sleep_hours = bounded_number(rules.SLEEP_HOURS, "Sleep", required=False)
    stress = bounded_number(
        rules.STRESS, "Stress", decimals=0, required=False, help_text="1 calm – 5 very stressed"
    )
    energy = bounded_number(
        rules.ENERGY,
        "Energy",
        decimals=0,
        required=False,
        help_text="1 drained – 5 full of energy",
    )
    alcohol_drinks = bounded_number(
        rules.ALCOHOL_DRINKS,
        "Alcohol",
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
    systolic = bounded_number(rules.SYSTOLIC, "Systolic", decimals=0)
    diastolic = bounded_number(rules.DIASTOLIC, "Diastolic", decimals=0)
    pulse = bounded_number(rules.PULSE, "Pulse", decimals=0, required=False)

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
        problem = rules.blood_pressure_problem(cleaned.get("systolic"), cleaned.get("diastolic"))
        if problem:
            self.add_error("diastolic", problem)
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
        problem = rules.stop_date_problem(cleaned.get("start_date"), cleaned.get("stop_date"))
        problem = problem or rules.date_problem(cleaned.get("stop_date"), "The stop date")
        if problem:
            self.add_error("stop_date", problem)
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
