"""What a format found, checked and turned into the pipeline's records: weighings, blood
pressures, waist measurements, workouts and lab results, each with where it came from
("Row 12", "Record 1,204") so that a problem names its place in the file.

A format module collects raw readings into a `Collected`; `to_parsed` applies the same
limits as the forms, keeps the earliest weighing of a day, and writes the summary line
("Apple Health export: 1,204 weighings, 86 blood pressures … 2014–2026")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tracker.science import labs, rules, units

from ..labvalues import result_fields
from ..parsed import Options, Parsed
from ..reading import MAX_ROWS, RowProblem, date_problem, plural, too_many_rows
from ..weight_checks import Known, Series, ask_or_stop
from ..weight_import import Reading, _checked

ONE_PLACE = Decimal("0.1")


@dataclass
class Pressure:
    where: str
    day: dt.date
    time: dt.time | None
    systolic: Decimal
    diastolic: Decimal
    pulse: Decimal | None = None


@dataclass
class Waist:
    where: str
    day: dt.date
    value: Decimal
    unit: str  # cm or in


@dataclass
class Workout:
    where: str
    day: dt.date
    activity: str
    minutes: Decimal
    kind: str = "aerobic"
    steps: int | None = None
    note: str = ""


@dataclass
class LabReading:
    where: str
    day: dt.date
    test_key: str
    value: Decimal
    unit: str
    lab: str = ""
    low: Decimal | None = None  # the lab's range, in the reading's unit
    high: Decimal | None = None
    qualifier: str = ""  # a bound the lab gave ("<" for "<5"), as LabResult.qualifier


@dataclass
class Collected:
    """Readings as the file gives them, not yet checked."""

    source: str
    title: str  # "Apple Health export", for the summary line
    # The earliest weighing of each day so far, as (order, where, day, value, unit): a file
    # may hold 100,000 weighings, so later ones are checked and counted, not kept.
    weights: dict[dt.date, tuple] = field(default_factory=dict)
    later_weighings: int = 0
    pressures: list[Pressure] = field(default_factory=list)
    waists: list[Waist] = field(default_factory=list)
    workouts: list[Workout] = field(default_factory=list)
    lab_readings: list[LabReading] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # what LiverLog does not keep
    rows_found: int = 0
    columns: list[str] = field(default_factory=list)
    unit_stated: bool = True  # False when the weights' unit comes from the form
    # The columns read, by option name ("date_column": "Datum"), shown on the form as chosen.
    chosen: dict[str, str] = field(default_factory=dict)

    def add_weight(self, where: str, day: dt.date, time, value: Decimal, unit: str) -> None:
        weighing = ((day, time or dt.time(23, 59, 59), self.rows_found), where, day, value, unit)
        kept = self.weights.get(day)
        if kept is None:
            self.weights[day] = weighing
            return
        self.later_weighings += 1
        if weighing[0] < kept[0]:
            self.weights[day], weighing = weighing, kept
        try:  # a later weighing is not kept, but a wrong one still stops the import
            _checked(Reading(0, day, weighing[0], weighing[3], weighing[4]), dt.date.max)
        except RowProblem as problem:
            self.errors.append(f"{weighing[1]}: {problem}")

    def skip(self, what: str, count: int = 1) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + count

    def count(self) -> None:
        self.rows_found += 1
        if self.rows_found > MAX_ROWS * 10:  # a streamed file may hold more, but not this
            raise too_many_rows(self.rows_found)


def _within(value: Decimal, rule: rules.Range, what: str, unit: str) -> int:
    low, high = rule.low, rule.high
    if not low <= value <= high:
        raise RowProblem(f"{what} {units.plain(value)} {unit} is outside {low}–{high} {unit}.")
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def pressure_fields(reading: Pressure, today: dt.date) -> dict:
    problem = date_problem(reading.day, today)
    if problem:
        raise problem
    systolic = _within(reading.systolic, rules.SYSTOLIC, "systolic", "mmHg")
    diastolic = _within(reading.diastolic, rules.DIASTOLIC, "diastolic", "mmHg")
    if diastolic >= systolic:
        raise RowProblem(f"the lower number {diastolic} is not below the upper {systolic}.")
    pulse = None if reading.pulse is None else _within(reading.pulse, rules.PULSE, "pulse", "/min")
    time = reading.time or dt.time(0, 0)
    return {
        "date": reading.day.isoformat(),
        "time": time.replace(microsecond=0).isoformat(),
        "systolic": systolic,
        "diastolic": diastolic,
        "pulse": pulse,
    }


def waist_fields(reading: Waist, today: dt.date) -> dict:
    problem = date_problem(reading.day, today)
    if problem:
        raise problem
    if abs(reading.value) > 10_000:
        raise RowProblem(f"waist {reading.value:.3g} {reading.unit} is not a waist.")
    typed = reading.value.quantize(ONE_PLACE, ROUND_HALF_UP)
    cm = units.to_canonical("length", float(typed), reading.unit)
    low, high = rules.WAIST_CM.low, rules.WAIST_CM.high
    if not low <= cm <= high:
        lo, hi = units.limits_in("length", low, high, reading.unit, 1)
        raise RowProblem(
            f"waist {units.plain(typed)} {reading.unit} is outside "
            f"{units.plain(lo)}–{units.plain(hi)} {reading.unit}."
        )
    return {
        "date": reading.day.isoformat(),
        "waist_cm": cm,
        "hips_cm": None,
        "body_fat_percent": None,
        "waist_typed": float(typed),
        "hips_typed": None,
        "unit_typed": reading.unit,
    }


def workout_fields(workout: Workout, today: dt.date) -> dict:
    problem = date_problem(workout.day, today)
    if problem:
        raise problem
    # Checked before rounding: quantize() raises for huge numbers.
    minutes = _within(
        max(Decimal(1), workout.minutes),
        rules.EXERCISE_MINUTES,
        f"{workout.activity} lasting",
        "min",
    )
    return {
        "date": workout.day.isoformat(),
        "activity": workout.activity[:80],
        "kind": workout.kind,
        "minutes": minutes,
        "intensity": "moderate",
        "steps": workout.steps,
        "note": workout.note[:200],
    }


def _collect(parsed: Parsed, readings, check, today) -> list[dict]:
    items = []
    for reading in readings:
        try:
            items.append({"row": reading.where, "fields": check(reading, today)})
        except RowProblem as problem:
            parsed.errors.append(f"{reading.where}: {problem}")
    return items


def _weights(parsed: Parsed, found: Collected, today: dt.date, known: Known) -> list[dict]:
    """The earliest weighing of each day, by its time, whatever the file's order; the
    series is then checked as a whole (weight_checks)."""
    items, kept = [], Series()
    later = found.later_weighings
    for key in sorted(found.weights):
        # Popped, not just read: a big file's weighings are let go as records are made.
        order, where, day, value, unit = found.weights.pop(key)
        reading = Reading(0, day, order, value, unit)
        try:
            fields = _checked(reading, today)
        except RowProblem as problem:
            parsed.errors.append(f"{where}: {problem}")
            continue
        items.append({"row": where, "fields": fields})
        kept.add(order, value, unit)
    ask_or_stop(parsed, kept, found.unit_stated, known)
    if later:
        parsed.notes.append(
            f"{plural(later, 'later weighing', 'later weighings')} of a day left out: the "
            "earliest weighing of a day counts."
        )
    return items


def _labs(parsed: Parsed, found: Collected, today: dt.date) -> list[dict]:
    """Lab readings grouped into one report per date and lab; the earliest of a test on
    a day counts (a file lists them in time order)."""
    reports: dict[tuple[str, str], dict] = {}
    seen: set[tuple[str, str, str]] = set()
    for reading in found.lab_readings:
        test = labs.get(reading.test_key)
        try:
            problem = date_problem(reading.day, today)
            if problem:
                raise problem
            fields = result_fields(
                test, reading.value, reading.unit, reading.low, reading.high, reading.qualifier
            )
        except RowProblem as problem:
            parsed.errors.append(f"{reading.where}: {problem}")
            continue
        key = (reading.day.isoformat(), reading.lab)
        if (*key, test.key) in seen:
            continue
        seen.add((*key, test.key))
        report = reports.setdefault(
            key,
            {
                "row": reading.where,
                "fields": {"date": key[0], "lab_name": reading.lab, "fasting": None, "note": ""},
                "results": [],
            },
        )
        report["results"].append(fields)
    return sorted(reports.values(), key=lambda report: report["fields"]["date"])


NOUNS = {
    "weights": ("weighing", "weighings"),
    "blood_pressure": ("blood pressure", "blood pressures"),
    "measurements": ("waist measurement", "waist measurements"),
    "exercise": ("workout", "workouts"),
    "labs": ("lab report", "lab reports"),
}


def summary(title: str, parsed: Parsed) -> str:
    """ "Apple Health export: 1,204 weighings, 86 blood pressures, 2014–2026"."""
    parts = [plural(len(items), *NOUNS[name]) for name, items in parsed.sections.items() if items]
    days = [item["fields"]["date"] for items in parsed.sections.values() for item in items]
    if days:
        first, last = min(days)[:4], max(days)[:4]
        parts.append(first if first == last else f"{first}–{last}")
    return f"{title}: {', '.join(parts) if parts else 'nothing LiverLog keeps'}"


def to_parsed(
    found: Collected, options: Options, today: dt.date, known: Known | None = None
) -> Parsed:
    parsed = Parsed(
        kind="health",
        source=found.source,
        rows_found=found.rows_found,
        errors=list(found.errors),
        notes=list(found.notes),
        columns=found.columns,
        options=Options(**{**options.__dict__, **found.chosen, "source": found.source}),
    )
    sections = {
        "weights": _weights(parsed, found, today, known or Known()),
        "blood_pressure": _collect(parsed, found.pressures, pressure_fields, today),
        "measurements": _one_a_day(_collect(parsed, found.waists, waist_fields, today)),
        "exercise": _collect(parsed, found.workouts, workout_fields, today),
        "labs": _labs(parsed, found, today),
    }
    parsed.sections = {name: items for name, items in sections.items() if items}
    for what, count in sorted(found.skipped.items()):
        parsed.notes.append(f"Left out: {what}, {count:,} in all.")
    parsed.summary = summary(found.title, parsed)
    return parsed


def _one_a_day(items: list[dict]) -> list[dict]:
    """Measurements are kept once a day: the first the file gives."""
    days: set[str] = set()
    kept = []
    for item in items:
        if item["fields"]["date"] not in days:
            days.add(item["fields"]["date"])
            kept.append(item)
    return kept
