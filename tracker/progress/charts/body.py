"""Body charts: weight (trend, milestones, projection, BMI bands), waist, blood pressure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.display import length_in, time_text, weight_in
from tracker.progress.charts.base import (
    ALERT,
    BAND_FILLS,
    BRAND,
    MAX_DAILY_ROWS,
    MILESTONE_COLOURS,
    MUTED,
    TARGET_COLOUR,
    Chart,
    Cutoff,
    DisplayUnits,
    Shade,
    Table,
    Window,
    _base_layout,
    _count,
    _cutoff_marks,
    _figure,
    _fmt,
    _iso,
    _length,
    _safe,
    _scatter,
    _shade_marks,
    _weight,
    _y_range,
    day_text,
)
from tracker.record import BloodPressureReading  # a row of the person's record
from tracker.science import clinical
from tracker.science.trends import DayWeight, Milestone, Progress, TrendPoint


@dataclass(frozen=True)
class WeightView:
    """Everything the weight chart needs, in kg."""

    series: Sequence[DayWeight]  # first to last weighing, gaps interpolated
    trend: Sequence[TrendPoint]
    progress: Progress
    baseline_date: dt.date
    target_date: dt.date | None = None
    target_percent: float | None = None  # the person's chosen percentage, if any
    height_cm: float | None = None
    bmi_cutoffs: str = "WHO"


# --- Weight -------------------------------------------------------------------------------


def milestone_label(milestone: Milestone, unit: str, target_percent: float | None = None) -> str:
    """ "5 % (93.1 kg)", "10 % · your target (88.2 kg)" or "Your target (90.0 kg)"."""
    weight = weight_in(milestone.target_kg, unit)
    mine = milestone.custom or (
        target_percent is not None and abs(target_percent - milestone.percent) < 1e-9
    )
    if milestone.custom and target_percent is None:
        return f"Your target ({weight})"
    percent = f"{target_percent if milestone.custom else milestone.percent:g} %"
    return f"{percent} · your target ({weight})" if mine else f"{percent} ({weight})"


def _milestone_colour(milestone: Milestone) -> str:
    if milestone.custom:
        return TARGET_COLOUR
    return MILESTONE_COLOURS.get(milestone.percent, TARGET_COLOUR)


def _bmi_shades(height_cm: float, cutoffs: str, unit: str) -> tuple[Shade, ...]:
    """The BMI bands as weights for this height (kg = BMI × m²)."""
    source, bands = clinical.BMI_BANDS[cutoffs]
    square = (height_cm / 100) ** 2
    shades, low_bmi = [], None
    for band, fill in zip(bands, BAND_FILLS, strict=False):
        low = None if low_bmi is None else _weight(low_bmi * square, unit)
        high = None if band.upper is None else _weight(band.upper * square, unit)
        span = f"{low_bmi:g}–{band.upper:g}" if low_bmi and band.upper else None
        span = span or (f"under {band.upper:g}" if band.upper else f"{low_bmi:g} and over")
        shades.append(Shade(low, high, f"BMI {span}: {band.label}", fill))
        low_bmi = band.upper
    return tuple(shades)


def _projection(view: WeightView, unit: str, horizon: dt.date):
    """A dashed line from the last trend value to the next milestone's projected date."""
    upcoming = view.progress.next_milestone
    if upcoming is None or upcoming.projected_on is None:
        return None
    last = view.trend[-1]
    end_day, end_kg = upcoming.projected_on, upcoming.target_kg
    if end_day > horizon:  # clip the line at the chart's edge, keeping its slope
        fraction = (horizon - last.date).days / (end_day - last.date).days
        end_day, end_kg = horizon, last.kg + (end_kg - last.kg) * fraction
    return _scatter(
        x=[_iso(last.date), _iso(end_day)],
        y=[_weight(last.kg, unit), _weight(end_kg, unit)],
        mode="lines",
        name="Projection",
        line={"color": BRAND, "dash": "dash", "width": 2},
        hovertemplate=(
            f"{_safe(milestone_label(upcoming, unit, view.target_percent))} "
            f"projected around {day_text(upcoming.projected_on)}<extra></extra>"
        ),
    )


