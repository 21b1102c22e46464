"""Domain rules: what a plausible value is, for everything a person can record.

One definition, used everywhere a value comes in: the forms (messages in the person's
unit), the imports and backups (the same messages, naming the row), and the database
(each range is also a CheckConstraint on its column, built in tracker/models). A value
outside a range is a typing error, not a measurement: the limits are generous on purpose.
Pure Python: every check returns a problem in plain words, or None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tracker.science import diet_check, labs, units

# Dates: nothing a person logs happened before 1900 (a typo like 0001-01-01 or 1900 for
# 2000 would otherwise stretch every chart over centuries), and no date the database
# holds comes near the calendar's end, so date arithmetic never overflows.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
MAX_AGE_YEARS = 120
TARGET_WITHIN_YEARS = 10  # a weight-loss target date further off than this is a typo


def day_text(day: dt.date) -> str:
    """3 Mar 2026 (portable: no glibc-only %-d)."""
    return f"{day.day} {day:%b} {day.year}"


@dataclass(frozen=True)
class Range:
    """Inclusive plausible limits of one value, in its canonical unit.

    `quantity` names a units.py quantity ("weight", "length") when people type the value
    in a unit of their choice; the limits are then shown in the unit they typed.
    """

    low: float
    high: float
    what: str  # how a message names the value: "a weight", "sleep"
    unit: str = ""
    quantity: str | None = None
    decimals: int = 1  # how finely the limits are shown in another unit

    def holds(self, value: float | Decimal) -> bool:
        return self.low <= float(value) <= self.high

    def limits_in(self, unit: str | None = None) -> tuple[Decimal | float, Decimal | float]:
        if self.quantity and unit and unit != self.unit:
            return units.limits_in(self.quantity, self.low, self.high, unit, self.decimals)
        return self.low, self.high

    def message(self, unit: str | None = None) -> str:
        low, high = self.limits_in(unit)
        shown = unit or self.unit
        tail = f" {shown}" if shown else ""
        return f"Enter {self.what} between {_plain(low)} and {_plain(high)}{tail}."

    def problem(self, value: float | Decimal | None, unit: str | None = None) -> str | None:
        """None when `value` (typed in `unit`, canonical by default) is plausible."""
        if value is None:
            return None
        canonical = float(value)
        if self.quantity and unit and unit != self.unit:
            canonical = units.to_canonical(self.quantity, canonical, unit)
        return None if self.low <= canonical <= self.high else self.message(unit)


def either(words) -> str:
    """ "a", "a or b", "a, b or c"."""
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _plain(number: float | Decimal) -> str:
    return units.plain(Decimal(str(number)))


# --- Body -----------------------------------------------------------------------------------
WEIGHT_KG = Range(20, 350, "a weight", "kg", "weight")
WAIST_CM = Range(40, 250, "a waist", "cm", "length")
HIPS_CM = Range(50, 250, "hips", "cm", "length")
HEIGHT_CM = Range(100, 250, "a height", "cm", "length")
BODY_FAT_PERCENT = Range(3, 70, "body fat", "%")
SYSTOLIC = Range(60, 260, "systolic", "mmHg")
DIASTOLIC = Range(30, 160, "diastolic", "mmHg")
PULSE = Range(25, 220, "pulse", "beats/min")

# --- Activity, food, check-ins ----------------------------------------------------------------
EXERCISE_MINUTES = Range(1, 600, "minutes")
STEPS = Range(0, 100_000, "steps")
KCAL = Range(0, 5000, "energy", "kcal")
CARBS_G = Range(0, 1000, "carbohydrate", "g")
FIBRE_G = Range(0, 150, "fibre", "g")
ADDED_SUGAR_G = Range(0, 500, "added sugar", "g")
PROTEIN_G = Range(0, 500, "protein", "g")
FAT_G = Range(0, 500, "fat", "g")
SLEEP_HOURS = Range(0, 24, "sleep", "hours")
STRESS = Range(1, 5, "stress")
ENERGY = Range(1, 5, "energy")
ALCOHOL_DRINKS = Range(0, 40, "alcohol", "standard drinks")
DIET_SCORE = Range(0, diet_check.MAX_SCORE, "a diet-check score")

# --- Goals ------------------------------------------------------------------------------------
GOAL_MINUTES_PER_WEEK = Range(10, 1500, "active minutes a week")
GOAL_STRENGTH_DAYS = Range(0, 7, "strength sessions a week")
GOAL_FIBRE_G = Range(5, 100, "fibre a day", "g")
GOAL_ALCOHOL_FREE_DAYS = Range(0, 7, "alcohol-free days a week")
GOAL_SLEEP_HOURS = Range(4, 12, "sleep a night", "hours")
TARGET_PERCENT = Range(1, 40, "a percentage")  # a % target outside this is a typo, not a plan


# --- Dates ------------------------------------------------------------------------------------


def date_problem(
    day: dt.date | None,
    what: str = "The date",
    *,
    today: dt.date | None = None,
    born: dt.date | None = None,
) -> str | None:
    """A logged date: not before 1900, not before the person was born, not in the future."""
    if day is None:
        return None
    if day < EARLIEST_DATE:
        return f"{what} {day.isoformat()} is before {EARLIEST_DATE.year}: check the year."
    if born is not None and day < born:
        return f"{what} {day_text(day)} is before your date of birth ({day_text(born)})."
    if today is not None and day > today:
        return f"{what} cannot be in the future (today is {day_text(today)})."
    if day > LATEST_DATE:
        return f"{what} {day.isoformat()} is too far ahead: check the year."
    return None


def birth_date_problem(born: dt.date | None, today: dt.date) -> str | None:
    if born is None:
        return None
    if not (today.year - MAX_AGE_YEARS <= born.year and born <= today):
        return f"Enter a date of birth in the past {MAX_AGE_YEARS} years."
    return None


def target_date_problem(baseline: dt.date | None, target: dt.date | None) -> str | None:
    if baseline is None or target is None:
        return None
    if target <= baseline:
        return "The target date must come after the baseline date."
    if target > _years_after(baseline, TARGET_WITHIN_YEARS):
        return (
            f"Choose a target date within {TARGET_WITHIN_YEARS} years of the baseline date "
            f"(by {day_text(_years_after(baseline, TARGET_WITHIN_YEARS))})."
        )
    return None


def shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held within the calendar: a date stored before the rules
    existed (0001-01-01) must not make a page fail with an OverflowError."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def stop_date_problem(start: dt.date | None, stop: dt.date | None) -> str | None:
    if start and stop and stop < start:
        return "The stop date cannot be before the start date."
    return None


# --- Pairs ------------------------------------------------------------------------------------


def blood_pressure_problem(systolic: float | None, diastolic: float | None) -> str | None:
    if systolic is not None and diastolic is not None and diastolic >= systolic:
        return "The lower number (diastolic) must be below the upper."
    return None


def target_weight_problem(baseline_kg: float | None, target_kg: float | None) -> str | None:
    if baseline_kg is not None and target_kg is not None and target_kg >= baseline_kg:
        return "The target weight must be below the baseline."
    return None


# --- Lab results ------------------------------------------------------------------------------


def lab_value_problem(test: labs.LabTest, value: float | Decimal, unit: str) -> str | None:
    """A result outside what a lab can report, or an ordinal scale's missing step."""
    canonical = units.to_canonical(test.analyte, float(value), unit)
    low, high = labs.plausible_limits(test)
    if not low <= canonical <= high:
        lo, hi = labs.plausible_in(test, unit)
        return (
            f"{test.short} {_plain(value)} {unit} is outside what a lab can report: "
            f"enter a value between {units.plain(lo)} and {units.plain(hi)} {unit}."
        )
    if test.labels and test.label_for(float(value)) is None:
        return f"Enter the grade as {either(f'{n} ({w})' for n, w in test.labels)}."
    return None


def lab_range_problem(low: float | Decimal | None, high: float | Decimal | None) -> str | None:
    if low is not None and high is not None and low >= high:
        return "The lab's high limit must be above its low limit."
    return None
