"""How a value reaches this person: their units, rounding, ranges and dates.

Everything person-specific about showing a stored value lives here, so that a weight, a
lab result or a date reads the same on every page, chart, report and export.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import formats, timezone, translation

from tracker.science import labs, units

if TYPE_CHECKING:
    from tracker.models import LabResult

# Analytes shown in their SI unit (units.SI_UNITS) when the profile asks for SI lab units.
SI_ANALYTES = frozenset(units.SI_UNITS)
SI_CHOICE = "mmol/L"  # Profile.LabUnits.SI


# --- Dates ---------------------------------------------------------------------------------
# Through Django's formatting, never strftime's "%-d" (a glibc extension).


@functools.lru_cache(maxsize=8192)
def _calendar_day(day: dt.date, pattern: str, language: str | None) -> str:
    return formats.date_format(day, pattern)


def _day_in(day: dt.date, pattern: str) -> str:
    """A calendar day (no time, so no time zone) through Django's formatting. A page shows
    the same days many times over (charts, their tables, week labels), and formatting one
    costs more than the rest of a table row, so each day is formatted once per language."""
    return _calendar_day(day, pattern, translation.get_language())


def day_text(day: dt.date) -> str:
    """ "3 Jan 2026"."""
    return _day_in(day, "j M Y")


def long_day_text(day: dt.date) -> str:
    """ "3 January 2026", where a short month could be misread."""
    return _day_in(day, "j F Y")


def day_month_text(day: dt.date) -> str:
    """ "3 Jan", where the year is plain from the context."""
    return _day_in(day, "j M")


def moment_text(moment: dt.datetime, profile=None) -> str:
    """ "3 Jan 2026 14:05" in the person's time zone (else the active one)."""
    return formats.date_format(timezone.localtime(moment, _zone(profile)), "j M Y H:i")


def time_text(moment: dt.time) -> str:
    """ "07:30", a clock time as the person entered it."""
    return formats.time_format(moment, "H:i")


def _zone(profile) -> dt.tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(profile.time_zone) if profile else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


# --- Counts ---------------------------------------------------------------------------------


def count_text(n: int, word: str) -> str:
    """ "1 reading", "3 readings": the noun agrees with the number."""
    return f"{n} {word}" + ("" if n == 1 else "s")


# --- Body measures and habits ---------------------------------------------------------------


def signed(text: str, value: float, decimals: int) -> str:
    """A change with its sign ("+1.2 kg", "−0.4 kg"); none when it rounds to zero."""
    if units.round_to(abs(value), decimals) == 0:
        return text
    return ("−" if value < 0 else "+") + text


def weight_in(kg: float, unit: str, *, with_sign: bool = False) -> str:
    """A canonical weight in `unit` to one decimal: "93.1 kg", "205.3 lb", "−1.2 kg"."""
    value = units.from_canonical("weight", kg, unit)
    if not with_sign:
        return units.format_value(value, 1, unit)
    return signed(units.format_value(abs(value), 1, unit), value, 1)


def weight_range_in(low_kg: float, high_kg: float, unit: str) -> str:
    """ "1.1–2.2 lb": both ends in `unit`, named once."""
    low, high = (units.from_canonical("weight", kg, unit) for kg in (low_kg, high_kg))
    return f"{units.format_value(low, 1)}–{units.format_value(high, 1, unit)}"


def length_in(cm: float, unit: str, *, with_sign: bool = False, decimals: int = 1) -> str:
    """A canonical length in `unit`: "92.5 cm", "36.4 in", "+1.5 cm"."""
    value = units.from_canonical("length", cm, unit)
    if not with_sign:
        return units.format_value(value, decimals, unit)
    return signed(units.format_value(abs(value), decimals, unit), value, decimals)


def cutoff_length_in(cm: float, unit: str) -> str:
    """A waist or height cut-off: whole centimetres ("94 cm"), inches to one decimal."""
    return length_in(cm, unit, decimals=0 if unit == "cm" else 1)


