"""Weight trend engine and weekly summaries. Pure Python: no Django imports.

The weight method follows TrendWeight and The Hacker's Diet (CLINICAL.md §7): one value per
day, gaps filled by linear interpolation, an exponentially smoothed trend, and a rate taken
from the least-squares slope of the last 14 trend values. Milestones and pace follow
CLINICAL.md §6. Every value stays an unrounded float in kg; round only for display.

A caller usually chains the steps::

    trend = smoothed_trend(daily_series(weighings))
    if trend:
        summary = progress(trend, baseline_kg=profile_baseline)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple, TypeVar

from tracker.science.units import KCAL_PER_KG

TREND_FACTOR = 0.1
RATE_WINDOW_DAYS = 14
# No projected date once the latest weighing is older than this: the rate is about the past.
PROJECTION_STALE_DAYS = 14
DAYS_PER_WEEK = 7
PROJECTION_HORIZON_DAYS = 1095  # 3 years: beyond that a projected date means nothing
DEFAULT_TARGETS_PERCENT = (5, 7, 10)

# Pace bands in kg per week (CLINICAL.md §6). A loss of exactly 1.0 or exactly 0.5 is
# "steady"; a rate within ±STABLE_BAND (edges included) is "stable".
TOO_FAST_LOSS_KG_PER_WEEK = 1.0
STEADY_LOSS_KG_PER_WEEK = 0.5
STABLE_BAND_KG_PER_WEEK = 0.05

# Absorbs float noise so that a value exactly on an edge behaves as documented.
_EPS = 1e-9


class Pace(StrEnum):
    TOO_FAST = "too fast"
    STEADY = "steady"
    SLOW = "slow"
    STABLE = "stable"
    GAINING = "gaining"


# A day of the series and of the trend: one of each per day of the whole history, so
# plain named tuples (one allocation each, where a dataclass also makes a __dict__).
class DayWeight(NamedTuple):
    date: dt.date
    kg: float
    interpolated: bool = False


class TrendPoint(NamedTuple):
    date: dt.date
    kg: float


@dataclass(frozen=True)
class Milestone:
    percent: float  # of the baseline; negative for a goal above the baseline
    target_kg: float
    reached_on: dt.date | None  # first date the trend was at or beyond the target
    distance_kg: float  # still to go from the current trend, >= 0
    projected_on: dt.date | None
    custom: bool = False  # the person's own goal weight rather than a percent line

    @property
    def reached(self) -> bool:
        return self.reached_on is not None


@dataclass(frozen=True)
class Progress:
    as_of: dt.date  # date of the last trend value
    baseline_kg: float
    current_kg: float
    change_kg: float  # negative = loss
    change_percent: float  # negative = loss
    weekly_rate_kg: float | None  # None with a single trend value
    daily_slope: float | None
    rate_days: int  # how many trend values the rate came from (at most RATE_WINDOW_DAYS)
    milestones: tuple[Milestone, ...]  # ordered by percent, nearest loss line first
    implied_daily_energy_kcal: float | None  # negative = deficit
    pace: Pace | None
    pace_caution: bool
    stale: bool = False  # the latest weighing is too old to project from (no projected dates)
    ended: bool = False  # of a period already over: nothing is projected past its end

    def as_of_period_end(self) -> Progress:
        """This progress for a report of a period already over: no projected dates, which
        would lie after the period (what happened since is another period's)."""
        milestones = tuple(replace(m, projected_on=None) for m in self.milestones)
        return replace(self, milestones=milestones, ended=True)

    @property
    def lost_percent(self) -> float:
        """Positive for a loss (negative for a gain), for sentences like "you lost 4 %"."""
        return -self.change_percent

    @property
    def lost_percent_shown(self) -> float:
        """The percent lost as every page shows it: to a tenth, rounded down."""
        return tenths_down(self.lost_percent)

    @property
    def next_milestone(self) -> Milestone | None:
        return next((m for m in self.milestones if not m.reached), None)


def tenths_down(percent: float) -> float:
    """A percentage to one decimal, rounded down, so that 4.96 % never reads as 5.0 % beside
    a note about the 5 % line. The epsilon keeps 9.1 (stored as 9.0999…) at 9.1."""
    return math.floor(percent * 10 + 1e-9) / 10


# --- daily series and trend -------------------------------------------------------------


def daily_series(entries: Iterable[tuple[dt.date, float]]) -> list[DayWeight]:
    """One value per calendar day from the first to the last weighing.

    The first entry given for a date wins (the first weighing of the day); days without a
    weighing are interpolated linearly and marked.
    """
    return list(daily_weights(entries))


def smoothed_trend(series: Iterable[DayWeight], factor: float = TREND_FACTOR) -> list[TrendPoint]:
    """T0 = W0; Tt = Tt-1 + factor * (Wt - Tt-1). Interpolated days take part."""
    days = list(series)
    kgs = _smooth([day.kg for day in days], factor)
    return [TrendPoint(day.date, kg) for day, kg in zip(days, kgs, strict=True)]


def _smooth(kgs: Iterable[float], factor: float) -> list[float]:
    if not 0 < factor <= 1:
        raise ValueError(f"smoothing factor must be in (0, 1], got {factor}")
    trend: list[float] = []
    kg: float | None = None
    for weight in kgs:
        kg = weight if kg is None else kg + factor * (weight - kg)
        trend.append(kg)
    return trend


# A long history has thousands of days, and a page shows a few months of them: the daily
# series and the trend keep their values as floats, one a day from `first`, and make a
# DayWeight or TrendPoint only for the days read (a window found by bisection, the last 14).


class _Days(Sequence):
    __slots__ = ("first", "kgs")

    def __init__(self, first: dt.date, kgs: list[float]):
        self.first, self.kgs = first, kgs

    def __len__(self) -> int:
        return len(self.kgs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._point(i) for i in range(*index.indices(len(self.kgs)))]
        if index < 0:
            index += len(self.kgs)
        if not 0 <= index < len(self.kgs):
            raise IndexError(index)
        return self._point(index)

    def __iter__(self):
        return (self._point(i) for i in range(len(self.kgs)))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def day(self, index: int) -> dt.date:
        return self.first + dt.timedelta(days=index)

    def index_of(self, day: dt.date) -> int:
        """The index of `day`, clamped to the days held."""
        return min(max((day - self.first).days, 0), len(self.kgs))

    def _point(self, index: int):
        raise NotImplementedError


class DailySeries(_Days):
    """One weight a day (see daily_series); `measured[i]` False for an interpolated day."""

    __slots__ = ("measured",)

    def __init__(self, first: dt.date, kgs: list[float], measured: bytearray):
        super().__init__(first, kgs)
        self.measured = measured

    def _point(self, index: int) -> DayWeight:
        return DayWeight(self.day(index), self.kgs[index], not self.measured[index])


class DailyTrend(_Days):
    """The smoothed trend of a DailySeries, one value a day from `first`."""

    __slots__ = ()

    def _point(self, index: int) -> TrendPoint:
        return TrendPoint(self.day(index), self.kgs[index])

    def since(self, day: dt.date) -> DailyTrend:
        """The trend from `day` on (all of it when it starts later)."""
        offset = self.index_of(day)
        return self if offset == 0 else DailyTrend(self.day(offset), self.kgs[offset:])


class Weighings(Sequence):
    """Weighings as (date, kg) pairs, oldest first and one a day, kept as day ordinals and
    floats: the trend reads a long history whole, and pages read a few of its days."""

    __slots__ = ("kgs", "ordinals")

    def __init__(self, ordinals: Sequence[int], kgs: Sequence[float]):
        self.ordinals, self.kgs = ordinals, kgs

    def __len__(self) -> int:
        return len(self.ordinals)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.ordinals)))]
        return dt.date.fromordinal(self.ordinals[index]), self.kgs[index]

    def __iter__(self):
        return map(self.__getitem__, range(len(self.ordinals)))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def daily_weights(entries: Iterable[tuple[dt.date, float]]) -> DailySeries:
    """daily_series's values, kept compact (see DailySeries)."""
    if isinstance(entries, Weighings):  # already one a day, in order
        return _daily(entries.ordinals, entries.kgs)
    first: dict[dt.date, float] = {}
    for day, kg in entries:
        if day not in first:
            first[day] = float(kg)
    days = sorted(first)
    return _daily([day.toordinal() for day in days], [first[day] for day in days])


