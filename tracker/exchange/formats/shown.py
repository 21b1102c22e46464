"""The first records of each log a file adds, in this person's units, for the preview."""

from __future__ import annotations

from tracker.science import labs, units

from ..labvalues import display_unit
from ..parsed import Parsed


def _weight(fields: dict, profile) -> tuple[str, float, str]:
    unit = profile.weight_unit if profile.weight_unit in ("kg", "lb") else "kg"
    return "Weight", units.from_canonical("weight", fields["weight_kg"], unit), unit


def _waist(fields: dict, profile) -> tuple[str, float, str]:
    unit = profile.length_unit if profile.length_unit in ("cm", "in") else "cm"
    return "Waist", units.from_canonical("length", fields["waist_cm"], unit), unit


def _pressure(fields: dict, profile) -> tuple[str, str, str]:
    return "Blood pressure", f"{fields['systolic']}/{fields['diastolic']}", "mmHg"


def _exercise(fields: dict, profile) -> tuple[str, int, str]:
    return fields["activity"], fields["minutes"], "min"


SHOWN = {
    "weights": _weight,
    "measurements": _waist,
    "blood_pressure": _pressure,
    "exercise": _exercise,
}


def health_samples(parsed: Parsed, profile, per_log: int = 3) -> list[dict]:
    rows = []
    for name, items in parsed.sections.items():
        for item in items[:per_log]:
            if name == "labs":
                for result in item["results"][:per_log]:
                    test = labs.get(result["test_key"])
                    unit = display_unit(test, getattr(profile, "lab_units", ""))
                    value = units.from_canonical(test.analyte, result["value"], unit)
                    rows.append(_row(item["fields"]["date"], test.short, value, unit))
                continue
            what, value, unit = SHOWN[name](item["fields"], profile)
            rows.append(_row(item["fields"]["date"], what, value, unit))
    return rows


def _row(date: str, what: str, value, unit: str) -> dict:
    if isinstance(value, float):
        value = round(value, 1)
    return {"date": date, "test": what, "value_typed": value, "unit_typed": unit}
