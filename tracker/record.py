"""One person's record: what the pages show about them for a period, loaded once.

Views call load(); the dashboard, the labs pages, the guidance facts and the report compute
every figure from the Record it returns and never run a query themselves. Loading takes a
fixed number of queries (NUMBER_OF_QUERIES), each reading only what the period needs plus a
declared look-back:

- weighings up to the end of the period: the trend is a moving average started at the first
  weighing, and the baseline and milestones count from it, so they need the whole series
  (two columns of one indexed table);
- the daily logs (waist, exercise, meals, check-ins, diet checks, blood pressure) from the
  Monday of the period's first week, and at least LOOKBACK_DAYS before its end (the 30-day
  blood-pressure average, the last two complete weeks of activity, the last 7 days of
  alcohol), plus the latest waist and blood pressure before that;
- waists within NEAR_DAYS of the lab dates the scores need before the period;
- lab results from NEAR_DAYS before that first day (the inputs of its lab dates' scores),
  and the look-back: each test's latest lab date before it, with the NEAR_DAYS before that
  date (see _lab_entries);
- medications up to the end of the period (a few a year), the goals.

Everything comes back as plain frozen data; figures computed from it are kept on the record
(`once`) so that each is computed once per request, whichever pages ask for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection

from tracker.models import (
    ActivityGoal,
    BloodPressure,
    CheckIn,
    DietCheck,
    Exercise,
    LabReport,
    LabResult,
    Meal,
    Measurement,
    Medication,
    Profile,
    WeightEntry,
    WeightGoal,
)
from tracker.science import labs
from tracker.science.trends import (
    CheckInRec,
    DailySeries,
    DailyTrend,
    DietScore,
    ExerciseRec,
    MealRec,
    Weighings,
    daily_trend,
    daily_weights,
    week_start,
)

# Lab inputs of a score come from up to this many days before its lab date, and body
# measures from this many days either side.
NEAR_DAYS = 30
# The look-back before the period's end that the guidance facts and checklists read.
LOOKBACK_DAYS = NEAR_DAYS
# Glucose and insulin from a report marked "not fasting" say little about insulin resistance.
FASTING_TESTS = frozenset({"glucose", "insulin"})
ACTIVITY_LOOKBACK_WEEKS = 2  # complete weeks the activity note looks back on
# SQLite's julianday() of the day before 1 January of year 1, whose date.toordinal() is 0.
JULIAN_DAY_OF_ORDINAL_ZERO = 1721424.5


# --- The rows, as plain data ----------------------------------------------------------------


@dataclass(frozen=True)
class BloodPressureReading:
    date: dt.date
    time: dt.time
    systolic: int
    diastolic: int


@dataclass(frozen=True)
class MedicationSpan:
    name: str
    dose: str
    start: dt.date
    stop: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class LabReportRow:
    pk: int
    date: dt.date
    fasting: bool | None
    lab_name: str = ""
    note: str = ""

    @property
    def id(self) -> int:
        return self.pk


@dataclass(frozen=True)
class LabEntry:
    """One lab result with its report, as every page reads it (values canonical)."""

    pk: int
    report: LabReportRow
    test_key: str
    value: float
    value_typed: Decimal
    unit_typed: str
    lab_low_typed: Decimal | None = None
    lab_high_typed: Decimal | None = None
    lab_low: float | None = None
    lab_high: float | None = None
    qualifier: str = ""  # "<", "≤", ">" or "≥" when the lab gave a bound, not a value

    @property
    def id(self) -> int:
        return self.pk

    @property
    def report_id(self) -> int:
        return self.report.pk

    @property
    def date(self) -> dt.date:
        return self.report.date

    @property
    def test(self) -> labs.LabTest:
        return labs.get(self.test_key)

    @property
    def comparable(self) -> bool:
        """False for a glucose or insulin from a report marked not fasting."""
        return not (self.test_key in FASTING_TESTS and self.report.fasting is False)


@dataclass(frozen=True)
class WeightGoalRow:
    baseline_date: dt.date
    baseline_kg: float
    target_percent: Decimal | None
    target_kg: float | None
    target_date: dt.date | None

    @property
    def goal_kg(self) -> float | None:
        if self.target_kg is not None:
            return self.target_kg
        if self.target_percent is not None:
            return self.baseline_kg * (1 - float(self.target_percent) / 100)
        return None


@dataclass(frozen=True)
class ActivityGoalRow:
    minutes_per_week: int
    strength_sessions_per_week: int
    fibre_g_per_day: int | None
    alcohol_free_days_per_week: int | None
    sleep_hours_per_night: Decimal | None
    created_at: dt.datetime


@dataclass(frozen=True)
class ProfileRow:
    """What the pages need of the person's profile: who they are, their units and display
    choices, and their stated conditions and treatments."""

    display_name: str
    sex: str  # "female", "male" or "" (not given)
    sex_label: str  # "Female", "Male" or ""
    date_of_birth: dt.date | None
    height_cm: float | None
    time_zone: str
    weight_unit: str
    length_unit: str
    lab_units: str
    waist_population: str
    bmi_cutoffs: str
    diagnosis: str
    blood_pressure_treatment: str
    lipid_lowering: str
    glucose_lowering: str

    def stated_treatments(self) -> dict[str, str]:
        """The person's answers, keyed as tracker/science/conditions.py expects."""
        return {
            "blood_pressure": self.blood_pressure_treatment,
            "lipid_lowering": self.lipid_lowering,
            "glucose_lowering": self.glucose_lowering,
        }

    def age_on(self, day: dt.date) -> int | None:
        if not self.date_of_birth:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def profile_row(profile: Profile) -> ProfileRow:
    return ProfileRow(
        display_name=profile.display_name,
        sex=profile.sex,
        sex_label=profile.get_sex_display() if profile.sex else "",
        date_of_birth=profile.date_of_birth,
        height_cm=profile.height_cm,
        time_zone=profile.time_zone,
        weight_unit=profile.weight_unit,
        length_unit=profile.length_unit,
        lab_units=profile.lab_units,
        waist_population=profile.waist_population,
        bmi_cutoffs=profile.bmi_cutoffs,
        diagnosis=profile.diagnosis,
        blood_pressure_treatment=profile.blood_pressure_treatment,
        lipid_lowering=profile.lipid_lowering,
        glucose_lowering=profile.glucose_lowering,
    )