def _daily(ordinals: Sequence[int], weights: Sequence[float]) -> DailySeries:
    """One value a day from the first ordinal to the last, gaps interpolated."""
    if not ordinals:
        return DailySeries(dt.date.min, [], bytearray())
    kgs: list[float] = []
    measured = bytearray()
    previous, previous_kg = ordinals[0], weights[0]
    for ordinal, kg in zip(ordinals, weights, strict=True):
        span = ordinal - previous
        if span > 1:
            kgs.extend(
                [previous_kg + (kg - previous_kg) * offset / span for offset in range(1, span)]
            )
            measured.extend(bytes(span - 1))
        kgs.append(kg)
        measured.append(1)
        previous, previous_kg = ordinal, kg
    return DailySeries(dt.date.fromordinal(ordinals[0]), kgs, measured)


def daily_trend(series: DailySeries, factor: float = TREND_FACTOR) -> DailyTrend:
    """smoothed_trend of a compact series, kept compact."""
    return DailyTrend(series.first, _smooth(series.kgs, factor))


# --- rate ---------------------------------------------------------------------------------


def daily_slope(trend: Sequence[TrendPoint], days: int = RATE_WINDOW_DAYS) -> float | None:
    """Least-squares slope (kg/day) of the last `days` trend values.

    With fewer values it uses what there is, so an early rate rests on less data (see
    Progress.rate_days); None with fewer than two.
    """
    if days < 2:
        raise ValueError(f"a slope needs a window of at least 2 days, got {days}")
    window = trend[-days:]
    if len(window) < 2:
        return None
    # x from the dates themselves, so a trend with missing days still gives kg per day.
    xs = [(p.date - window[0].date).days for p in window]
    return _least_squares_slope(xs, [p.kg for p in window])


