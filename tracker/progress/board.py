"""The progress dashboard's data: one person's record (tracker/record.py, loaded once by
the view) turned into the header figures and the charts.

Pure: the trend, the progress toward the goal and the
weekly summaries are computed once per record and kept on it, so the guidance notes and the
report read the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.utils import timezone

from tracker import display
from tracker.labs import scores as derived
from tracker.progress import charts
from tracker.progress.charts import Chart, DisplayUnits, Window
from tracker.record import ActivityGoalRow, MedicationSpan, ProfileRow, Record, WeightGoalRow
from tracker.science import clinical, labs, units
from tracker.science.trends import (
    ACTIVITY_TARGET_MINUTES,
    DEFAULT_TARGETS_PERCENT,
    STRENGTH_TARGET_DAYS,
    TOO_FAST_LOSS_KG_PER_WEEK,
    Pace,
    WeekSummary,
    progress,
    week_start,
    weekly_summaries,
)

# key -> (label, days); None = everything.
RANGES: dict[str, tuple[str, int | None]] = {
    "4w": ("4 weeks", 28),
    "3m": ("3 months", 91),
    "6m": ("6 months", 182),
    "1y": ("1 year", 365),
    "all": ("All", None),
}
DEFAULT_RANGE = "3m"
# Derived from body measures, already drawn on the weight and waist charts.
INDICES_ON_OTHER_CHARTS = frozenset({"bmi", "waist_to_height"})


def range_key(text: str | None) -> str:
    return text if text in RANGES else DEFAULT_RANGE


def _optional(value) -> float | None:
    return None if value is None else float(value)


def period_for(key: str, today: date) -> tuple[date | None, date]:
    """The period a dashboard range needs loaded: None reads everything."""
    days = RANGES[range_key(key)][1]
    return (None if days is None else today - timedelta(days=days - 1)), today


# --- Goals that applied then --------------------------------------------------------------


def _set_on(goal) -> date:
    return timezone.localtime(goal.created_at).date()


def goal_for_week(goals, monday: date) -> ActivityGoalRow | None:
    """The activity goal in force at the end of that week: a later change does not rewrite
    the weeks before it. None before the first goal (the defaults applied then)."""
    sunday = monday + timedelta(days=6)
    applied = None
    for goal in goals:
        if _set_on(goal) <= sunday:
            applied = goal
    return applied


def weekly_goals(goals, weeks: list[WeekSummary]) -> tuple[list[float], list[float]]:
    """Minutes and strength days that each week was measured against."""
    minutes, strength = [], []
    for week in weeks:
        goal = goal_for_week(goals, week.week_start)
        minutes.append(goal.minutes_per_week if goal else ACTIVITY_TARGET_MINUTES)
        strength.append(goal.strength_sessions_per_week if goal else STRENGTH_TARGET_DAYS)
    return minutes, strength


# --- Weight -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    date: date
    kg: float
    chosen: bool  # set on the goals page, rather than the first weighing


def baseline_of(weighings, goal: WeightGoalRow | None) -> Baseline | None:
    if goal is not None:
        return Baseline(goal.baseline_date, goal.baseline_kg, True)
    if weighings:
        day, kg = weighings[0]
        return Baseline(day, kg, False)
    return None


def weight_view(record: Record, ended: bool = False) -> charts.WeightView | None:
    """The trend and progress toward the goal (or 5/7/10 % of the first weighing), as of
    the record's end; computed once per record. `ended`: for a period already over, with
    nothing projected past its end."""
    view = record.once("weight_view", lambda: _weight_view(record))
    if ended and view is not None:
        return replace(view, progress=view.progress.as_of_period_end())
    return view


def _weight_view(record: Record) -> charts.WeightView | None:
    weighings, goal, profile, today = (
        record.weighings,
        record.weight_goal,
        record.profile,
        record.end,
    )
    if not weighings:
        return None
    baseline = baseline_of(weighings, goal)
    series, trend = record.weight_series, record.trend
    target_kg = target_percent = None
    if goal is not None and goal.target_kg is not None:
        target_kg = goal.target_kg
    elif goal is not None and goal.target_percent is not None:
        target_percent = float(goal.target_percent)
        if target_percent not in DEFAULT_TARGETS_PERCENT:
            target_kg = goal.goal_kg
    return charts.WeightView(
        series=series,
        trend=trend,
        # The rate reads the whole trend; milestones count from the baseline date on.
        progress=progress(
            trend, baseline.kg, target_kg=target_kg, today=today, baseline_date=baseline.date
        ),
        baseline_date=baseline.date,
        target_date=goal.target_date if goal else None,
        target_percent=target_percent,
        height_cm=profile.height_cm,
        bmi_cutoffs=profile.bmi_cutoffs,
    )


# --- Header -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    label: str
    value: str
    detail: str = ""
    caution: str = ""
    on: date | None = None  # the day the figure is of, when it is one day's figure


# A report of a period already over projects nothing past its end.
PAST_PERIOD_NOT_PROJECTED = "not projected: this report covers a period already over"

PACE_WORDS = {
    Pace.TOO_FAST: "faster than the advised pace",
    Pace.STEADY: "a steady pace",
    Pace.SLOW: "a slow, gentle pace",
    Pace.STABLE: "about stable",
    Pace.GAINING: "going up",
}
PACE_CAUTION = (
    "Losing more than 1 kg a week for weeks on end has been linked to more liver inflammation "
    "(Andersen et al. 1991; pace from EASL–EASD–EASO 2016). Talk to your doctor about your pace."
)


def weight_stats(view: charts.WeightView, baseline: Baseline, unit: str) -> list[Stat]:
    p = view.progress
    stats = [
        Stat(
            "Baseline",
            display.weight_in(p.baseline_kg, unit),
            f"on {display.day_text(baseline.date)}"
            + ("" if baseline.chosen else " (your first weighing)"),
            on=baseline.date,
        ),
        Stat(
            "Trend weight",
            display.weight_in(p.current_kg, unit),
            f"on {display.day_text(p.as_of)}",
            on=p.as_of,
        ),
    ]
    if display.weight_in(abs(p.change_kg), unit) == display.weight_in(0, unit):
        # At the baseline (a first weighing): no "−0.0 kg below" or "+0.0 %".
        stats.append(Stat("Lost so far", "0.0 %", "the trend is at the baseline"))
    elif p.lost_percent >= 0:
        stats.append(
            Stat(
                "Lost so far",
                f"{p.lost_percent_shown:.1f} %",
                f"{display.weight_in(-p.change_kg, unit)} below the baseline",
            )
        )
    else:
        stats.append(
            Stat(
                "Change",
                f"+{-p.lost_percent:.1f} %",
                f"{display.weight_in(p.change_kg, unit)} above the baseline",
            )
        )
    if p.weekly_rate_kg is None:
        stats.append(Stat("Weekly rate", "—", "needs weighings on at least two days"))
    else:
        detail = f"a week, over the last {p.rate_days} days: {PACE_WORDS[p.pace]}"
        fast = display.weight_in(TOO_FAST_LOSS_KG_PER_WEEK, unit)
        stats.append(
            Stat(
                "Weekly rate",
                display.weight_in(p.weekly_rate_kg, unit, with_sign=True),
                detail,
                PACE_CAUTION.replace("1 kg", fast) if p.pace_caution else "",
            )
        )
    stats.append(_next_milestone_stat(view, unit))
    target = _target_stat(view, unit)
    if target:
        stats.append(target)
    return stats


def _next_milestone_stat(view: charts.WeightView, unit: str) -> Stat:
    upcoming = view.progress.next_milestone
    if upcoming is None:
        return Stat("Next milestone", "All reached", "every milestone line is behind you")
    label = charts.milestone_label(upcoming, unit, view.target_percent)
    to_go = f"{display.weight_in(upcoming.distance_kg, unit)} to go"
    if upcoming.projected_on:
        when = f"projected around {display.day_text(upcoming.projected_on)} at the recent rate"
    elif view.progress.ended:
        when = PAST_PERIOD_NOT_PROJECTED
    elif view.progress.stale:
        when = "no projected date: the latest weighing is more than two weeks old"
    else:
        when = "no projected date while the trend is not moving toward it"
    return Stat("Next milestone", label, f"{to_go}; {when}")


def _target_stat(view: charts.WeightView, unit: str) -> Stat | None:
    target = next(
        (
            m
            for m in view.progress.milestones
            if m.custom or (view.target_percent is not None and m.percent == view.target_percent)
        ),
        None,
    )
    if target is None or (target is view.progress.next_milestone and not view.target_date):
        return None  # the "next milestone" card already says it all
    value = display.weight_in(target.target_kg, unit)
    if view.target_date:
        value += f" by {display.day_text(view.target_date)}"
    if target.reached:
        detail = f"reached on {display.day_text(target.reached_on)}"
    elif target.projected_on:
        detail = f"projected around {display.day_text(target.projected_on)}"
    elif view.progress.ended:
        detail = PAST_PERIOD_NOT_PROJECTED
    else:
        detail = "not projected at the recent rate"
    return Stat("Your target", value, detail)


def body_stats(record: Record) -> list[Stat]:
    """BMI and waist-to-height now, as the checklists and the report show them."""
    stats = []
    bmi = derived.current_bmi(record)
    if bmi is not None:
        detail = f"{bmi.category.label} ({bmi.category.source})"
        stats.append(Stat(derived.BMI_NOW, units.format_value(bmi.value, 1, "kg/m²"), detail))
    ratio = derived.current_waist_to_height(record)
    if ratio is not None:
        detail = f"waist on {display.day_text(ratio.date)}: {ratio.category.label}"
        stats.append(Stat(derived.WAIST_TO_HEIGHT_NOW, units.format_value(ratio.value, 2), detail))
    return stats


ACTIVITY_STAT = "Activity this week"
# Header figures the report shows elsewhere (its body and habits sections).
NOT_IN_REPORT = frozenset({ACTIVITY_STAT, derived.BMI_NOW, derived.WAIST_TO_HEIGHT_NOW})


def activity_stat(week: WeekSummary | None, goal: ActivityGoalRow | None) -> Stat:
    minutes_goal = goal.minutes_per_week if goal else ACTIVITY_TARGET_MINUTES
    strength_goal = goal.strength_sessions_per_week if goal else STRENGTH_TARGET_DAYS
    minutes = week.moderate_equivalent_minutes if week else 0
    strength = week.strength_days if week else 0
    return Stat(
        ACTIVITY_STAT,
        f"{minutes:.0f} of {minutes_goal} min",
        f"{strength} of {strength_goal} strength days; a vigorous minute counts as two",
    )


# --- The dashboard ------------------------------------------------------------------------


@dataclass
class Section:
    key: str
    title: str
    charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class LatestLab:
    key: str
    name: str
    day: date
    value: str


@dataclass
class Dashboard:
    range_key: str
    window: Window
    stats: list[Stat]
    has_weight: bool
    sections: list[Section]
    not_in_range: list[str]  # charts left out for want of data in the range
    older_labs: list[str]  # tests with results, none of them in the range
    record: Record  # what was loaded, for the report to summarise without reading it again
    latest_labs: list[LatestLab]  # tests with one result in the range: a table, not a chart
    weight: charts.WeightView | None

    @property
    def ranges(self) -> list[tuple[str, str]]:
        return [(key, label) for key, (label, _days) in RANGES.items()]

    def chart(self, key: str) -> Chart | None:
        return next((c for s in self.sections for c in s.charts if c.key == key), None)


@dataclass
class _Context:
    logs: Record
    profile: ProfileRow
    window: Window
    week_window: Window
    weeks: list[WeekSummary]
    display: DisplayUnits
    weight: charts.WeightView | None

    @property
    def goal(self) -> ActivityGoalRow | None:
        return self.logs.activity_goals[-1] if self.logs.activity_goals else None

    @property
    def meds(self) -> tuple[MedicationSpan, ...]:
        return self.logs.medications

    @property
    def sex(self) -> str | None:
        return self.profile.sex or None


def _weight_chart(ctx: _Context):
    if ctx.weight is None:
        return None
    return charts.weight_chart(ctx.weight, ctx.window, ctx.display)


def _waist_chart(ctx: _Context):
    if not any(ctx.window.holds(day) for day, _ in ctx.logs.waists):
        return None
    return charts.waist_chart(
        ctx.logs.waists,
        ctx.window,
        ctx.display,
        population=ctx.profile.waist_population,
        sex=ctx.sex,
        height_cm=ctx.profile.height_cm,
    )


def _blood_pressure_chart(ctx: _Context):
    if not any(ctx.window.holds(r.date) for r in ctx.logs.blood_pressure):
        return None
    return charts.blood_pressure_chart(ctx.logs.blood_pressure, ctx.window)


def _activity_charts(ctx: _Context):
    if not any(ctx.week_window.holds(r.date) for r in ctx.logs.exercise):
        return None
    minutes, strength = weekly_goals(ctx.logs.activity_goals, ctx.weeks)
    return [
        charts.activity_chart(ctx.weeks, minutes, ctx.week_window, ctx.logs.end),
        charts.strength_chart(ctx.weeks, strength, ctx.week_window, ctx.logs.end),
    ]


def _diet_chart(ctx: _Context):
    if not any(w.diet_score is not None for w in ctx.weeks):
        return None
    return charts.diet_score_chart(ctx.weeks, ctx.week_window)


def _fibre_chart(ctx: _Context):
    if not any(w.avg_daily_fibre_g is not None for w in ctx.weeks):
        return None
    goal = ctx.goal and ctx.goal.fibre_g_per_day
    return charts.fibre_chart(ctx.weeks, ctx.week_window, goal)


def _alcohol_chart(ctx: _Context):
    if not any(w.alcohol_drinks is not None for w in ctx.weeks):
        return None
    goal = ctx.goal and ctx.goal.alcohol_free_days_per_week
    return charts.alcohol_chart(ctx.weeks, ctx.week_window, goal)


def _sleep_chart(ctx: _Context):
    if not any(w.avg_sleep_hours is not None or w.avg_stress is not None for w in ctx.weeks):
        return None
    goal = ctx.goal and _optional(ctx.goal.sleep_hours_per_night)
    return charts.sleep_stress_chart(ctx.weeks, ctx.week_window, goal)


# A line needs two points: a test with one result in the range is a row of the
# "latest results" table instead of a chart with a lone dot.
MIN_POINTS_TO_DRAW = 2


def _in_window(points, window: Window):
    return [(day, value) for day, value in points if window.holds(day)]


def _lab_charts(ctx: _Context):
    built = []
    for test in labs.CATALOGUE:
        points = ctx.logs.lab_points.get(test.key, [])
        if len(_in_window(points, ctx.window)) >= MIN_POINTS_TO_DRAW:
            unit = display.display_unit(test, ctx.profile)
            bounds = ctx.logs.lab_qualifiers.get(test.key)
            built.append(charts.lab_chart(test, points, ctx.window, unit, ctx.sex, bounds))
    return built


def latest_labs(record: Record, window: Window, profile) -> list[LatestLab]:
    """Tests with a single result in the range, for a compact table beside the charts."""
    found = []
    for test in labs.CATALOGUE:
        points = record.lab_points.get(test.key, [])
        bounds = record.lab_qualifiers.get(test.key, [])
        shown = [(p, q) for p, q in zip(points, bounds, strict=True) if window.holds(p[0])]
        if 0 < len(shown) < MIN_POINTS_TO_DRAW:
            (day, value), bound = shown[-1]  # "<" when the lab gave "<5": shown as such
            unit = display.display_unit(test, profile)
            text = display.bound_text(bound, labs.display(test, value, unit))
            found.append(LatestLab(test.key, test.short, day, text))
    return found


def _index_charts(ctx: _Context):
    if not ctx.logs.lab_points:
        return []  # no lab results, nothing to derive: spare the queries
    series: dict[str, list[tuple[date, float]]] = defaultdict(list)
    names: dict[str, str] = {}
    for point in derived.index_history(ctx.logs):
        if point.value is not None and point.key not in INDICES_ON_OTHER_CHARTS:
            series[point.key].append((point.date, point.value))
            names[point.key] = point.name
    older = _age(ctx) is not None and _age(ctx) >= clinical.OLDER_AGE
    return [
        charts.index_chart(key, names[key], points, ctx.window, charts.index_spec(key, older))
        for key, points in series.items()
        if any(ctx.window.holds(day) for day, _ in points)
    ]


def _age(ctx: _Context) -> int | None:
    return ctx.profile.age_on(ctx.window.end)


Builder = Callable[[_Context], Chart | list[Chart] | None]
# (section key, title, [(chart key, title for "not in this range", builder)])
SECTIONS: tuple[tuple[str, str, tuple[tuple[str, str, Builder], ...]], ...] = (
    (
        "body",
        "Body",
        (
            ("weight", "Weight", _weight_chart),
            ("waist", "Waist", _waist_chart),
            ("blood-pressure", "Blood pressure", _blood_pressure_chart),
        ),
    ),
    ("activity", "Activity", (("activity", "Activity", _activity_charts),)),
    (
        "diet",
        "Diet and alcohol",
        (
            ("diet", "Weekly diet check", _diet_chart),
            ("fibre", "Fibre", _fibre_chart),
            ("alcohol", "Alcohol", _alcohol_chart),
        ),
    ),
    ("sleep", "Sleep and stress", (("sleep", "Sleep and stress", _sleep_chart),)),
    ("labs", "Lab results", (("labs", "", _lab_charts), ("indices", "", _index_charts))),
)


def _as_list(built) -> list[Chart]:
    if built is None:
        return []
    return built if isinstance(built, list) else [built]


def window_for(key: str, record: Record) -> Window:
    today = record.end
    days = RANGES[key][1]
    if days is not None:
        return Window(today - timedelta(days=days - 1), today)
    first = record.first_day()
    return Window(min(first or today, today), today)


def first_entry(record: Record) -> date | None:
    """The day of the person's first entry of any kind that the record can tell."""
    return min(filter(None, (record.first_day(), record.first_exercise)), default=None)