# --- The record -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """What one person logged, for the period `start`–`end` (start None: from the first
    entry) plus the look-back; `since` is the first day of the daily logs read."""

    profile: ProfileRow
    username: str
    start: dt.date | None
    end: dt.date
    since: dt.date | None
    weighings: Weighings  # (date, kg) pairs
    waists: tuple[tuple[dt.date, float], ...]
    exercise: tuple[ExerciseRec, ...]
    first_exercise: dt.date | None
    checkins: tuple[CheckInRec, ...]
    meals: tuple[MealRec, ...]
    diet: tuple[DietScore, ...]
    blood_pressure: tuple[BloodPressureReading, ...]
    latest_blood_pressure: BloodPressureReading | None
    latest_waist: tuple[dt.date, float] | None
    medications: tuple[MedicationSpan, ...]
    lab_results: tuple[LabEntry, ...]  # oldest first
    weight_goal: WeightGoalRow | None
    activity_goals: tuple[ActivityGoalRow, ...]  # oldest first
    other_logs: bool  # a meal, check-in, diet check, medication or blood pressure, ever
    _figures: dict = field(default_factory=dict, compare=False, repr=False)

    def once(self, name: str, compute: Callable[[], Any]) -> Any:
        """A figure computed from this record, kept so that every page reads the same one."""
        if name not in self._figures:
            self._figures[name] = compute()
        return self._figures[name]

    @property
    def today(self) -> dt.date:
        return self.end

    @property
    def has_any_data(self) -> bool:
        return bool(
            self.weighings
            or self.latest_waist
            or self.first_exercise
            or self.lab_results
            or self.other_logs
        )

    @property
    def lab_points(self) -> dict[str, list[tuple[dt.date, float]]]:
        """Per test, the comparable results as (date, canonical value), oldest first."""

        def compute():
            points: dict[str, list[tuple[dt.date, float]]] = {}
            for entry in self.lab_results:
                if entry.comparable:
                    points.setdefault(entry.test_key, []).append((entry.date, entry.value))
            return points

        return self.once("lab_points", compute)

    @property
    def lab_qualifiers(self) -> dict[str, list[str]]:
        """Per test, one qualifier for each of lab_points ("<" for a result given as
        "<5", "" for a measured value), so that charts tell bounds from values."""

        def compute():
            found: dict[str, list[str]] = {}
            for entry in self.lab_results:
                if entry.comparable:
                    found.setdefault(entry.test_key, []).append(entry.qualifier)
            return found

        return self.once("lab_qualifiers", compute)

    @property
    def weight_series(self) -> DailySeries:
        """Every day from the first weighing to the last, gaps interpolated."""
        return self.once("weight_series", lambda: daily_weights(self.weighings))

    @property
    def trend(self) -> DailyTrend:
        """The smoothed weight trend that every page's trend weight comes from."""
        return self.once("trend", lambda: daily_trend(self.weight_series))

    @property
    def lab_dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({entry.date for entry in self.lab_results}))

    @property
    def score_dates(self) -> list[dt.date]:
        """The lab dates whose scores the pages show: every one from `since` on, and the
        look-back before it."""
        after = {day for day in self.lab_dates if self.since is None or day >= self.since}
        return sorted(after.union(lab_dates_before(self.lab_results, self.since)))

    def lab_results_between(self, start: dt.date | None, end: dt.date) -> list[LabEntry]:
        return [e for e in self.lab_results if (start is None or e.date >= start) and e.date <= end]

    def first_day(self) -> dt.date | None:
        days = [rows[0][0] for rows in (self.weighings, self.waists) if rows]
        days += [rows[0].date for rows in (self.exercise, self.checkins, self.meals) if rows]
        days += [self.diet[0].week_start] if self.diet else []
        days += [self.blood_pressure[0].date] if self.blood_pressure else []
        days += [points[0][0] for points in self.lab_points.values()]
        return min(days, default=None)