def weekly_rate(trend: Sequence[TrendPoint], days: int = RATE_WINDOW_DAYS) -> float | None:
    """kg per week (negative = losing); see daily_slope for the window."""
    slope = daily_slope(trend, days)
    return None if slope is None else slope * DAYS_PER_WEEK


def _least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    x_mean = sum(xs) / len(xs)
    y_mean = sum(ys) / len(ys)
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - x_mean) ** 2 for x in xs)
    return sxy / sxx


def classify_pace(weekly_rate_kg: float) -> Pace:
    """Name a weekly rate: loss > 1 too fast, 0.5–1 steady, under 0.5 slow, ±0.05 stable."""
    if weekly_rate_kg > STABLE_BAND_KG_PER_WEEK + _EPS:
        return Pace.GAINING
    loss = -weekly_rate_kg
    if loss > TOO_FAST_LOSS_KG_PER_WEEK + _EPS:
        return Pace.TOO_FAST
    if loss >= STEADY_LOSS_KG_PER_WEEK - _EPS:
        return Pace.STEADY
    if loss > STABLE_BAND_KG_PER_WEEK + _EPS:
        return Pace.SLOW
    return Pace.STABLE


# --- progress and milestones --------------------------------------------------------------


def progress(
    trend: Sequence[TrendPoint],
    baseline_kg: float,
    targets_percent: Iterable[float] = DEFAULT_TARGETS_PERCENT,
    target_kg: float | None = None,
    today: dt.date | None = None,
    baseline_date: dt.date | None = None,
) -> Progress:
    """Where the trend stands against the baseline and the 5/7/10 % lines.

    The weekly rate and the pace come from the last 14 days of the whole trend; the
    baseline only sets the milestones, which count as reached from `baseline_date` on (an
    earlier low does not count). Projected dates run from `today` (default: the last trend
    date) and are left out when the latest weighing is more than 14 days before it. The
    trend must not be empty.
    """
    if not trend:
        raise ValueError("progress needs at least one trend value")
    if baseline_kg <= 0:
        raise ValueError(f"baseline must be positive, got {baseline_kg}")
    baseline_kg = float(baseline_kg)
    current = trend[-1]
    today = today or current.date
    slope = daily_slope(trend)
    rate_days = min(len(trend), RATE_WINDOW_DAYS)
    weekly = None if slope is None else slope * DAYS_PER_WEEK
    pace = None if weekly is None else classify_pace(weekly)
    change_kg = current.kg - baseline_kg
    stale = (today - current.date).days > PROJECTION_STALE_DAYS
    since_baseline = _since(trend, baseline_date)
    milestones = _milestones(
        since_baseline or trend[-1:],
        baseline_kg,
        targets_percent,
        target_kg,
        None if stale else slope,
        today,
    )
    return Progress(
        as_of=current.date,
        baseline_kg=baseline_kg,
        current_kg=current.kg,
        change_kg=change_kg,
        change_percent=change_kg / baseline_kg * 100,
        weekly_rate_kg=weekly,
        daily_slope=slope,
        rate_days=rate_days,
        milestones=milestones,
        implied_daily_energy_kcal=None if slope is None else slope * KCAL_PER_KG,
        pace=pace,
        # Only a sustained rate is worrying: a full 14-day window, not a few early days.
        pace_caution=pace is Pace.TOO_FAST and rate_days >= RATE_WINDOW_DAYS,
        stale=stale,
    )


def _since(trend: Sequence[TrendPoint], day: dt.date | None) -> Sequence[TrendPoint]:
    if day is None:
        return trend
    if isinstance(trend, DailyTrend):
        return trend.since(day)
    return [p for p in trend if p.date >= day]