def weeks_of(record: Record, start: date) -> list[WeekSummary]:
    """The weekly summaries from the week of `start` to the record's end; computed once
    per record and start. They begin no earlier than the person's first entry: the weeks
    before it are not missed goals, so they are neither shown nor counted."""
    start = max(start, first_entry(record) or record.end)
    return record.once(
        f"weeks:{start}",
        lambda: weekly_summaries(
            record.exercise, record.checkins, record.meals, record.diet, start=start, end=record.end
        ),
    )


def build(
    record: Record,
    key: str = DEFAULT_RANGE,
    only: Iterable[str] = (),
    window: Window | None = None,
    ended: bool = False,
) -> Dashboard:
    """The whole dashboard, or with `only` just those charts (by builder key; "labs" and
    "indices" build every lab chart); `only=("none",)` builds the header alone. `window`
    (a report's own period) replaces the range's; `ended` says that period is already
    over, so that nothing is projected past its end."""
    profile, today = record.profile, record.end
    key = range_key(key)
    window = window or window_for(key, record)
    week_window = Window(week_start(window.start), week_start(today) + timedelta(days=6))
    weeks = weeks_of(record, window.start)
    ctx = _Context(
        logs=record,
        profile=profile,
        window=window,
        week_window=week_window,
        weeks=weeks,
        display=DisplayUnits(profile.weight_unit, profile.length_unit),
        weight=weight_view(record, ended),
    )
    this_week = weeks[-1] if weeks and weeks[-1].week_start == week_start(today) else None
    stats = []
    if ctx.weight is not None:
        baseline = baseline_of(record.weighings, record.weight_goal)
        stats = weight_stats(ctx.weight, baseline, profile.weight_unit)
    stats += body_stats(record)
    stats.append(activity_stat(this_week, ctx.goal))
    only = set(only)
    sections, missing = [], []
    for section_key, title, builders in SECTIONS:
        section = Section(section_key, title)
        for chart_key, name, builder in builders:
            if only and chart_key not in only:
                continue
            # Every chart gets the medication markers here, once, whoever built it.
            built = [charts.with_medications(c, ctx.meds) for c in _as_list(builder(ctx))]
            section.charts.extend(built)
            # Without any weighing the header asks for one instead.
            if not built and name and chart_key != "weight":
                missing.append(name)
        if section.charts:
            sections.append(section)
    return Dashboard(
        range_key=key,
        window=window,
        stats=stats,
        has_weight=ctx.weight is not None,
        sections=sections,
        not_in_range=missing,
        older_labs=[
            test.short
            for test in labs.CATALOGUE
            if test.key in record.lab_points
            and not any(window.holds(day) for day, _ in record.lab_points[test.key])
        ],
        record=record,
        latest_labs=latest_labs(record, window, profile) if not only or "labs" in only else [],
        weight=ctx.weight,
    )