# --- Loading --------------------------------------------------------------------------------

NUMBER_OF_QUERIES = 13  # whatever the period and the amount of data


def _optional(value) -> float | None:
    return None if value is None else float(value)


def logs_since(start: dt.date | None, end: dt.date) -> dt.date | None:
    """The first day of daily logs a period needs: its first Monday, and at least the
    look-back the facts and checklists read before its end."""
    if start is None:
        return None
    this_monday = week_start(end)
    lookback = min(
        end - dt.timedelta(days=LOOKBACK_DAYS),
        this_monday - dt.timedelta(weeks=ACTIVITY_LOOKBACK_WEEKS),
    )
    return min(week_start(start), lookback)


def lab_dates_before(entries, since: dt.date | None) -> list[dt.date]:
    """The look-back for scores: before `since`, the latest date each test was measured."""
    if since is None:
        return []
    latest: dict[str, dt.date] = {}
    for entry in entries:
        if entry.date < since:
            latest[entry.test_key] = entry.date
    return sorted(set(latest.values()))


_REPORT_FIELDS = ("id", "date", "fasting", "lab_name", "note")
_RESULT_FIELDS = (
    "test_key",
    "value",
    "value_typed",
    "unit_typed",
    "lab_low_typed",
    "lab_high_typed",
    "lab_low",
    "lab_high",
    "qualifier",
)


@functools.cache
def _converter(vendor: str, model, name: str) -> Callable[[Any], Any] | None:
    """What the ORM would do to a column's value once read (on SQLite, a decimal stored as a
    float quantized to its places), taken from Django itself; None when nothing."""
    col = model._meta.get_field(name).get_col(model._meta.db_table)
    found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
    if not found:
        return None

    def convert(value):
        for converter in found:
            value = converter(value, col, connection)
        return value

    return convert


def _converters(model, fields) -> list[Callable[[Any], Any] | None]:
    return [_converter(connection.vendor, model, name) for name in fields]


def _converted(rows: list, converters: list[Callable[[Any], Any] | None]) -> list:
    """`rows` with each column as the ORM would give it (see _converter)."""
    convert = [(i, c) for i, c in enumerate(converters) if c is not None]
    if not convert:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for i, converter in convert:
            row[i] = converter(row[i])
        converted.append(row)
    return converted