def _first_reached(trend: Sequence[TrendPoint], target_kg: float, sign: float) -> dt.date | None:
    """The first date the trend was at or beyond the target (see _milestone's excess); a
    compact trend is read as floats, with the same arithmetic."""
    if isinstance(trend, DailyTrend):
        kgs = trend.kgs
        index = next((i for i, kg in enumerate(kgs) if (kg - target_kg) * sign <= _EPS), None)
        return None if index is None else trend.day(index)
    return next((p.date for p in trend if (p.kg - target_kg) * sign <= _EPS), None)


def _milestones(
    trend: Sequence[TrendPoint],
    baseline_kg: float,
    targets_percent: Iterable[float],
    target_kg: float | None,
    slope: float | None,
    today: dt.date,
) -> tuple[Milestone, ...]:
    # (percent, target kg, custom)
    goals = [(float(p), baseline_kg - baseline_kg * p / 100, False) for p in targets_percent]
    if target_kg is not None:
        custom_percent = (baseline_kg - target_kg) / baseline_kg * 100
        goals.append((custom_percent, float(target_kg), True))
    # Sorted so that the first milestone not reached is the next one to aim for.
    goals.sort(key=lambda goal: goal[0])
    return tuple(
        _milestone(trend, baseline_kg, percent, kg, custom, slope, today)
        for percent, kg, custom in goals
    )


def _milestone(
    trend: Sequence[TrendPoint],
    baseline_kg: float,
    percent: float,
    target_kg: float,
    custom: bool,
    slope: float | None,
    today: dt.date,
) -> Milestone:
    # +1 for a loss goal, -1 for a goal above the baseline: "excess" is then the weight
    # still to go in either direction, and <= 0 once the goal is reached.
    sign = 1.0 if target_kg <= baseline_kg else -1.0

    def excess(kg: float) -> float:
        return (kg - target_kg) * sign

    reached_on = _first_reached(trend, target_kg, sign)
    remaining = excess(trend[-1].kg)
    distance = remaining if remaining > _EPS else 0.0
    projected_on = None
    if reached_on is None and slope is not None:
        projected_on = _project(today, distance, -slope * sign)
    return Milestone(percent, target_kg, reached_on, distance, projected_on, custom)


def _project(today: dt.date, distance_kg: float, speed_toward: float) -> dt.date | None:
    """today + ceil(distance / speed) days, when moving toward the goal within 3 years."""
    if speed_toward <= 0:
        return None
    # The epsilon keeps float noise (3.7 / 0.1 = 37.000000000000004) from adding a day.
    days = math.ceil(distance_kg / speed_toward - _EPS)
    # Compare day counts before building a date: a tiny slope would overflow dt.date.
    if days > PROJECTION_HORIZON_DAYS:
        return None
    return today + dt.timedelta(days=days)


# --- weekly summaries ---------------------------------------------------------------------


class Intensity(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"


# A vigorous minute counts as two moderate ones (CLINICAL.md §6). Light activity does not
# count toward the 150-minute guideline; it is reported separately as light_minutes.
MODERATE_EQUIVALENT = {Intensity.LIGHT: 0, Intensity.MODERATE: 1, Intensity.VIGOROUS: 2}
STRENGTH_KIND = "resistance"
ACTIVITY_TARGET_MINUTES = 150  # moderate-equivalent minutes per week
STRENGTH_TARGET_DAYS = 2


@dataclass(frozen=True)
class ExerciseRec:
    date: dt.date
    minutes: float
    intensity: str  # an Intensity value
    kind: str = ""  # STRENGTH_KIND marks muscle strengthening


@dataclass(frozen=True)
class CheckInRec:
    date: dt.date
    sleep_hours: float | None = None
    stress: float | None = None
    alcohol_drinks: float | None = None  # None = not answered, 0 = an alcohol-free day


@dataclass(frozen=True)
class MealRec:
    date: dt.date
    fibre_g: float | None = None  # None = unknown


@dataclass(frozen=True)
class DietScore:
    week_start: dt.date  # any day of the week; normalised to its Monday
    score: float


@dataclass(frozen=True)
class WeekSummary:
    week_start: dt.date  # a Monday
    moderate_equivalent_minutes: float
    light_minutes: float
    moderate_minutes: float
    vigorous_minutes: float
    strength_days: int  # distinct days with a resistance session
    avg_daily_fibre_g: float | None  # over days with a known fibre amount
    fibre_days: int
    alcohol_drinks: float | None  # None when no check-in recorded drinks
    alcohol_days_logged: int  # days with drinks recorded, 0 included
    alcohol_free_days: int  # days recorded with 0 drinks
    avg_sleep_hours: float | None
    avg_stress: float | None
    diet_score: float | None

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=DAYS_PER_WEEK - 1)

    @property
    def meets_activity_target(self) -> bool:
        return self.moderate_equivalent_minutes >= ACTIVITY_TARGET_MINUTES

    @property
    def meets_strength_target(self) -> bool:
        return self.strength_days >= STRENGTH_TARGET_DAYS


