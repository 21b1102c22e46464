"""The doctor report: one period of a person's data, summarised for a visit.

It reuses the dashboard's loading and charts (progress.py), the labs pages' flowsheet and
the derived indices (derived.py), so the report always says what the app says elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from django.utils import timezone

from tracker import display
from tracker.labs import scores as derived
from tracker.labs.tables import build_flowsheet, checklists_for
from tracker.models import (
    LabResult,
    Medication,
    VisitQuestion,
    WeightGoal,
)
from tracker.progress import board as progress
from tracker.progress.charts import Window
from tracker.science import clinical, units
from tracker.science.trends import weekly_summaries

DEFAULT_MONTHS = 6
# The default period reaches back to the weight-goal baseline, but never further than this,
# so that opening the report costs the same after ten years of use as after one.
DEFAULT_LONGEST_MONTHS = 12
# The week-by-week table shows the most recent weeks; averages cover the whole period.
TABLE_WEEKS = 12
# Charts that fit a two-page report; the rest stay on the dashboard.
KEY_CHARTS = ("weight", "activity")
KEY_LAB_CHARTS = ("lab-alt", "index-fib4")


def _months_before(day: date, months: int) -> date:
    return day - timedelta(days=round(months * 30.44))


def default_period(user, today: date | None = None) -> tuple[date, date]:
    """The last 6 months, or since the weight-goal baseline when that is longer, up to a
    year: a goal set today does not shrink the report to one day, and a baseline from
    years ago does not make the default report read years of data."""
    today = today or timezone.localdate()
    start = _months_before(today, DEFAULT_MONTHS)
    goal = WeightGoal.objects.filter(user=user).current()
    if goal is not None and goal.baseline_date < start:
        start = max(goal.baseline_date, _months_before(today, DEFAULT_LONGEST_MONTHS))
    return start, today


@dataclass(frozen=True)
class Person:
    name: str
    age: int | None
    sex: str
    height: str


@dataclass(frozen=True)
class Line:
    """One figure of the report: a label, a value with its unit, and a detail."""

    label: str
    value: str
    detail: str = ""


@dataclass
class Report:
    person: Person
    start: date
    end: date
    generated_at: datetime
    weight: list[progress.Stat]
    milestones: list[Line]
    body: list[Line]
    habits: list[Line]
    weeks: list[dict]
    blood_pressure: list[Line]
    lab_columns: list
    lab_groups: list
    indices: list[derived.IndexPoint]
    checklists: list
    medications: list[Medication]
    questions: list[VisitQuestion]
    charts: list = field(default_factory=list)
    unit_notes: list[str] = field(default_factory=list)  # how converted units were reached

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def person_of(user, profile, on: date) -> Person:
    height = ""
    if profile.height_cm:
        unit = profile.length_unit
        height = display.length_in(profile.height_cm, unit, decimals=0)
    return Person(
        name=profile.display_name or user.get_username(),
        age=profile.age_on(on),
        sex=profile.get_sex_display() if profile.sex else "not given",
        height=height,
    )


def _avg(values) -> float | None:
    values = [v for v in values if v is not None]
    return mean(values) if values else None


def _num(value: float | None, decimals: int = 1, unit: str = "") -> str:
    return units.format_value(value, decimals, unit)


def milestone_lines(dashboard_weight, unit: str) -> list[Line]:
    if dashboard_weight is None:
        return []
    lines = []
    for m in dashboard_weight.progress.milestones:
        target = display.weight_in(m.target_kg, unit)
        label = "Your goal" if m.custom else f"{m.percent:g} % below baseline"
        if m.reached_on:
            detail = f"reached on {display.day_text(m.reached_on)}"
        elif m.projected_on:
            detail = f"projected around {display.day_text(m.projected_on)} at the current rate"
        else:
            detail = "not reached; no projection at the current rate"
        lines.append(Line(label, target, detail))
    return lines


def body_lines(logs, profile, window: Window, current_kg) -> list[Line]:
    unit = profile.length_unit
    waists = [(day, cm) for day, cm in logs.waists if window.holds(day)]
    lines = []
    if waists:
        (first_day, first), (last_day, last) = waists[0], waists[-1]
        lines.append(
            Line(
                "Waist",
                display.length_in(last, unit),
                f"on {display.day_text(last_day)}; "
                f"{display.length_in(last - first, unit, with_sign=True)} "
                f"since {display.day_text(first_day)}",
            )
        )
        if profile.height_cm:
            ratio = clinical.waist_to_height(last, profile.height_cm)
            category = clinical.waist_to_height_category(ratio)
            lines.append(
                Line("Waist-to-height", _num(ratio, 2), f"{category.label} ({category.source})")
            )
    if profile.height_cm and current_kg:
        bmi = clinical.bmi(current_kg, profile.height_cm)
        category = clinical.bmi_category(bmi, profile.bmi_cutoffs)
        lines.append(
            Line(
                "BMI",
                _num(bmi, 1, "kg/m²"),
                f"from the trend weight; {category.label} ({category.source})",
            )
        )
    return lines


def week_rows(logs, minutes_goals, start, end) -> tuple[list[dict], list[Line]]:
    weeks = weekly_summaries(
        logs.exercise, logs.checkins, logs.meals, logs.diet, start=start, end=end
    )
    rows = [
        {
            "week": week,
            "goal": goal,
            "met": week.moderate_equivalent_minutes >= goal,
        }
        for week, goal in zip(weeks, minutes_goals(weeks), strict=True)
    ]
    habits = []
    if weeks:
        met = sum(row["met"] for row in rows)
        habits.append(
            Line(
                "Activity",
                _num(_avg(w.moderate_equivalent_minutes for w in weeks), 0, "min/week"),
                f"moderate-equivalent on average; goal met in {met} of {len(weeks)} weeks",
            )
        )
        habits.append(
            Line(
                "Strength",
                _num(_avg(w.strength_days for w in weeks), 1, "days/week"),
                "goal: 2 or more",
            )
        )
        diet = _avg(w.diet_score for w in weeks)
        if diet is not None:
            habits.append(Line("Diet check", _num(diet, 1, "of 13"), "average weekly score"))
        fibre = _avg(w.avg_daily_fibre_g for w in weeks)
        if fibre is not None:
            habits.append(
                Line("Fibre", _num(fibre, 0, "g/day"), "average on days with meals logged")
            )
        drinks = _avg(w.alcohol_drinks for w in weeks)
        if drinks is not None:
            grams = units.grams_of_alcohol(drinks)
            free = _avg(w.alcohol_free_days for w in weeks)
            habits.append(
                Line(
                    "Alcohol",
                    _num(drinks, 1, "drinks/week"),
                    f"about {grams:.0f} g a week; {_num(free, 1)} alcohol-free days a week",
                )
            )
        sleep = _avg(w.avg_sleep_hours for w in weeks)
        if sleep is not None:
            habits.append(Line("Sleep", _num(sleep, 1, "h/night"), "average"))
        stress = _avg(w.avg_stress for w in weeks)
        if stress is not None:
            habits.append(
                Line("Stress", _num(stress, 1, "of 5"), "average (1 calm – 5 very stressed)")
            )
    return rows, habits


def blood_pressure_lines(logs, window: Window) -> list[Line]:
    readings = [(r.systolic, r.diastolic) for r in logs.blood_pressure if window.holds(r.date)]
    if not readings:
        return []
    systolic = mean(s for s, _ in readings)
    diastolic = mean(d for _, d in readings)
    high = sum(1 for s, d in readings if s >= 130 or d >= 85)
    return [
        Line(
            "Blood pressure",
            f"{systolic:.0f}/{diastolic:.0f} mmHg",
            f"average of {len(readings)} readings; {high} at or above 130/85 "
            "(the harmonized 2009 metabolic-syndrome threshold)",
        )
    ]


def build_report(user, profile, start: date | None = None, end: date | None = None) -> Report:
    if start is None or end is None:
        start, end = default_period(user)
    window = Window(start, end)
    dashboard = progress.build(user, profile, window=window)
    logs, weight_view = dashboard.logs, dashboard.weight
    results = [
        r
        for r in LabResult.objects.filter(
            user=user, report__date__range=(start, end)
        ).select_related("report")
    ]
    columns, groups = build_flowsheet(results, profile)
    latest = derived.latest_indices(user, profile)
    indices = [p for p in latest.values() if start <= p.date <= end]
    week_table, habits = week_rows(
        logs, lambda weeks: progress.weekly_goals(logs.activity_goals, weeks)[0], start, end
    )
    current_kg = weight_view.progress.current_kg if weight_view else None
    wanted = KEY_CHARTS + KEY_LAB_CHARTS
    return Report(
        person=person_of(user, profile, end),
        start=start,
        end=end,
        generated_at=timezone.localtime(),
        weight=[s for s in dashboard.stats if not s.label.startswith("Activity")],
        milestones=milestone_lines(weight_view, profile.weight_unit),
        body=body_lines(logs, profile, window, current_kg),
        habits=habits,
        weeks=week_table[-TABLE_WEEKS:],
        blood_pressure=blood_pressure_lines(logs, window),
        lab_columns=columns,
        lab_groups=groups,
        indices=indices,
        checklists=checklists_for(user, profile),
        medications=list(
            Medication.objects.filter(user=user, start_date__lte=end)
            .exclude(stop_date__lt=start)
            .order_by("start_date")
        ),
        questions=list(VisitQuestion.objects.filter(user=user)),
        charts=[c for key in wanted if (c := dashboard.chart(key)) is not None],
        unit_notes=display.unit_notes(profile) if results else [],
    )
