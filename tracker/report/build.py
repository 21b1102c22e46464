"""The doctor report: one period of a person's data, summarised for a visit.

It reads the person's record for the period (tracker/record.py, loaded once by the view)
and the figures computed on it by the dashboard (board.py), the labs pages' flowsheet and
the scores (scores.py), so the report always says what the app says elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean

from django.db.models import Max
from django.utils import timezone

from tracker import display
from tracker.labs import scores as derived
from tracker.labs.tables import build_flowsheet, checklists_for
from tracker.models import LabReport, VisitQuestion, WeightGoal
from tracker.progress import board as progress
from tracker.progress.charts import Window, complete_weeks
from tracker.record import LabReportRow, MedicationSpan, Record
from tracker.record import load as load_record
from tracker.report.forms import longest_start
from tracker.science import units

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
    """The last 6 months, or since the weight-goal baseline when that is longer (up to a
    year), and always back to the latest lab report: a goal set today does not shrink the
    report to one day, a baseline from years ago does not make it read years of data, and
    the labs a doctor asks about first are in it. A lab report older than the longest
    period a report may cover is shown, dated, as the look-back before the period."""
    today = today or timezone.localdate()
    start = _months_before(today, DEFAULT_MONTHS)
    goal = WeightGoal.objects.filter(user=user).current()
    if goal is not None and goal.baseline_date < start:
        start = max(goal.baseline_date, _months_before(today, DEFAULT_LONGEST_MONTHS))
    latest_lab = LabReport.objects.filter(user=user, date__lte=today).aggregate(day=Max("date"))
    if latest_lab["day"] is not None and latest_lab["day"] < start:
        start = max(latest_lab["day"], longest_start(today))
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
    on: date | None = None  # the day the figure is of, when it is one day's figure


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
    medications: list[MedicationSpan]
    questions: list[VisitQuestion]
    charts: list = field(default_factory=list)
    # The latest lab report before the period: the look-back the checklists may cite.
    earlier_lab: LabReportRow | None = None
    unit_notes: list[str] = field(default_factory=list)  # how converted units were reached

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def person_of(record: Record, on: date) -> Person:
    profile = record.profile
    height = ""
    if profile.height_cm:
        unit = profile.length_unit
        height = display.length_in(profile.height_cm, unit, decimals=0)
    return Person(
        name=profile.display_name or record.username,
        age=profile.age_on(on),
        sex=profile.sex_label or "not given",
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
        elif dashboard_weight.progress.ended:
            detail = "not reached by the end of the period"
        else:
            detail = "not reached; no projection at the current rate"
        lines.append(Line(label, target, detail))
    return lines


def body_lines(record: Record, window: Window) -> list[Line]:
    """The waist in the period, and BMI and waist-to-height as every page shows them."""
    profile = record.profile
    unit = profile.length_unit
    waists = [(day, cm) for day, cm in record.waists if window.holds(day)]
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
        ratio = derived.current_waist_to_height(record)
        if ratio is not None:
            category = ratio.category
            lines.append(
                Line(
                    derived.WAIST_TO_HEIGHT_NOW,
                    _num(ratio.value, 2),
                    f"{category.label} ({category.source})",
                )
            )
    bmi = derived.current_bmi(record)
    if bmi is not None:
        category = bmi.category
        lines.append(
            Line(
                derived.BMI_NOW,
                _num(bmi.value, 1, "kg/m²"),
                f"from the trend weight on {display.day_text(bmi.date)}; "
                f"{category.label} ({category.source})",
                on=bmi.date,
            )
        )
    return lines


def week_rows(record: Record, minutes_goals, start) -> tuple[list[dict], list[Line]]:
    weeks = progress.weeks_of(record, start)
    complete = complete_weeks(weeks, record.end)
    rows = [
        {
            "week": week,
            "goal": goal,
            "met": week.moderate_equivalent_minutes >= goal,
            "so_far": index >= complete,  # the week had not ended by the period's end
        }
        for index, (week, goal) in enumerate(zip(weeks, minutes_goals(weeks), strict=True))
    ]
    habits = []
    if weeks:
        # Weekly totals count the complete weeks: an unfinished one is not a week of less.
        whole = weeks[:complete] or weeks
        met = sum(row["met"] for row in rows[:complete])
        counted = display.count_text(
            complete, "week" if complete == len(weeks) else "complete week"
        )
        habits.append(
            Line(
                "Activity",
                _num(_avg(w.moderate_equivalent_minutes for w in whole), 0, "min/week"),
                "moderate-equivalent on average"
                + (f"; goal met in {met} of {counted}" if len(weeks) > 1 and complete else ""),
            )
        )
        habits.append(
            Line(
                "Strength",
                _num(_avg(w.strength_days for w in whole), 1, "days/week"),
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
        drinks = _avg(w.alcohol_drinks for w in whole)
        if drinks is not None:
            grams = units.grams_of_alcohol(drinks)
            free = _avg(w.alcohol_free_days for w in whole)
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
            ("one reading" if len(readings) == 1 else f"average of {len(readings)} readings")
            + f"; {high} at or above 130/85 "
            "(the harmonized 2009 metabolic-syndrome threshold)",
        )
    ]


def earlier_lab(record: Record, start: date) -> LabReportRow | None:
    """The latest lab report before `start`, if any (lab results are oldest first)."""
    before = [entry.report for entry in record.lab_results if entry.date < start]
    return before[-1] if before else None


def load_period(user, profile, start: date | None, end: date | None) -> Record:
    """The record a report of this period reads (the view loads it, once); the default
    period when none is given."""
    if start is None or end is None:
        start, end = default_period(user)
    return load_record(user, profile, start, end)


def report_for(user, profile, start: date | None, end: date | None) -> Report:
    """Load the period's record and the visit questions, then build the report: the one
    entry for the report page, its PDF (in the worker) and a share link's page."""
    record = load_period(user, profile, start, end)
    return build_report(record, list(VisitQuestion.objects.filter(user=user)))


def build_report(record: Record, questions: list[VisitQuestion]) -> Report:
    """The report of the record's period."""
    profile, start, end = record.profile, record.start, record.end
    window = Window(start, end)
    # A period already over projects nothing past its end (its report shows no later date).
    dashboard = progress.build(record, window=window, ended=end < timezone.localdate())
    weight_view = dashboard.weight
    results = record.lab_results_between(start, end)
    columns, groups = build_flowsheet(results, profile)
    latest = derived.latest_indices(record)
    indices = [p for p in latest.values() if start <= p.date <= end]
    week_table, habits = week_rows(
        record, lambda weeks: progress.weekly_goals(record.activity_goals, weeks)[0], start
    )
    wanted = KEY_CHARTS + KEY_LAB_CHARTS
    return Report(
        person=person_of(record, end),
        start=start,
        end=end,
        generated_at=timezone.localtime(),
        weight=[s for s in dashboard.stats if s.label not in progress.NOT_IN_REPORT],
        milestones=milestone_lines(weight_view, profile.weight_unit),
        body=body_lines(record, window),
        habits=habits,
        weeks=week_table[-TABLE_WEEKS:],
        blood_pressure=blood_pressure_lines(record, window),
        lab_columns=columns,
        lab_groups=groups,
        indices=indices,
        checklists=checklists_for(record),
        medications=[m for m in record.medications if m.stop is None or m.stop >= start],
        questions=questions,
        charts=[c for key in wanted if (c := dashboard.chart(key)) is not None],
        earlier_lab=earlier_lab(record, start),
        unit_notes=display.unit_notes(profile) if results else [],
    )