def week_start(d: dt.date) -> dt.date:
    """The Monday of d's ISO week."""
    return d - dt.timedelta(days=d.weekday())


def weekly_summaries(
    exercise: Iterable[ExerciseRec] = (),
    checkins: Iterable[CheckInRec] = (),
    meals: Iterable[MealRec] = (),
    diet_scores: Iterable[DietScore] = (),
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[WeekSummary]:
    """One summary per ISO week (Monday to Sunday), empty weeks included.

    The weeks run from start to end when given (records outside are ignored), otherwise
    from the first to the last week with any record. A check-in per day is expected; with
    several, drinks are added up per day and sleep and stress averaged over all of them.
    """
    by_week: dict[str, dict[dt.date, list]] = {
        "exercise": _by_week(exercise, lambda r: r.date),
        "checkins": _by_week(checkins, lambda r: r.date),
        "meals": _by_week(meals, lambda r: r.date),
        "diet": _by_week(diet_scores, lambda r: r.week_start),
    }
    weeks = [week for records in by_week.values() for week in records]
    if not weeks and (start is None or end is None):
        return []
    first = week_start(start) if start else min(weeks)
    last = week_start(end) if end else max(weeks)
    summaries = []
    for monday in _mondays(first, last):
        diet = by_week["diet"].get(monday, [])
        summaries.append(
            _summarise_week(
                monday,
                by_week["exercise"].get(monday, []),
                by_week["checkins"].get(monday, []),
                by_week["meals"].get(monday, []),
                diet[0].score if diet else None,  # the first score given wins, as for weights
            )
        )
    return summaries


_R = TypeVar("_R")


def _by_week(records: Iterable[_R], day_of: Callable[[_R], dt.date]) -> dict[dt.date, list[_R]]:
    weeks: dict[dt.date, list[_R]] = defaultdict(list)
    for record in records:
        weeks[week_start(day_of(record))].append(record)
    return weeks


def _mondays(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    monday = first
    while monday <= last:
        yield monday
        monday += dt.timedelta(days=DAYS_PER_WEEK)


def _summarise_week(
    monday: dt.date,
    exercise: list[ExerciseRec],
    checkins: list[CheckInRec],
    meals: list[MealRec],
    diet_score: float | None,
) -> WeekSummary:
    minutes = _minutes_by_intensity(exercise)
    fibre = _daily_totals((m.date, m.fibre_g) for m in meals)
    drinks = _daily_totals((c.date, c.alcohol_drinks) for c in checkins)
    return WeekSummary(
        week_start=monday,
        moderate_equivalent_minutes=sum(
            mins * MODERATE_EQUIVALENT[intensity] for intensity, mins in minutes.items()
        ),
        light_minutes=minutes[Intensity.LIGHT],
        moderate_minutes=minutes[Intensity.MODERATE],
        vigorous_minutes=minutes[Intensity.VIGOROUS],
        strength_days=len({e.date for e in exercise if e.kind == STRENGTH_KIND}),
        avg_daily_fibre_g=_mean(fibre.values()),
        fibre_days=len(fibre),
        alcohol_drinks=sum(drinks.values()) if drinks else None,
        alcohol_days_logged=len(drinks),
        alcohol_free_days=sum(1 for total in drinks.values() if total == 0),
        avg_sleep_hours=_mean(c.sleep_hours for c in checkins if c.sleep_hours is not None),
        avg_stress=_mean(c.stress for c in checkins if c.stress is not None),
        diet_score=diet_score,
    )


def _minutes_by_intensity(exercise: Iterable[ExerciseRec]) -> dict[Intensity, float]:
    minutes = dict.fromkeys(Intensity, 0.0)
    for record in exercise:
        # Intensity() raises ValueError for an unknown level rather than counting it as 0.
        minutes[Intensity(record.intensity)] += record.minutes
    return minutes


def _daily_totals(values: Iterable[tuple[dt.date, float | None]]) -> dict[dt.date, float]:
    """Sum per day, skipping unknown (None) values; a day with only unknowns is left out."""
    totals: dict[dt.date, float] = defaultdict(float)
    for day, value in values:
        if value is not None:
            totals[day] += value
    return totals


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