def weight_text(kg, profile):
    return weight_in(kg, profile.weight_unit)


def length_text(cm, profile):
    if cm is None:
        return ""
    return length_in(cm, profile.length_unit)


def alcohol_text(checkin):
    if checkin.alcohol_drinks is None:
        return "not recorded"
    drinks = units.plain(Decimal(checkin.alcohol_drinks))
    noun = "drink" if drinks == "1" else "drinks"
    return f"{drinks} {noun} ({checkin.alcohol_grams:g} g)"


# --- Lab results ----------------------------------------------------------------------------


def unit_for(test: labs.LabTest, lab_units: str) -> str:
    """The unit a test is shown in for a lab-units preference: SI as a whole (glucose and
    lipids mmol/L, creatinine µmol/L, albumin g/L, insulin pmol/L, HbA1c mmol/mol) or the
    US conventional units the results are stored in."""
    return labs.si_unit(test) if lab_units == SI_CHOICE else test.canonical_unit


def display_unit(test: labs.LabTest, profile) -> str:
    return unit_for(test, profile.lab_units)


def reads_si(profile) -> bool:
    return profile.lab_units == SI_CHOICE


def bound_text(qualifier: str, text: str) -> str:
    """A result the lab gave as a bound, with its sign: "< 5 U/L"; others as they are."""
    return f"{qualifier} {text}" if qualifier else text


def value_text(test: labs.LabTest, value: float | None, profile, with_unit: bool = True) -> str:
    """A canonical value in the person's unit: "44 U/L", "5.4 mmol/L", "moderate"."""
    unit = display_unit(test, profile)
    if value is None or test.labels:
        return labs.display(test, value, unit)
    return labs.display(test, value, unit, with_unit=with_unit)


def shown_number(test: labs.LabTest, value: float, profile) -> float:
    """A canonical value converted to the person's unit and rounded as it is displayed."""
    unit = display_unit(test, profile)
    decimals = labs.decimals_for(test, value, unit)
    return float(units.round_to(units.from_canonical(test.analyte, value, unit), decimals))


def cutoff_text(test: labs.LabTest, threshold: labs.Threshold, profile) -> str:
    """A guideline cut-off as this person reads it: "≥150 mg/dL" or "≥1.7 mmol/L"."""
    return labs.cutoff_text(test, threshold, display_unit(test, profile))


# How an SI value was reached where the conversion is a convention, named beside it.
SI_NOTES = {
    "insulin": f"Insulin in pmol/L is µIU/mL × {units.INSULIN_PMOL_PER_UIU:.2f}, the current "
    "convention (some labs still use 6.945).",
    "hba1c": "HbA1c in mmol/mol (IFCC) is converted from % (NGSP) by the IFCC–NGSP master "
    "equation.",
}


def unit_note(test: labs.LabTest, profile) -> str:
    return SI_NOTES.get(test.analyte, "") if reads_si(profile) else ""


def unit_notes(profile) -> list[str]:
    return list(SI_NOTES.values()) if reads_si(profile) else []


def range_text(low: str | None, high: str | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low}–{high} {unit}"
    if high is not None:
        return f"up to {high} {unit}"
    return f"from {low} {unit}"


def lab_range_text(result: LabResult, profile) -> str:
    """The lab's own range, or "" when none was given: as printed when it was typed in the
    unit the person reads, else converted to that unit."""
    low, high = result.lab_low_typed, result.lab_high_typed
    if low is None and high is None:
        return ""
    test = result.test
    unit = display_unit(test, profile)
    if result.unit_typed == unit:
        plain = [None if n is None else units.plain(n) for n in (low, high)]
        return range_text(plain[0], plain[1], unit)
    converted = [
        None if n is None else value_text(test, n, profile, with_unit=False)
        for n in (result.lab_low, result.lab_high)
    ]
    return range_text(converted[0], converted[1], unit)
