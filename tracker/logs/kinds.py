"""The registry of log types: one place that says, for each log, its model, form,
history columns and whether a date holds only one entry. The generic log views and
the Today page read from here, so adding a log never means copying a view."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.display import alcohol_text, length_text, time_text, weight_text
from tracker.logs import forms
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


def _opt(value, suffix=""):
    return "" if value is None or value == "" else f"{value}{suffix}"


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable


@dataclass(frozen=True)
class LogKind:
    slug: str
    title: str  # plural heading, "Weights"
    noun: str  # "weight"
    model: type
    form: type
    columns: tuple[Column, ...]
    date_field: str = "date"
    one_per_date: bool = False
    on_today: bool = True
    # Fields that a second entry on the same date leaves as they were when left blank, so
    # an evening "2 drinks" does not wipe the morning's sleep and stress.
    kept_when_blank: tuple[str, ...] = ()
    summary: Callable = field(default=lambda entry, profile: str(entry))

    def date_of(self, entry):
        return getattr(entry, self.date_field)


def _col(header, cell):
    return Column(header, cell)


KINDS = (
    LogKind(
        "weight",
        "Weight",
        "weight",
        WeightEntry,
        forms.WeightForm,
        (_col("Weight", lambda e, p: weight_text(e.weight_kg, p)),),
        one_per_date=True,
        summary=lambda e, p: weight_text(e.weight_kg, p),
    ),
    LogKind(
        "measurements",
        "Body measurements",
        "measurement",
        Measurement,
        forms.MeasurementForm,
        (
            _col("Waist", lambda e, p: length_text(e.waist_cm, p)),
            _col("Hips", lambda e, p: length_text(e.hips_cm, p)),
            _col("Body fat", lambda e, p: _opt(e.body_fat_percent, " %")),
        ),
        one_per_date=True,
        summary=lambda e, p: f"waist {length_text(e.waist_cm, p)}",
    ),
    LogKind(
        "exercise",
        "Exercise",
        "exercise session",
        Exercise,
        forms.ExerciseForm,
        (
            _col("Activity", lambda e, p: e.activity),
            _col("Kind", lambda e, p: e.get_kind_display()),
            _col("Minutes", lambda e, p: f"{e.minutes} min"),
            _col("Intensity", lambda e, p: e.get_intensity_display()),
            _col("Steps", lambda e, p: _opt(e.steps)),
        ),
        summary=lambda e, p: f"{e.activity}, {e.minutes} min ({e.get_intensity_display()})",
    ),
    LogKind(
        "meals",
        "Meals",
        "meal",
        Meal,
        forms.MealForm,
        (
            _col("Meal", lambda e, p: e.get_meal_display()),
            _col("Description", lambda e, p: e.description),
            _col("Energy", lambda e, p: _opt(e.kcal, " kcal")),
            _col("Fibre", lambda e, p: _opt(e.fibre_g, " g")),
            _col("Added sugar", lambda e, p: _opt(e.added_sugar_g, " g")),
            _col("Tags", lambda e, p: ", ".join(e.tag_labels())),
        ),
        summary=lambda e, p: f"{e.get_meal_display()}: {e.description}",
    ),
    LogKind(
        "checkins",
        "Daily check-ins",
        "check-in",
        CheckIn,
        forms.CheckInForm,
        (
            _col("Sleep", lambda e, p: _opt(e.sleep_hours, " h")),
            _col("Stress", lambda e, p: _opt(e.stress, " / 5")),
            _col("Energy", lambda e, p: _opt(e.energy, " / 5")),
            _col("Alcohol", lambda e, p: alcohol_text(e)),
        ),
        one_per_date=True,
        kept_when_blank=forms.CheckInForm.answers,
        summary=lambda e, p: (
            f"sleep {_opt(e.sleep_hours, ' h') or '—'}, stress {_opt(e.stress) or '—'}, "
            f"alcohol {alcohol_text(e)}"
        ),
    ),
    LogKind(
        "blood-pressure",
        "Blood pressure",
        "blood pressure reading",
        BloodPressure,
        forms.BloodPressureForm,
        (
            _col("Time", lambda e, p: time_text(e.time)),
            _col("Pressure", lambda e, p: f"{e.systolic}/{e.diastolic} mmHg"),
            _col("Pulse", lambda e, p: _opt(e.pulse, " /min")),
        ),
        summary=lambda e, p: f"{e.systolic}/{e.diastolic} mmHg at {e.time:%H:%M}",
    ),
    LogKind(
        "diet-check",
        "Weekly diet checks",
        "diet check",
        DietCheck,
        forms.DietCheckForm,
        (_col("Score", lambda e, p: f"{e.score} of {diet_check.MAX_SCORE}"),),
        date_field="week_start",
        one_per_date=True,
        on_today=False,
        summary=lambda e, p: f"score {e.score}",
    ),
    LogKind(
        "medications",
        "Medications",
        "medication",
        Medication,
        forms.MedicationForm,
        (
            _col("Name", lambda e, p: e.name),
            _col("Dose", lambda e, p: e.dose),
            _col("Stopped", lambda e, p: e.stop_date.isoformat() if e.stop_date else "ongoing"),
            _col("Note", lambda e, p: e.note),
        ),
        date_field="start_date",
        summary=lambda e, p: f"{e.name} {e.dose}".strip(),
    ),
)
BY_SLUG = {kind.slug: kind for kind in KINDS}
