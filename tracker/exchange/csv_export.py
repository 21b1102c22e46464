"""One CSV per log type. Each column header names its unit; values are in the person's
display units or in the canonical units, by choice. Cells are made formula-safe."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tracker.models import (
    BloodPressure,
    CheckIn,
    DietCheck,
    Exercise,
    LabResult,
    Meal,
    Measurement,
    Medication,
    Profile,
    WeightEntry,
)
from tracker.science import diet_check, labs, units

from .cells import number, write_csv
from .labvalues import display_unit

DISPLAY, CANONICAL = "display", "canonical"


@dataclass(frozen=True)
class Units:
    weight: str
    length: str
    lab_units: str  # "mg/dL" or "mmol/L": glucose and lipids only

    @classmethod
    def choose(cls, profile: Profile, choice: str) -> Units:
        if choice == CANONICAL:
            return cls("kg", "cm", "mg/dL")
        return cls(profile.weight_unit, profile.length_unit, profile.lab_units)


@dataclass(frozen=True)
class Export:
    slug: str
    title: str
    header: Callable[[Units], list[str]]
    rows: Callable[[object, Units], list[list]]


def _weight(kg: float, u: Units) -> str:
    return number(units.from_canonical("weight", kg, u.weight), 2)


def _length(cm: float | None, u: Units) -> str:
    if cm is None:
        return ""
    return number(units.from_canonical("length", cm, u.length), 1 if u.length == "cm" else 2)


def _plain(value) -> str:
    if value is None:
        return ""
    return units.plain(value) if isinstance(value, Decimal) else str(value)


def _lab_value(test: labs.LabTest, canonical: float | None, unit: str) -> str:
    if canonical is None:
        return ""
    places = max(test.decimals(unit), 2)
    return number(units.from_canonical(test.analyte, canonical, unit), places)


def weights(user, u: Units) -> list[list]:
    entries = WeightEntry.objects.filter(user=user).order_by("date")
    return [[e.date.isoformat(), _weight(e.weight_kg, u)] for e in entries]


def measurements(user, u: Units) -> list[list]:
    entries = Measurement.objects.filter(user=user).order_by("date")
    return [
        [
            e.date.isoformat(),
            _length(e.waist_cm, u),
            _length(e.hips_cm, u),
            _plain(e.body_fat_percent),
        ]
        for e in entries
    ]


def exercise(user, u: Units) -> list[list]:
    entries = Exercise.objects.filter(user=user).order_by("date", "id")
    return [
        [
            e.date.isoformat(),
            e.activity,
            e.get_kind_display(),
            e.minutes,
            e.get_intensity_display(),
            _plain(e.steps),
            e.note,
        ]
        for e in entries
    ]


def meals(user, u: Units) -> list[list]:
    entries = Meal.objects.filter(user=user).order_by("date", "id")
    return [
        [
            e.date.isoformat(),
            e.get_meal_display(),
            e.description,
            _plain(e.kcal),
            _plain(e.carbs_g),
            _plain(e.fibre_g),
            _plain(e.added_sugar_g),
            _plain(e.protein_g),
            _plain(e.fat_g),
            "; ".join(e.tag_labels()),
        ]
        for e in entries
    ]


def checkins(user, u: Units) -> list[list]:
    entries = CheckIn.objects.filter(user=user).order_by("date")
    return [
        [
            e.date.isoformat(),
            _plain(e.sleep_hours),
            _plain(e.stress),
            _plain(e.energy),
            _plain(e.alcohol_drinks),
            number(e.alcohol_grams, 1),
        ]
        for e in entries
    ]


def blood_pressure(user, u: Units) -> list[list]:
    entries = BloodPressure.objects.filter(user=user).order_by("date", "time", "id")
    return [
        [e.date.isoformat(), e.time.strftime("%H:%M"), e.systolic, e.diastolic, _plain(e.pulse)]
        for e in entries
    ]


def diet_checks(user, u: Units) -> list[list]:
    entries = DietCheck.objects.filter(user=user).order_by("week_start")
    keys = [key for key, _ in diet_check.QUESTIONS]
    return [
        [e.week_start.isoformat(), e.score, *("yes" if e.answers.get(k) else "no" for k in keys)]
        for e in entries
    ]


def medications(user, u: Units) -> list[list]:
    entries = Medication.objects.filter(user=user).order_by("start_date", "id")
    return [
        [
            e.name,
            e.dose,
            e.start_date.isoformat(),
            e.stop_date.isoformat() if e.stop_date else "",
            e.note,
        ]
        for e in entries
    ]


def lab_results(user, u: Units) -> list[list]:
    """In the lab import's own columns, so the file can be imported again."""
    results = LabResult.objects.filter(user=user).select_related("report")
    rows = []
    for r in results.order_by("report__date", "report_id", "id"):
        test = labs.get(r.test_key)
        unit = display_unit(test, u.lab_units)
        rows.append(
            [
                r.report.date.isoformat(),
                test.key,
                r.qualifier + _lab_value(test, r.value, unit),  # "<5": the import keeps the sign
                unit,
                _lab_value(test, r.lab_low, unit),
                _lab_value(test, r.lab_high, unit),
                r.report.lab_name,
                test.name,
                test.loinc or "",
            ]
        )
    return rows


EXPORTS = {
    export.slug: export
    for export in (
        Export("weight", "Weight", lambda u: ["date", f"weight ({u.weight})"], weights),
        Export(
            "measurements",
            "Body measurements",
            lambda u: ["date", f"waist ({u.length})", f"hips ({u.length})", "body fat (%)"],
            measurements,
        ),
        Export(
            "exercise",
            "Exercise",
            lambda u: [
                "date",
                "activity",
                "kind",
                "minutes (min)",
                "intensity",
                "steps",
                "note",
            ],
            exercise,
        ),
        Export(
            "meals",
            "Meals",
            lambda u: [
                "date",
                "meal",
                "description",
                "energy (kcal)",
                "carbohydrate (g)",
                "fibre (g)",
                "added sugar (g)",
                "protein (g)",
                "fat (g)",
                "tags",
            ],
            meals,
        ),
        Export(
            "checkins",
            "Daily check-ins",
            lambda u: [
                "date",
                "sleep (h)",
                "stress (1-5)",
                "energy (1-5)",
                "alcohol (standard drinks)",
                "alcohol (g)",
            ],
            checkins,
        ),
        Export(
            "blood-pressure",
            "Blood pressure",
            lambda u: ["date", "time", "systolic (mmHg)", "diastolic (mmHg)", "pulse (/min)"],
            blood_pressure,
        ),
        Export(
            "diet-check",
            "Weekly diet checks",
            lambda u: [
                "week of",
                f"score (of {diet_check.MAX_SCORE})",
                *(key for key, _ in diet_check.QUESTIONS),
            ],
            diet_checks,
        ),
        Export(
            "medications",
            "Medications",
            lambda u: ["name", "dose", "start date", "stop date", "note"],
            medications,
        ),
        Export(
            "labs",
            "Lab results",
            lambda u: ["date", "test", "value", "unit", "low", "high", "lab", "name", "loinc"],
            lab_results,
        ),
    )
}


def export_csv(user, profile: Profile, slug: str, choice: str = DISPLAY) -> str:
    export = EXPORTS[slug]
    chosen = Units.choose(profile, choice)
    return write_csv(export.header(chosen), export.rows(user, chosen))
