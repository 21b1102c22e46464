"""Habit charts, week by week: activity, strength, diet check, fibre, alcohol, sleep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tracker.display import day_month_text
from tracker.progress.charts.base import (
    ALERT,
    BRAND,
    Chart,
    Cutoff,
    Table,
    Window,
    _base_layout,
    _count,
    _cutoff_marks,
    _figure,
    _fmt,
    _week_bar,
    _week_goal_line,
    _week_label,
    _week_points,
)
from tracker.science import diet_check, units
from tracker.science.trends import WeekSummary

# --- Activity -----------------------------------------------------------------------------


def _ended(week: WeekSummary, as_of: dt.date | None) -> bool:
    return as_of is None or week.week_start + dt.timedelta(days=6) <= as_of


def complete_weeks(weeks: Sequence[WeekSummary], as_of: dt.date | None) -> int:
    """How many of the weeks (oldest first) had ended by `as_of` (None: all of them); only
    the last one can be unfinished."""
    return len(weeks) - 1 if weeks and not _ended(weeks[-1], as_of) else len(weeks)


def _goal_count(met: int, weeks: Sequence[WeekSummary], complete: int, what: str) -> str:
    """ "Goal met in 3 of 12 weeks.", over the complete weeks only; "" for one week (a
    newcomer's first is reported as it stands, not as a goal missed)."""
    if len(weeks) <= 1 or complete == 0:
        return ""
    counted = _count(complete, "week" if complete == len(weeks) else "complete week")
    return f"{what} met in {met} of {counted}."


def _week_so_far(week: WeekSummary, as_of: dt.date | None) -> str:
    """ "Week of 24 Nov", or "Week of 24 Nov, so far (to 26 Nov)" before it has ended."""
    label = f"Week of {day_month_text(week.week_start)}"
    if as_of is not None and not _ended(week, as_of):
        label += f", so far (to {day_month_text(as_of)})"
    return label


def activity_chart(
    weeks: Sequence[WeekSummary],
    goals: Sequence[float],
    window: Window,
    as_of: dt.date | None = None,
) -> Chart:
    """Weekly minutes stacked by intensity, vigorous minutes counted double (CLINICAL.md §6).
    The summary counts the weeks that had ended by `as_of` and gives the unfinished one
    as it stands so far."""
    traces = [
        _week_bar(weeks, [w.moderate_minutes for w in weeks], "Moderate", "#4f9a84"),
        _week_bar(weeks, [w.vigorous_minutes * 2 for w in weeks], "Vigorous (× 2)", BRAND),
        _week_goal_line(weeks, goals, "Goal"),
    ]
    # A short title: a vertical one longer than the plot is high gets clipped; the
    # legend's "Vigorous (× 2)" and the note say how minutes are counted.
    layout = _base_layout(window, "Minutes a week", barmode="stack", bargap=0.15)
    complete = complete_weeks(weeks, as_of)
    met = sum(
        1
        for w, goal in zip(weeks[:complete], goals, strict=False)
        if w.moderate_equivalent_minutes >= goal
    )
    summary = _goal_count(met, weeks, complete, "Goal")
    if weeks:
        this = weeks[-1]
        summary += (
            f" {_week_so_far(this, as_of)}: "
            f"{this.moderate_equivalent_minutes:.0f} of {goals[-1]:.0f} minutes."
        )
    summary = summary.strip() or "No activity logged in this range."
    rows = [
        (
            _week_label(w),
            f"{w.moderate_minutes:.0f}",
            f"{w.vigorous_minutes:.0f}",
            f"{w.light_minutes:.0f}",
            f"{w.moderate_equivalent_minutes:.0f}",
            f"{goal:.0f}",
            "yes" if w.moderate_equivalent_minutes >= goal else "no",
        )
        for w, goal in zip(weeks, goals, strict=True)
    ]
    headers = ("Week of", "Moderate", "Vigorous", "Light", "Counted", "Goal", "Met")
    return Chart(
        "activity",
        "Activity",
        _figure(traces, layout, [], []),
        summary,
        Table("Minutes of activity per week", headers, rows),
        (
            "Minutes are moderate-equivalent. Guidelines: at least 150 minutes a week of "
            "moderate activity; a vigorous minute counts as two. Light activity is in the "
            "table but does not count toward the goal.",
        ),
        window,
    )


def strength_chart(
    weeks: Sequence[WeekSummary],
    goals: Sequence[float],
    window: Window,
    as_of: dt.date | None = None,
) -> Chart:
    traces = [
        _week_bar(weeks, [w.strength_days for w in weeks], "Strength days", "#4f9a84"),
        _week_goal_line(weeks, goals, "Goal"),
    ]
    top = max([*(w.strength_days for w in weeks), *goals, 3]) + 0.5
    layout = _base_layout(
        window, "Days with strength work", yaxis={"range": [0, top], "dtick": 1}, bargap=0.15
    )
    complete = complete_weeks(weeks, as_of)
    met = sum(
        1 for w, goal in zip(weeks[:complete], goals, strict=False) if w.strength_days >= goal
    )
    summary = (
        _goal_count(met, weeks, complete, "Strength goal")
        or "Days with strength work, week by week."
    )
    rows = [
        (_week_label(w), str(w.strength_days), f"{goal:.0f}")
        for w, goal in zip(weeks, goals, strict=True)
    ]
    return Chart(
        "strength",
        "Strength sessions",
        _figure(traces, layout, [], []),
        summary,
        Table("Days with strength work per week", ("Week of", "Days", "Goal"), rows),
        ("Guidelines: muscle strengthening on at least 2 days a week.",),
        window,
    )


# --- Diet ---------------------------------------------------------------------------------


def diet_score_chart(weeks: Sequence[WeekSummary], window: Window) -> Chart:
    scored = [w for w in weeks if w.diet_score is not None]
    traces = [_week_bar(scored, [w.diet_score for w in scored], "Diet-check score", BRAND)]
    layout = _base_layout(
        window,
        f"Score (of {diet_check.MAX_SCORE})",
        yaxis={"range": [0, diet_check.MAX_SCORE + 0.5]},
        showlegend=False,
        bargap=0.15,
    )
    if scored:
        mean = sum(w.diet_score for w in scored) / len(scored)
        summary = (
            f"Latest check: {scored[-1].diet_score:g} of {diet_check.MAX_SCORE} "
            f"(week of {day_month_text(scored[-1].week_start)}). Average over "
            f"{_count(len(scored), 'check')}: {mean:.1f}."
        )
    else:
        summary = "No diet checks in this range."
    rows = [(_week_label(w), f"{w.diet_score:g}") for w in scored]
    return Chart(
        "diet",
        "Weekly diet check",
        _figure(traces, layout, [], []),
        summary,
        Table("Diet-check score per week", ("Week of", f"Score (of {diet_check.MAX_SCORE})"), rows),
        (
            "The score counts Mediterranean-diet habits (adapted from the MEDAS screener, "
            "Schröder 2011); higher is closer to the pattern guidelines recommend.",
        ),
        window,
    )


def fibre_chart(
    weeks: Sequence[WeekSummary],
    window: Window,
    goal_g: float | None = None,
) -> Chart:
    known = [w for w in weeks if w.avg_daily_fibre_g is not None]
    traces = [
        _week_points(
            known,
            [round(w.avg_daily_fibre_g, 1) for w in known],
            "Fibre",
            "%{y:.1f} g a day",
            mode="lines+markers",
            line={"color": BRAND, "width": 2},
        )
    ]
    cutoffs = [Cutoff(goal_g, f"Your goal ({goal_g:g} g)", ALERT)] if goal_g else []
    shapes, notes = _cutoff_marks(cutoffs)
    top = max([*(w.avg_daily_fibre_g for w in known), goal_g or 0, 10]) * 1.15
    layout = _base_layout(window, "Fibre (g a day)", yaxis={"range": [0, top]}, showlegend=False)
    if known:
        mean = sum(w.avg_daily_fibre_g for w in known) / len(known)
        summary = f"Average {mean:.1f} g of fibre a day over {_count(len(known), 'week')}"
        summary += f" (goal {goal_g:g} g)." if goal_g else "."
    else:
        summary = "No fibre amounts logged with meals in this range."
    rows = [(_week_label(w), f"{w.avg_daily_fibre_g:.1f}", str(w.fibre_days)) for w in known]
    return Chart(
        "fibre",
        "Fibre",
        _figure(traces, layout, shapes, notes),
        summary,
        Table("Fibre per day, weekly average", ("Week of", "Grams a day", "Days counted"), rows),
        ("From the meals where you noted the fibre; days without a fibre amount are left out.",),
        window,
    )


def alcohol_chart(
    weeks: Sequence[WeekSummary],
    window: Window,
    free_days_goal: float | None = None,
) -> Chart:
    logged = [w for w in weeks if w.alcohol_drinks is not None]
    traces = [
        _week_bar(logged, [w.alcohol_drinks for w in logged], "Drinks", "#b86e00"),
        _week_points(
            logged,
            [w.alcohol_free_days for w in logged],
            "Alcohol-free days",
            "%{y} alcohol-free days",
            yaxis="y2",
            mode="markers",
            marker={"color": BRAND, "size": 9, "symbol": "circle-open", "line": {"width": 2}},
        ),
    ]
    cutoffs = (
        [Cutoff(free_days_goal, f"Goal: {free_days_goal:g} alcohol-free days", BRAND)]
        if free_days_goal is not None
        else []
    )
    shapes, notes = _cutoff_marks(cutoffs, yref="y2", inside=True)
    layout = _base_layout(
        window,
        "Standard drinks a week",
        yaxis={"rangemode": "tozero"},
        yaxis2={
            "title": {"text": "Alcohol-free days"},
            "overlaying": "y",
            "side": "right",
            "range": [0, 7.5],
            "dtick": 1,
            "showgrid": False,
            "fixedrange": True,
        },
        margin={"r": 48},
        bargap=0.15,
    )
    if logged:
        drinks = sum(w.alcohol_drinks for w in logged) / len(logged)
        free = sum(w.alcohol_free_days for w in logged) / len(logged)
        grams = units.grams_of_alcohol(drinks)
        summary = (
            f"On average {drinks:.1f} standard drinks ({grams:.0f} g of alcohol) a week and "
            f"{free:.1f} alcohol-free days a week over {_count(len(logged), 'week')}."
        )
    else:
        summary = "No alcohol answers in this range."
    rows = [
        (
            _week_label(w),
            f"{w.alcohol_drinks:g}",
            f"{units.grams_of_alcohol(w.alcohol_drinks):g}",
            str(w.alcohol_free_days),
            str(w.alcohol_days_logged),
        )
        for w in logged
    ]
    headers = ("Week of", "Drinks", "Grams", "Alcohol-free days", "Days logged")
    return Chart(
        "alcohol",
        "Alcohol",
        _figure(traces, layout, shapes, notes),
        summary,
        Table("Alcohol per week", headers, rows),
        ("A standard drink holds 14 g of alcohol. For a fatty liver, less is better.",),
        window,
    )


# --- Sleep and stress ---------------------------------------------------------------------


def sleep_stress_chart(
    weeks: Sequence[WeekSummary],
    window: Window,
    sleep_goal: float | None = None,
) -> Chart:
    sleep = [w for w in weeks if w.avg_sleep_hours is not None]
    stress = [w for w in weeks if w.avg_stress is not None]
    traces = [
        _week_points(
            sleep,
            [round(w.avg_sleep_hours, 2) for w in sleep],
            "Sleep (hours)",
            "%{y:.1f} h a night",
            mode="lines+markers",
            line={"color": "#2f5d8a", "width": 2},
        ),
        _week_points(
            stress,
            [round(w.avg_stress, 2) for w in stress],
            "Stress (1–5)",
            "stress %{y:.1f}",
            yaxis="y2",
            mode="lines+markers",
            line={"color": "#b86e00", "width": 2, "dash": "dot"},
        ),
    ]
    cutoffs = (
        [Cutoff(sleep_goal, f"Sleep goal ({sleep_goal:g} h)", "#2f5d8a")] if sleep_goal else []
    )
    shapes, notes = _cutoff_marks(cutoffs, inside=True)
    layout = _base_layout(
        window,
        "Sleep (hours a night)",
        yaxis={"range": [0, 12]},
        yaxis2={
            "title": {"text": "Stress (1–5)"},
            "overlaying": "y",
            "side": "right",
            "range": [0.5, 5.5],
            "dtick": 1,
            "showgrid": False,
            "fixedrange": True,
        },
        margin={"r": 48},
    )
    parts = []
    if sleep:
        mean = sum(w.avg_sleep_hours for w in sleep) / len(sleep)
        parts.append(f"Average sleep {mean:.1f} hours a night")
    if stress:
        mean = sum(w.avg_stress for w in stress) / len(stress)
        parts.append(f"average stress {mean:.1f} of 5")
    summary = (
        (" and ".join(parts) + f" over {_count(len(weeks), 'week')}.")
        if parts
        else ("No sleep or stress answers in this range.")
    )
    summary = summary[0].upper() + summary[1:]
    rows = [
        (
            _week_label(w),
            _fmt(w.avg_sleep_hours, 1),
            _fmt(w.avg_stress, 1),
        )
        for w in weeks
        if w.avg_sleep_hours is not None or w.avg_stress is not None
    ]
    return Chart(
        "sleep",
        "Sleep and stress",
        _figure(traces, layout, shapes, notes),
        summary,
        Table("Sleep and stress, weekly averages", ("Week of", "Sleep (h)", "Stress (1–5)"), rows),
        (
            "Weekly averages of your daily check-ins; stress runs from 1 (calm) to 5 (very "
            "stressed).",
        ),
        window,
    )
