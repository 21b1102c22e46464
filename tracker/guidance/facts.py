"""A person's current facts, gathered from the database once per page for the rules.

The dataclasses are plain data: rules.py reads them without touching the database, and
tests build them by hand. gather() is the only function here that runs queries: under
twenty, whatever the amount of data (16 for the year-long demo account, in about 12 ms).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Min

from tracker.accounts.conditions import conditions_of
from tracker.labs import scores as derived
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
    WeightEntry,
    WeightGoal,
)
from tracker.progress.board import weight_view
from tracker.science import clinical, trends, units
from tracker.science.conditions import Conditions

ALCOHOL_WINDOW_DAYS = 7
SLEEP_WINDOW_DAYS = 7
SLEEP_MIN_NIGHTS = 3  # fewer nights logged say too little about a usual night
ACTIVITY_WEEKS = 2  # complete weeks looked back on
DEFAULT_ACTIVITY_MINUTES = trends.ACTIVITY_TARGET_MINUTES


@dataclass(frozen=True)
class Reading:
    """A lab value or a score (canonical units) and the date it comes from."""

    value: float
    date: dt.date


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

# Logs that count as "some data" besides weights, exercise and labs (checked last, lazily).
OTHER_LOGS = (CheckIn, Measurement, BloodPressure, Meal, DietCheck, Medication)


def gather(user, profile, today: dt.date) -> Facts:
    weight = _weight(user, profile)
    first_exercise = Exercise.objects.filter(user=user).aggregate(first=Min("date"))["first"]
    last_lab_date = LabReport.objects.filter(user=user).aggregate(last=Max("date"))["last"]
    has_any_data = bool(weight or first_exercise or last_lab_date) or _any_other_log(user)
    if not has_any_data:
        return Facts(today=today, sex=profile.sex or None)  # a first run: nothing to read
    indices = _latest_values(user, profile) if last_lab_date else {}
    conditions = conditions_of(user, profile, today)
    inputs = derived.checklist_inputs(user, profile, today)
    metabolic, masld = derived.checklists(user, profile, inputs, conditions)
    latest = _latest_labs(user, ("alt", "lsm", "cap")) if last_lab_date else {}
    return Facts(
        today=today,
        has_any_data=True,
        sex=profile.sex or None,
        si=derived.si_analytes(profile),
        conditions=conditions,
        weight=weight,
        activity=_activity(user, today, first_exercise) if first_exercise else None,
        alcohol=_alcohol(user, today),
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
        sleep=_sleep(user, today),
        metabolic_syndrome=_criteria(metabolic),
        masld=_criteria(masld),
        last_lab_date=last_lab_date,
    )


def _any_other_log(user) -> bool:
    return any(model.objects.filter(user=user).exists() for model in OTHER_LOGS)


def _weight(user, profile) -> WeightFacts | None:
    weighings = list(
        WeightEntry.objects.filter(user=user).order_by("date").values_list("date", "weight_kg")
    )
    if not weighings:
        return None
    goal = WeightGoal.objects.filter(user=user).current()
    # The same trend and milestones as the dashboard shows.
    view = weight_view(weighings, goal, profile, weighings[-1][0])
    baseline_date, progress = view.baseline_date, view.progress
    # The next line still ahead of today's trend (a line reached once and lost again
    # counts as ahead), so the note never points at a line already behind the person.
    ahead = next((m for m in progress.milestones if m.distance_kg > 0), None)
    return WeightFacts(
        unit=profile.weight_unit,
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


def _activity(user, today: dt.date, first_exercise: dt.date) -> ActivityFacts:
    this_monday = trends.week_start(today)
    start = this_monday - dt.timedelta(days=7 * ACTIVITY_WEEKS)
    end = this_monday - dt.timedelta(days=1)
    records = [
        trends.ExerciseRec(day, minutes, intensity, kind)
        for day, minutes, intensity, kind in Exercise.objects.filter(
            user=user, date__range=(start, end)
        ).values_list("date", "minutes", "intensity", "kind")
    ]
    goal = ActivityGoal.objects.filter(user=user).current()
    weeks = trends.weekly_summaries(records, start=start, end=end)
    return ActivityFacts(
        goal_minutes=goal.minutes_per_week if goal else DEFAULT_ACTIVITY_MINUTES,
        # A week that ended before the first exercise was logged says nothing about activity.
        weeks=tuple(
            WeekMinutes(week.week_start, week.moderate_equivalent_minutes)
            for week in weeks
            if week.week_end >= first_exercise
        ),
    )


def _alcohol(user, today: dt.date) -> AlcoholFacts | None:
    start = today - dt.timedelta(days=ALCOHOL_WINDOW_DAYS - 1)
    drinks = [
        float(value)
        for value in CheckIn.objects.filter(
            user=user, date__range=(start, today), alcohol_drinks__isnull=False
        ).values_list("alcohol_drinks", flat=True)
    ]
    if not drinks:
        return None
    total = sum(drinks)
    return AlcoholFacts(drinks=total, grams=units.grams_of_alcohol(total), days_logged=len(drinks))


# --- Labs and scores (worked out by tracker.derived, as on the labs pages) ---------------------


def _latest_labs(user, keys: tuple[str, ...]) -> dict[str, Reading]:
    """The newest result of each test, in one query."""
    found: dict[str, Reading] = {}
    results = (
        LabResult.objects.filter(user=user, test_key__in=keys)
        .order_by("report__date", "report_id", "id")
        .values_list("test_key", "value", "report__date")
    )
    for key, value, day in results:  # oldest first: newer ones win
        found[key] = Reading(value, day)
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


def _sleep(user, today: dt.date) -> SleepFacts | None:
    start = today - dt.timedelta(days=SLEEP_WINDOW_DAYS - 1)
    hours = [
        float(value)
        for value in CheckIn.objects.filter(
            user=user, date__range=(start, today), sleep_hours__isnull=False
        ).values_list("sleep_hours", flat=True)
    ]
    if len(hours) < SLEEP_MIN_NIGHTS:
        return None
    return SleepFacts(sum(hours) / len(hours), len(hours))


def _latest_values(user, profile) -> dict[str, derived.IndexPoint]:
    """The newest point of each index that has a value. (derived.latest_indices keeps the
    newest point even when it lacks an input; an older score is still worth a note.)"""
    found = {}
    for point in derived.index_history(user, profile):  # oldest first: newer ones win
        if point.value is not None:
            found[point.key] = point
    return found


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
