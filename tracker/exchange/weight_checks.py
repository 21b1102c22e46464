"""Is a weight series read in an assumed unit believable, and what to ask when a file does
not say its unit. An importer never guesses silently: a file without a unit shows its
first weight read both ways, and a series that does not look like one person's weight
in that unit stops the import with a question. Pure Python."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.science import units

PLAUSIBLE_MEDIAN_KG = (30, 250)
PLAUSIBLE_BMI = (13, 65)
# One person's weights over the years stay within this ratio (the 95th to the 5th
# percentile); pounds read as kilograms beside real kilograms make 2.2.
MAX_SPREAD = 1.8
# A file's median this far from the account's own recent weight is another unit.
MAX_FROM_KNOWN = 1.6
OTHER_UNIT = {"kg": "lb", "lb": "kg", "st": "kg"}


@dataclass(frozen=True)
class Known:
    """What the account already says about the person's weight."""

    recent_kg: float | None = None  # the median of their latest weights
    height_cm: float | None = None


def _kg(value: Decimal | float, unit: str) -> float:
    return units.to_canonical("weight", float(value), unit)


def both_ways(value: Decimal, unit: str) -> str:
    """ "203.6 — kg or lb? Read as kg it is 203.6 kg; read as lb, 203.6 lb (92.4 kg)"."""
    other = OTHER_UNIT[unit]
    shown = units.plain(value)
    first = f"{shown} {unit}" + ("" if unit == "kg" else f" ({_kg(value, unit):.1f} kg)")
    second = f"{shown} {other}" + ("" if other == "kg" else f" ({_kg(value, other):.1f} kg)")
    return f"{shown} — {unit} or {other}? Read as {unit} it is {first}; read as {other}, {second}."


def unit_question(first: Decimal, unit: str) -> str:
    return (
        f"This file does not say its unit: {both_ways(first, unit)} It is read in {unit}, "
        "the unit chosen on the form; if that is wrong, choose the other unit below and read "
        "the file again."
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def implausible(kilos: list[float], known: Known) -> str | None:
    """Why the whole series (in kg) does not look like one person's weight, or None."""
    if not kilos:
        return None
    median = statistics.median(kilos)
    low, high = PLAUSIBLE_MEDIAN_KG
    if not low <= median <= high:
        return f"their middle value is {median:.1f} kg, outside {low}–{high} kg"
    if len(kilos) >= 4 and _percentile(kilos, 0.95) / _percentile(kilos, 0.05) > MAX_SPREAD:
        return (
            f"they range from {_percentile(kilos, 0.05):.1f} to {_percentile(kilos, 0.95):.1f} "
            "kg, more than one person's weight changes: part of the file may be in another unit"
        )
    if known.recent_kg and not 1 / MAX_FROM_KNOWN <= median / known.recent_kg <= MAX_FROM_KNOWN:
        return (
            f"their middle value is {median:.1f} kg while your recent weights are about "
            f"{known.recent_kg:.1f} kg"
        )
    if known.height_cm:
        bmi = median / (known.height_cm / 100) ** 2
        if not PLAUSIBLE_BMI[0] <= bmi <= PLAUSIBLE_BMI[1]:
            return f"their middle value, {median:.1f} kg, gives a BMI of {bmi:.0f} at your height"
    return None


def stop_question(reason: str, first: Decimal, unit: str) -> str:
    return (
        f"Check the unit before importing: read in {unit}, {reason}. The first weight is "
        f"{both_ways(first, unit)} Choose the unit below and read the file again; if {unit} "
        "is right, tick “I have checked the unit” and read it again."
    )


@dataclass
class Series:
    """The weighings kept, as little as the checks need: each one's kilograms, and the
    first one (by its order) as the file gives it. A 100,000-row file's readings are not
    all kept for this."""

    kilos: list[float] = field(default_factory=list)
    first: tuple | None = None  # (order, value, unit)

    def add(self, order: tuple, value: Decimal, unit: str) -> None:
        self.kilos.append(_kg(value, unit))
        if self.first is None or order < self.first[0]:
            self.first = (order, value, unit)


def ask_or_stop(parsed, series: Series, unit_stated: bool, known: Known) -> None:
    """Add the unit question for a file that does not say its unit, and stop (an error
    that blocks the import) a series not believable in the unit assumed, unless the
    person has checked it."""
    if series.first is None:
        return
    _, value, unit = series.first
    if not unit_stated:
        parsed.questions.append(unit_question(value, unit))
    if parsed.options.unit_checked:
        return
    reason = implausible(series.kilos, known)
    if reason:
        parsed.errors.insert(0, stop_question(reason, value, unit))