def weight_chart(
    view: WeightView,
    window: Window,
    display: DisplayUnits,
) -> Chart:
    unit = display.weight
    progress = view.progress
    dots = [d for d in window.within(view.series) if not d.interpolated]
    trend = list(window.within(view.trend))
    upcoming = progress.next_milestone
    # Let the projection show a little past today, never more than a third of the range.
    reach = max(14, (window.end - window.start).days // 3)
    horizon = window.end + dt.timedelta(days=reach)
    shown_end = window.end
    if upcoming and upcoming.projected_on:
        shown_end = min(max(window.end, upcoming.projected_on), horizon)
    if view.target_date and window.start <= view.target_date <= horizon and not progress.ended:
        shown_end = max(shown_end, view.target_date)
    shown = Window(window.start, shown_end)

    traces: list = [
        _scatter(
            x=[_iso(d.date) for d in dots],
            y=[_weight(d.kg, unit) for d in dots],
            mode="markers",
            name="Weighings",
            marker={"color": MUTED, "size": 6, "opacity": 0.7},
            hovertemplate=f"%{{x|%-d %b %Y}}: %{{y:.1f}} {unit}<extra>weighing</extra>",
        ),
        _scatter(
            x=[_iso(p.date) for p in trend],
            y=[_weight(p.kg, unit) for p in trend],
            mode="lines",
            name="Trend",
            line={"color": BRAND, "width": 3},
            hovertemplate=f"%{{x|%-d %b %Y}}: trend %{{y:.1f}} {unit}<extra></extra>",
        ),
    ]
    projection = _projection(view, unit, horizon)
    if projection is not None:
        traces.append(projection)
    reached = [m for m in progress.milestones if m.reached and window.holds(m.reached_on)]
    if reached:
        traces.append(
            _scatter(
                x=[_iso(m.reached_on) for m in reached],
                y=[_weight(m.target_kg, unit) for m in reached],
                mode="markers",
                name="Milestone reached",
                marker={"symbol": "star", "size": 14, "color": "#f2b705", "line": {"width": 1}},
                text=[_safe(milestone_label(m, unit, view.target_percent)) for m in reached],
                hovertemplate="%{text} reached on %{x|%-d %b %Y}<extra></extra>",
            )
        )
    goal_kg = _goal_kg(view)
    if view.target_date and shown.holds(view.target_date) and goal_kg is not None:
        traces.append(
            _scatter(
                x=[_iso(view.target_date)],
                y=[_weight(goal_kg, unit)],
                mode="markers",
                name="Target date",
                marker={"symbol": "diamond", "size": 12, "color": TARGET_COLOUR},
                hovertemplate=f"target date {day_text(view.target_date)}<extra></extra>",
            )
        )

    lines = [
        Cutoff(_weight(m.target_kg, unit), milestone_label(m, unit, view.target_percent), c)
        for m in progress.milestones
        for c in [_milestone_colour(m)]
    ]
    baseline = Cutoff(
        _weight(progress.baseline_kg, unit),
        f"Baseline ({weight_in(progress.baseline_kg, unit)})",
        MUTED,
    )
    shapes, notes = _cutoff_marks([baseline, *lines])
    visible = [
        *(_weight(d.kg, unit) for d in dots),
        *(_weight(p.kg, unit) for p in trend),
        *(line.value for line in (baseline, *lines)),
    ]
    y_range = _y_range(visible, pad_fraction=0.06, min_pad=1.0)
    if view.height_cm:
        band_shapes, band_notes = _shade_marks(
            _bmi_shades(view.height_cm, view.bmi_cutoffs, unit), *y_range
        )
        shapes, notes = band_shapes + shapes, band_notes + notes
    layout = _base_layout(shown, f"Weight ({unit})", yaxis={"range": y_range})
    figure = _figure(traces, layout, shapes, notes)
    sources = [
        "The 5 %, 7 % and 10 % lines are measured from your baseline; guidelines (AASLD 2023, "
        "EASL-EASD-EASO 2024) link these amounts of loss to less liver fat and inflammation.",
        "The trend smooths day-to-day water swings (as in The Hacker's Diet); days without a "
        "weighing are filled in for the trend but not drawn as dots.",
    ]
    if view.height_cm:
        source, _ = clinical.BMI_BANDS[view.bmi_cutoffs]
        sources.append(f"Shaded bands: BMI categories ({source}) for your height.")
    return Chart(
        "weight",
        "Weight",
        figure,
        _weight_summary(view, dots, trend, unit),
        _weight_table(view, window, unit),
        tuple(sources),
        window,
    )


def _goal_kg(view: WeightView) -> float | None:
    custom = next((m for m in view.progress.milestones if m.custom), None)
    if custom:
        return custom.target_kg
    if view.target_percent is not None:
        return view.progress.baseline_kg * (1 - view.target_percent / 100)
    return None


def _weight_summary(view: WeightView, dots, trend, unit: str) -> str:
    progress = view.progress
    if not trend:
        return (
            f"No weighings in this range. The last trend value was "
            f"{weight_in(progress.current_kg, unit)} on {day_text(progress.as_of)}."
        )
    first, last = trend[0], trend[-1]
    change = _weight(last.kg, unit) - _weight(first.kg, unit)
    if first.date == last.date:  # one day: nothing to compare it with
        went = f"The trend is {weight_in(last.kg, unit)} on {day_text(last.date)}."
    elif _fmt(abs(change), 1, unit) == _fmt(0, 1, unit):
        went = (
            f"The trend was {weight_in(last.kg, unit)} on {day_text(last.date)}, the same as "
            f"on {day_text(first.date)}."
        )
    else:
        went = (
            f"The trend went from {weight_in(first.kg, unit)} on {day_text(first.date)} to "
            f"{weight_in(last.kg, unit)} on {day_text(last.date)} "
            f"({'down' if change < 0 else 'up'} {_fmt(abs(change), 1, unit)})."
        )
    parts = [f"{_count(len(dots), 'weighing')} in this range. {went}"]
    upcoming = progress.next_milestone
    if upcoming and upcoming.projected_on:
        parts.append(
            f"At the recent rate the {milestone_label(upcoming, unit, view.target_percent)} line "
            f"is projected around {day_text(upcoming.projected_on)}."
        )
    return " ".join(parts)


def _weight_table(view: WeightView, window: Window, unit: str) -> Table:
    trend_on = {p.date: p.kg for p in window.within(view.trend)}
    dots = [d for d in window.within(view.series) if not d.interpolated]
    if len(dots) <= MAX_DAILY_ROWS:
        rows = [
            (day_text(d.date), weight_in(d.kg, unit), _trend_text(trend_on, d, unit)) for d in dots
        ]
        headers = ("Date", f"Weighing ({unit})", f"Trend ({unit})")
        return Table(f"Weighings and trend, in {unit}", headers, rows)
    weeks: dict[dt.date, list[DayWeight]] = {}
    for d in dots:
        weeks.setdefault(d.date - dt.timedelta(days=d.date.weekday()), []).append(d)
    rows = []
    for monday, days in weeks.items():
        mean = sum(d.kg for d in days) / len(days)
        rows.append(
            (
                day_text(monday),
                str(len(days)),
                weight_in(mean, unit),
                _trend_text(trend_on, days[-1], unit),
            )
        )
    headers = ("Week of", "Weighings", f"Average ({unit})", f"Trend at the last weighing ({unit})")
    return Table(f"Weighings per week, in {unit}", headers, rows)


def _trend_text(trend_on: dict[dt.date, float], day: DayWeight, unit: str) -> str:
    kg = trend_on.get(day.date)
    return _fmt(None if kg is None else _weight(kg, unit), 1, unit)


# --- Waist --------------------------------------------------------------------------------


def waist_chart(
    points: Sequence[tuple[dt.date, float]],
    window: Window,
    display: DisplayUnits,
    *,
    population: str = "US",
    sex: str | None = None,
    height_cm: float | None = None,
) -> Chart:
    """Waist over time with the population's central-obesity threshold (Alberti 2009)."""
    unit = display.length
    shown = [(day, cm) for day, cm in points if window.holds(day)]
    cut = clinical.WAIST_CUTOFFS[population]
    sexes = (sex,) if sex in clinical.SEXES else clinical.SEXES
    lines = [
        Cutoff(
            _length(getattr(cut, s), unit),
            f"{population} threshold{'' if sex else ' for ' + ('men' if s == 'male' else 'women')}"
            f" ({_fmt(_length(getattr(cut, s), unit), 0, unit)})",
        )
        for s in sexes
    ]
    if height_cm:
        half = _length(height_cm / 2, unit)
        lines.append(Cutoff(half, f"Half your height ({_fmt(half, 1, unit)})", BRAND))
    traces = [
        _scatter(
            x=[_iso(day) for day, _ in shown],
            y=[_length(cm, unit) for _, cm in shown],
            mode="lines+markers",
            name="Waist",
            line={"color": BRAND, "width": 2},
            marker={"size": 7},
            hovertemplate=f"%{{x|%-d %b %Y}}: %{{y:.1f}} {unit}<extra></extra>",
        )
    ]
    shapes, notes = _cutoff_marks(lines)
    y_range = _y_range([_length(cm, unit) for _, cm in shown] + [c.value for c in lines])
    layout = _base_layout(window, f"Waist ({unit})", yaxis={"range": y_range}, showlegend=False)
    rows = [(day_text(day), length_in(cm, unit)) for day, cm in shown]
    if shown:
        (d0, first), (d1, last) = shown[0], shown[-1]
        change = _length(last, unit) - _length(first, unit)
        summary = f"Latest waist {length_in(last, unit)} on {day_text(d1)}"
        if d0 == d1:  # one measurement: nothing to compare it with
            summary += "."
        elif length_in(abs(last - first), unit) == length_in(0, unit):
            summary += f"; the same as on {day_text(d0)}."
        else:
            summary += (
                f"; {length_in(abs(last - first), unit)} {'less' if change < 0 else 'more'} "
                f"than on {day_text(d0)}."
            )
    else:
        summary = "No waist measurements in this range."
    source = (
        f"Threshold: {population} waist cut-off ({cut.source}, from the harmonized 2009 "
        "metabolic-syndrome statement)."
    )
    if height_cm:
        source += " A waist under half your height is the healthy range (NICE 2022)."
    return Chart(
        "waist",
        "Waist",
        _figure(traces, layout, shapes, notes),
        summary,
        Table(f"Waist, in {unit}", ("Date", f"Waist ({unit})"), rows),
        (source,),
        window,
    )


# --- Blood pressure -----------------------------------------------------------------------


def blood_pressure_chart(
    readings: Sequence[BloodPressureReading],
    window: Window,
) -> Chart:
    shown = [r for r in readings if window.holds(r.date)]
    xs = [f"{r.date.isoformat()} {r.time:%H:%M}" for r in shown]
    traces = [
        _scatter(
            x=xs,
            y=[r.systolic for r in shown],
            mode="lines+markers",
            name="Systolic",
            line={"color": ALERT, "width": 1.5},
            marker={"size": 6},
            hovertemplate="%{x|%-d %b %Y %H:%M}: %{y} mmHg<extra>systolic</extra>",
        ),
        _scatter(
            x=xs,
            y=[r.diastolic for r in shown],
            mode="lines+markers",
            name="Diastolic",
            line={"color": "#2f5d8a", "width": 1.5},
            marker={"size": 6},
            hovertemplate="%{x|%-d %b %Y %H:%M}: %{y} mmHg<extra>diastolic</extra>",
        ),
    ]
    lines = [
        Cutoff(clinical.SYSTOLIC_HIGH, f"{clinical.SYSTOLIC_HIGH:g} systolic", ALERT),
        Cutoff(clinical.DIASTOLIC_HIGH, f"{clinical.DIASTOLIC_HIGH:g} diastolic", "#2f5d8a"),
    ]
    shapes, notes = _cutoff_marks(lines)
    values = [v for r in shown for v in (r.systolic, r.diastolic)]
    y_range = _y_range(values + [c.value for c in lines], min_pad=5)
    layout = _base_layout(window, "Blood pressure (mmHg)", yaxis={"range": y_range})
    if shown:
        recent = shown[-7:]
        systolic = sum(r.systolic for r in recent) / len(recent)
        diastolic = sum(r.diastolic for r in recent) / len(recent)
        high = sum(
            1
            for r in shown
            if r.systolic >= clinical.SYSTOLIC_HIGH or r.diastolic >= clinical.DIASTOLIC_HIGH
        )
        if len(shown) == 1:  # no average of one, and no "1 of 1"
            only = shown[0]
            summary = (
                f"One reading in this range: {only.systolic}/{only.diastolic} mmHg on "
                f"{day_text(only.date)}, {'at or above' if high else 'below'} 130 systolic "
                "or 85 diastolic."
            )
        else:
            summary = (
                f"Average of the last {_count(len(recent), 'reading')}: {systolic:.0f}/"
                f"{diastolic:.0f} mmHg. {high} of {_count(len(shown), 'reading')} in this "
                f"range at or above 130 systolic or 85 diastolic."
            )
    else:
        summary = "No blood pressure readings in this range."
    rows = [(day_text(r.date), time_text(r.time), f"{r.systolic}/{r.diastolic}") for r in shown]
    return Chart(
        "blood-pressure",
        "Blood pressure",
        _figure(traces, layout, shapes, notes),
        summary,
        Table("Blood pressure readings", ("Date", "Time", "mmHg"), rows),
        (
            f"Lines at 130 systolic and 85 diastolic: the blood-pressure part of the "
            f"metabolic-syndrome definition ({clinical.HARMONIZED}).",
        ),
        window,
    )
