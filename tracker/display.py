"""How a value reaches this person: their units, rounding, ranges and dates.

Everything person-specific about showing a stored value lives here, so that a weight, a
lab result or a date reads the same on every page, chart, report and export.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.science import labs, units

if TYPE_CHECKING:
    from tracker.models import LabResult

# Analytes shown in mmol/L when the profile asks for SI lab units; the rest stay canonical.
SI_ANALYTES = frozenset({"glucose", "cholesterol", "triglycerides"})


# --- Body measures and habits ---------------------------------------------------------------


def weight_text(kg, profile):
    unit = profile.weight_unit
    return units.format_value(units.from_canonical("weight", kg, unit), 1, unit)


def length_text(cm, profile):
    if cm is None:
        return ""
    unit = profile.length_unit
    return units.format_value(units.from_canonical("length", cm, unit), 1, unit)


def alcohol_text(checkin):
    if checkin.alcohol_drinks is None:
        return "not recorded"
    drinks = units.plain(Decimal(checkin.alcohol_drinks))
    noun = "drink" if drinks == "1" else "drinks"
    return f"{drinks} {noun} ({checkin.alcohol_grams:g} g)"


# --- Lab results ----------------------------------------------------------------------------


def display_unit(test: labs.LabTest, profile) -> str:
    """The unit a test is shown in: mmol/L for glucose and lipids if the profile asks."""
    if test.analyte in SI_ANALYTES and profile.lab_units == "mmol/L":
        return "mmol/L"
    return test.canonical_unit


def value_text(test: labs.LabTest, value: float | None, profile, with_unit: bool = True) -> str:
    """A canonical value in the person's unit: "44 U/L", "5.4 mmol/L", "moderate"."""
    unit = display_unit(test, profile)
    if value is None or test.labels or with_unit:
        return labs.display(test, value, unit)
    return units.format_value(units.from_canonical(test.analyte, value, unit), test.decimals(unit))


def shown_number(test: labs.LabTest, value: float, profile) -> float:
    """A canonical value converted to the person's unit and rounded as it is displayed."""
    unit = display_unit(test, profile)
    return float(
        units.round_to(units.from_canonical(test.analyte, value, unit), test.decimals(unit))
    )


def range_text(low: str | None, high: str | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low}–{high} {unit}"
    if high is not None:
        return f"up to {high} {unit}"
    return f"from {low} {unit}"


def lab_range_text(result: LabResult) -> str:
    """The lab's own range as printed (in the typed unit), or "" when none was given."""
    low, high = result.lab_low_typed, result.lab_high_typed
    if low is None and high is None:
        return ""
    plain = [None if n is None else units.plain(n) for n in (low, high)]
    return range_text(*plain, result.unit_typed)