def _lab_join() -> tuple[str, str, str]:
    """The results joined to their reports: (FROM clause, report table, result table)."""
    quote = connection.ops.quote_name
    report_table, result_table = quote(LabReport._meta.db_table), quote(LabResult._meta.db_table)
    joined = (
        f"{result_table} JOIN {report_table} "
        f"ON {report_table}.{quote('id')} = {result_table}.{quote('report_id')}"
    )
    return joined, report_table, result_table


def _latest_lab_dates_before(user, since: dt.date) -> list[dt.date]:
    """Each test's latest lab date before `since`, apart for fasting, not fasting and not
    said: a score needs the latest comparable glucose, which a later meal-time one hides."""
    quote = connection.ops.quote_name
    joined, report_table, result_table = _lab_join()
    day = f"{report_table}.{quote('date')}"
    sql = (
        f"SELECT MAX({day}) FROM {joined} WHERE {result_table}.{quote('user_id')} = %s "
        f"AND {day} < %s GROUP BY {result_table}.{quote('test_key')}, "
        f"{report_table}.{quote('fasting')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, since])
        return sorted({_day(value) for (value,) in cursor.fetchall()})


def _lab_ranges(before: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The date ranges of lab results a period reads before `since`: the NEAR_DAYS up to
    each look-back date, overlaps joined."""
    near = dt.timedelta(days=NEAR_DAYS)
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in before:
        if ranges and day - near <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day - near, day))
    return ranges


def _from_or_within(
    column: str, first: dt.date, ranges: list[tuple[dt.date, dt.date]]
) -> tuple[str, list]:
    """A condition for a period's rows with a look-back: the day `first` or later, or in
    one of the `ranges` (each from, to) before it; with its parameters."""
    wanted = [f"{column} >= %s", *[f"{column} BETWEEN %s AND %s" for _ in ranges]]
    return f"({' OR '.join(wanted)})", [first, *[bound for pair in ranges for bound in pair]]


def _lab_entries(user, end: dt.date, since: dt.date | None) -> list[LabEntry]:
    """The lab results a period needs, oldest first; every one up to `end` when `since` is
    None. Otherwise those from NEAR_DAYS before `since` (a score pairs results up to that
    far before its lab date) and, before that, only what the look-back reads: each test's
    latest lab date and the NEAR_DAYS before it. Every page reads the latest result of each
    test and the scores of those dates, so a ten-year history costs no more to show for
    three months than a short one."""
    quote = connection.ops.quote_name
    joined, report_table, result_table = _lab_join()
    day = f"{report_table}.{quote('date')}"
    columns = [f"{report_table}.{quote(name)}" for name in _REPORT_FIELDS]
    columns += [f"{result_table}.{quote(name)}" for name in ("id", *_RESULT_FIELDS)]
    where = f"{result_table}.{quote('user_id')} = %s AND {day} <= %s"
    params: list[Any] = [user.pk, end]
    if since is not None:
        ranges = _lab_ranges(_latest_lab_dates_before(user, since))
        wanted, more = _from_or_within(day, since - dt.timedelta(days=NEAR_DAYS), ranges)
        where, params = f"{where} AND {wanted}", [*params, *more]
    sql = (
        f"SELECT {', '.join(columns)} FROM {joined} WHERE {where} "
        f"ORDER BY {day}, {report_table}.{quote('id')}, {result_table}.{quote('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = _converted(
            cursor.fetchall(),
            _converters(LabReport, _REPORT_FIELDS)
            + _converters(LabResult, ("id", *_RESULT_FIELDS)),
        )
    reports: dict[int, LabReportRow] = {}
    entries = []
    for report_id, day_read, fasting, lab_name, note, pk, *values in rows:
        report = reports.get(report_id)
        if report is None:  # a report's dozen results share one row
            report = reports[report_id] = LabReportRow(report_id, day_read, fasting, lab_name, note)
        entries.append(LabEntry(pk, report, *values))
    return entries


@dataclass(frozen=True)
class _LookBack:
    first_exercise: dt.date | None
    other_logs: bool
    latest_waist: tuple[dt.date, float] | None
    latest_blood_pressure: BloodPressureReading | None


def _day(value) -> dt.date:
    """A date column read by raw SQL: a date on PostgreSQL, ISO text on SQLite."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _clock(value) -> dt.time:
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def _look_back(user, end: dt.date) -> _LookBack:
    """What may lie long before the period, in one query: the first exercise, the latest
    waist and blood pressure up to `end`, and whether anything else was ever logged."""
    quote = connection.ops.quote_name
    user_id, date = quote("user_id"), quote("date")

    def latest(model, column: str, order: str) -> str:
        return (
            f"(SELECT {quote(column)} FROM {quote(model._meta.db_table)} WHERE {user_id} = %s "
            f"AND {date} <= %s ORDER BY {order} LIMIT 1)"
        )

    bp_order = f"{date} DESC, {quote('time')} DESC, {quote('id')} DESC"
    waist_order = f"{date} DESC, {quote('id')} DESC"
    others = [m._meta.db_table for m in (CheckIn, Meal, DietCheck, Medication, BloodPressure)]
    exists = " OR ".join(f"EXISTS (SELECT 1 FROM {quote(t)} WHERE {user_id} = %s)" for t in others)
    columns = [
        f"(SELECT MIN({date}) FROM {quote(Exercise._meta.db_table)} "
        f"WHERE {user_id} = %s AND {date} <= %s)",
        f"CASE WHEN {exists} THEN 1 ELSE 0 END",
        latest(Measurement, "date", waist_order),
        latest(Measurement, "waist_cm", waist_order),
        *(latest(BloodPressure, c, bp_order) for c in ("date", "time", "systolic", "diastolic")),
    ]
    params = [user.pk, end, *[user.pk] * len(others), *[user.pk, end] * 6]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        first, other, waist_day, waist_cm, bp_day, bp_time, systolic, diastolic = cursor.fetchone()
    return _LookBack(
        first_exercise=None if first is None else _day(first),
        other_logs=bool(other),
        latest_waist=None if waist_day is None else (_day(waist_day), float(waist_cm)),
        latest_blood_pressure=None
        if bp_day is None
        else BloodPressureReading(_day(bp_day), _clock(bp_time), int(systolic), int(diastolic)),
    )


def medications_by(user, end: dt.date) -> tuple[MedicationSpan, ...]:
    """Every medicine in the log started by `end`, the earliest first."""
    fields = ("name", "dose", "start_date", "stop_date", "note")
    rows = _dated_rows(Medication, fields, user, end, date_field="start_date")
    return tuple(MedicationSpan(*row) for row in rows)


_WEIGHT_GOAL_FIELDS = ("baseline_date", "baseline_kg", "target_percent", "target_kg", "target_date")
_ACTIVITY_GOAL_FIELDS = (
    "minutes_per_week",
    "strength_sessions_per_week",
    "fibre_g_per_day",
    "alcohol_free_days_per_week",
    "sleep_hours_per_night",
    "created_at",
)


def _goals(model, fields, user) -> list:
    """The person's goals of one kind, the oldest first (the last one is current)."""
    where = f"{connection.ops.quote_name('user_id')} = %s"
    rows = _rows(model, fields, where, [user.pk], ("created_at", "id"))
    return _converted(rows, _converters(model, fields))


def _goal_known_by(rows: list, end: dt.date, time_zone: str) -> WeightGoalRow | None:
    """The weight goal in force on `end`: the latest one set by then (in the person's time
    zone), so that a past period's report never reads a goal, baseline or target date set
    after it. Rows are the goal's fields then its (aware) creation time, oldest first."""
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    known = [row[:-1] for row in rows if row[-1].astimezone(zone).date() <= end]
    return WeightGoalRow(*known[-1]) if known else None


def _rows(model, fields: tuple[str, ...], where: str, params: list, order: tuple[str, ...]):
    """Rows of one of the person's tables by plain SQL. The ORM spent more time building
    and converting these reads than the database spent answering them; plain columns come
    back as Python values from both databases' drivers (dates, times, numbers, text)."""
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    ordering = ", ".join(quote(meta.get_field(name).column) for name in order)
    sql = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {where} ORDER BY {ordering}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _dated_rows(model, fields, user, end, since=None, date_field="date", order=None):
    """The person's rows of `model` dated up to `end` (and from `since`), oldest first."""
    quote = connection.ops.quote_name
    day = quote(model._meta.get_field(date_field).column)
    where, params = f"{quote('user_id')} = %s AND {day} <= %s", [user.pk, end]
    if since is not None:
        where, params = f"{where} AND {day} >= %s", [*params, since]
    return _rows(model, fields, where, params, order or (date_field, "id"))


def _weighings(user, end: dt.date) -> Weighings:
    """Every weighing up to `end`, oldest first (one a day: a unique constraint): the trend
    runs from the first one. Dates come as day numbers (date.toordinal's), counted by the
    database: a long history's thousands of rows are neither decoded nor parsed as dates."""
    quote = connection.ops.quote_name
    day = quote("date")
    if connection.vendor == "sqlite":
        ordinal = f"CAST(julianday({day}) - {JULIAN_DAY_OF_ORDINAL_ZERO} AS INTEGER)"
    else:
        ordinal = f"({day} - DATE '0001-01-01' + 1)"
    sql = (
        f"SELECT {ordinal}, {quote('weight_kg')} FROM {quote(WeightEntry._meta.db_table)} "
        f"WHERE {quote('user_id')} = %s AND {day} <= %s ORDER BY {day}, {quote('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, end])
        rows = cursor.fetchall()
    ordinals, kgs = zip(*rows, strict=True) if rows else ((), ())
    return Weighings(ordinals, kgs)


def _waists(user, end: dt.date, since: dt.date | None, lab_results) -> tuple:
    """Waists from the look-back before `since`, and near the lab dates scored before it."""
    if since is None:
        return tuple(_dated_rows(Measurement, ("date", "waist_cm"), user, end))
    quote = connection.ops.quote_name
    day, near = quote("date"), dt.timedelta(days=NEAR_DAYS)
    ranges = [(lab_day - near, lab_day + near) for lab_day in lab_dates_before(lab_results, since)]
    wanted, params = _from_or_within(day, since - near, ranges)
    where = f"{quote('user_id')} = %s AND {day} <= %s AND {wanted}"
    return tuple(
        _rows(Measurement, ("date", "waist_cm"), where, [user.pk, end, *params], ("date", "id"))
    )


def load(user, profile, start: dt.date | None, end: dt.date) -> Record:
    """The record of the period `start`–`end` (start None: everything up to `end`)."""
    since = logs_since(start, end)
    lab_results = _lab_entries(user, end, since)
    blood_pressure = tuple(
        BloodPressureReading(*row)
        for row in _dated_rows(
            BloodPressure,
            ("date", "time", "systolic", "diastolic"),
            user,
            end,
            since,
            order=("date", "time", "id"),
        )
    )
    # Read apart, whatever the period: the latest reading and waist may be years old.
    look_back = _look_back(user, end)
    weight_goal = _goal_known_by(
        _goals(WeightGoal, (*_WEIGHT_GOAL_FIELDS, "created_at"), user), end, profile.time_zone
    )
    exercise = tuple(
        ExerciseRec(*row)
        for row in _dated_rows(Exercise, ("date", "minutes", "intensity", "kind"), user, end, since)
    )
    checkins = tuple(
        CheckInRec(day, _optional(sleep), _optional(stress), _optional(drinks))
        for day, sleep, stress, drinks in _dated_rows(
            CheckIn, ("date", "sleep_hours", "stress", "alcohol_drinks"), user, end, since
        )
    )
    meals = tuple(
        MealRec(day, _optional(fibre))
        for day, fibre in _dated_rows(Meal, ("date", "fibre_g"), user, end, since)
    )
    diet = tuple(
        DietScore(*row)
        for row in _dated_rows(
            DietCheck, ("week_start", "score"), user, end, since, date_field="week_start"
        )
    )
    medications = medications_by(user, end)
    return Record(
        profile=profile_row(profile),
        username=user.get_username(),
        start=start,
        end=end,
        since=since,
        weighings=_weighings(user, end),
        waists=_waists(user, end, since, lab_results),
        exercise=exercise,
        first_exercise=look_back.first_exercise,
        checkins=checkins,
        meals=meals,
        diet=diet,
        blood_pressure=blood_pressure,
        latest_blood_pressure=look_back.latest_blood_pressure,
        latest_waist=look_back.latest_waist,
        medications=medications,
        lab_results=tuple(lab_results),
        weight_goal=weight_goal,
        activity_goals=tuple(
            ActivityGoalRow(*row) for row in _goals(ActivityGoal, _ACTIVITY_GOAL_FIELDS, user)
        ),
        other_logs=look_back.other_logs,
    )
