"""A person's current facts, read from their record (tracker/record.py) for the rules.

The dataclasses are plain data: rules.py reads them without touching the database, and
tests build them by hand. gather() runs no query: it reads the record the view loaded and
the figures computed once on it (the trend and milestones of the dashboard, the scores
and checklists of the labs pages), so a note never disagrees with the page beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.labs import scores as derived
from tracker.progress.board import weight_view
from tracker.record import Record
from tracker.science import clinical, trends, units
from tracker.science.conditions import Conditions

ALCOHOL_WINDOW_DAYS = 7
SLEEP_WINDOW_DAYS = 7
SLEEP_MIN_NIGHTS = 3  # fewer nights logged say too little about a usual night
ACTIVITY_WEEKS = 2  # complete weeks looked back on
DEFAULT_ACTIVITY_MINUTES = trends.ACTIVITY_TARGET_MINUTES


@dataclass(frozen=True)
class Reading:
    """A lab value or a score (canonical units) and the date it comes from; `qualifier` is
    the sign of a result the lab gave as a bound ("<", ">", "≤", "≥"), "" for a value."""

    value: float
    date: dt.date
    qualifier: str = ""


@dataclass(frozen=True)
class WeightFacts:
    unit: str  # the person's display unit, "kg" or "lb"
    baseline_kg: float
    baseline_date: dt.date
    current_kg: float  # the latest trend value, not a single weighing
    as_of: dt.date
    lost_percent: float  # of the baseline; negative for a gain
    weekly_rate_kg: float | None  # negative = losing
    rate_days: int
    pace_caution: bool  # losing faster than 1 kg a week over a full 14 days
    next_milestone_percent: float | None = None  # the first 5/7/10 % line still ahead
    next_milestone_kg: float | None = None

    @property
    def lost_kg(self) -> float:
        return self.baseline_kg - self.current_kg


@dataclass(frozen=True)
class WeekMinutes:
    week_start: dt.date  # a Monday
    minutes: float  # moderate-equivalent (a vigorous minute counts twice)


@dataclass(frozen=True)
class ActivityFacts:
    goal_minutes: int
    weeks: tuple[WeekMinutes, ...]  # the last complete weeks since logging began, oldest first


@dataclass(frozen=True)
class AlcoholFacts:
    drinks: float  # standard drinks (14 g) over the window
    grams: float
    days_logged: int
    window_days: int = ALCOHOL_WINDOW_DAYS


@dataclass(frozen=True)
class Fib4Facts:
    reading: Reading
    category: str  # clinical.fib4_category key: "low", "indeterminate" or "high"
    age: int
    reliable: bool  # False under 35
    low_cutoff: float
    source: str


@dataclass(frozen=True)
class CriteriaFacts:
    met: tuple[str, ...]  # labels of the criteria met
    total: int
    needed: int
    source: str

    @property
    def met_count(self) -> int:
        return len(self.met)


@dataclass(frozen=True)
class ScoreFacts:
    """A score with a category (NAFLD fibrosis score, APRI)."""

    reading: Reading
    category: str  # "low", "indeterminate" or "high"
    source: str


@dataclass(frozen=True)
class BloodPressureFacts:
    systolic: float
    diastolic: float
    how: str  # e.g. "average of 3 readings, 1 Nov – 20 Nov 2026", or "latest reading, 3 Sep 2026"


@dataclass(frozen=True)
class SleepFacts:
    average_hours: float
    nights: int  # nights logged in the window
    window_days: int = SLEEP_WINDOW_DAYS


@dataclass(frozen=True)
class Facts:
    today: dt.date
    has_any_data: bool = False
    sex: str | None = None  # "female", "male" or None
    si: frozenset[str] = frozenset()  # analytes the person reads in SI units
    conditions: Conditions = field(default_factory=Conditions)
    weight: WeightFacts | None = None
    activity: ActivityFacts | None = None
    alcohol: AlcoholFacts | None = None
    alt: Reading | None = None
    fib4: Fib4Facts | None = None
    nfs: ScoreFacts | None = None
    apri: ScoreFacts | None = None
    homa_ir: Reading | None = None
    lsm: Reading | None = None  # liver stiffness, kPa
    cap: Reading | None = None  # controlled attenuation parameter, dB/m
    glucose: Reading | None = None  # fasting, mg/dL
    hba1c: Reading | None = None  # %
    triglycerides: Reading | None = None  # mg/dL
    hdl: Reading | None = None  # mg/dL
    blood_pressure: BloodPressureFacts | None = None
    bmi: Reading | None = None
    bmi_cutoffs: str = "WHO"
    waist: Reading | None = None  # cm
    waist_population: str = "US"
    length_unit: str = "cm"
    sleep: SleepFacts | None = None
    metabolic_syndrome: CriteriaFacts | None = None
    masld: CriteriaFacts | None = None
    last_lab_date: dt.date | None = None


# --- Gathering ------------------------------------------------------------------------------


def gather(record: Record, today: dt.date | None = None) -> Facts:
    """The facts as of `today` (the record's end unless given)."""
    today = today or record.end
    profile = record.profile
    if not record.has_any_data:
        return Facts(today=today, sex=profile.sex or None)  # a first run: nothing to read
    indices = derived.latest_values(record) if record.lab_results else {}
    inputs = derived.checklist_inputs(record)
    metabolic, masld = derived.checklists(record)
    latest = _latest_labs(record, ("alt", "lsm", "cap"))
    return Facts(
        today=today,
        has_any_data=True,
        sex=profile.sex or None,
        si=derived.si_analytes(profile),
        conditions=derived.conditions_at(record),
        weight=_weight(record),
        activity=_activity(record, today) if record.first_exercise else None,
        alcohol=_alcohol(record, today),
        alt=latest.get("alt"),
        fib4=_fib4(indices.get("fib4"), profile),
        nfs=_score(indices.get("nfs")),
        apri=_score(indices.get("apri")),
        homa_ir=_reading(indices.get("homa_ir")),
        lsm=latest.get("lsm"),
        cap=latest.get("cap"),
        glucose=_input_reading(inputs, "glucose"),
        hba1c=_input_reading(inputs, "hba1c"),
        triglycerides=_input_reading(inputs, "triglycerides"),
        hdl=_input_reading(inputs, "hdl"),
        blood_pressure=_blood_pressure(inputs),
        bmi=_input_reading(inputs, "bmi"),
        bmi_cutoffs=profile.bmi_cutoffs,
        waist=_input_reading(inputs, "waist_cm"),
        waist_population=profile.waist_population,
        length_unit=profile.length_unit,
        sleep=_sleep(record, today),
        metabolic_syndrome=_criteria(metabolic),
        masld=_criteria(masld),
        last_lab_date=record.lab_dates[-1] if record.lab_results else None,
    )


def _weight(record: Record) -> WeightFacts | None:
    # The same trend and milestones as the dashboard shows.
    view = weight_view(record)
    if view is None:
        return None
    baseline_date, progress = view.baseline_date, view.progress
    # The next line still ahead of today's trend (a line reached once and lost again
    # counts as ahead), so the note never points at a line already behind the person.
    ahead = next((m for m in progress.milestones if m.distance_kg > 0), None)
    return WeightFacts(
        unit=record.profile.weight_unit,
        baseline_kg=progress.baseline_kg,
        baseline_date=baseline_date,
        current_kg=progress.current_kg,
        as_of=progress.as_of,
        lost_percent=progress.lost_percent,
        weekly_rate_kg=progress.weekly_rate_kg,
        rate_days=progress.rate_days,
        pace_caution=progress.pace_caution,
        next_milestone_percent=ahead.percent if ahead else None,
        next_milestone_kg=ahead.target_kg if ahead else None,
    )


def _activity(record: Record, today: dt.date) -> ActivityFacts:
    this_monday = trends.week_start(today)
    start = this_monday - dt.timedelta(days=7 * ACTIVITY_WEEKS)
    end = this_monday - dt.timedelta(days=1)
    records = [r for r in record.exercise if start <= r.date <= end]
    goal = record.activity_goals[-1] if record.activity_goals else None
    weeks = trends.weekly_summaries(records, start=start, end=end)
    return ActivityFacts(
        goal_minutes=goal.minutes_per_week if goal else DEFAULT_ACTIVITY_MINUTES,
        # A week that ended before the first exercise was logged says nothing about activity.
        weeks=tuple(
            WeekMinutes(week.week_start, week.moderate_equivalent_minutes)
            for week in weeks
            if week.week_end >= record.first_exercise
        ),
    )


def _recent_checkins(record: Record, today: dt.date, days: int):
    start = today - dt.timedelta(days=days - 1)
    return [c for c in record.checkins if start <= c.date <= today]


def _alcohol(record: Record, today: dt.date) -> AlcoholFacts | None:
    drinks = [
        c.alcohol_drinks
        for c in _recent_checkins(record, today, ALCOHOL_WINDOW_DAYS)
        if c.alcohol_drinks is not None
    ]
    if not drinks:
        return None
    total = sum(drinks)
    return AlcoholFacts(drinks=total, grams=units.grams_of_alcohol(total), days_logged=len(drinks))


# --- Labs and scores (from the record's figures, as on the labs pages) ------------------------


def _latest_labs(record: Record, keys: tuple[str, ...]) -> dict[str, Reading]:
    """The newest result of each test."""
    found: dict[str, Reading] = {}
    for entry in record.lab_results:  # oldest first: newer ones win
        if entry.test_key in keys:
            found[entry.test_key] = Reading(entry.value, entry.date, entry.qualifier)
    return found


def _input_reading(inputs: derived.ChecklistInputs, name: str) -> Reading | None:
    value, shown = inputs.values.get(name), inputs.shown.get(name)
    if value is None or shown is None or shown.date is None:
        return None
    return Reading(value, shown.date)


def _blood_pressure(inputs: derived.ChecklistInputs) -> BloodPressureFacts | None:
    systolic, diastolic = inputs.values.get("systolic"), inputs.values.get("diastolic")
    shown = inputs.shown.get("systolic")
    if systolic is None or diastolic is None or shown is None:
        return None
    # The checklist's own words for where the numbers come from, after "130/80 mmHg ".
    how = shown.value_text.partition("(")[2].rstrip(")")
    return BloodPressureFacts(float(systolic), float(diastolic), how)


def _sleep(record: Record, today: dt.date) -> SleepFacts | None:
    hours = [
        c.sleep_hours
        for c in _recent_checkins(record, today, SLEEP_WINDOW_DAYS)
        if c.sleep_hours is not None
    ]
    if len(hours) < SLEEP_MIN_NIGHTS:
        return None
    return SleepFacts(sum(hours) / len(hours), len(hours))


def _reading(point: derived.IndexPoint | None) -> Reading | None:
    return None if point is None else Reading(point.value, point.date)


def _score(point: derived.IndexPoint | None) -> ScoreFacts | None:
    if point is None or point.category is None:
        return None
    return ScoreFacts(Reading(point.value, point.date), point.category.key, point.category.source)


def _fib4(point: derived.IndexPoint | None, profile) -> Fib4Facts | None:
    if point is None or point.category is None:
        return None
    age = profile.age_on(point.date)
    return Fib4Facts(
        reading=Reading(point.value, point.date),
        category=point.category.key,
        age=age,
        reliable=point.category.reliable,
        low_cutoff=clinical.FIB4_LOW_65 if age >= clinical.OLDER_AGE else clinical.FIB4_LOW,
        source=point.category.source,
    )


def _criteria(result: clinical.CriteriaResult) -> CriteriaFacts | None:
    if all(criterion.met is None for criterion in result):
        return None
    return CriteriaFacts(
        met=tuple(criterion.label for criterion in result if criterion.met),
        total=len(result.criteria),
        needed=result.needed,
        source=result.source,
    )
