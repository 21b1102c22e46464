"""Plotly figure builders for the progress dashboard: data in, figure out.

No database access here: tracker/progress.py loads a person's data once and passes plain
values (dates, canonical numbers, trend objects). Every builder returns a Chart that holds
the figure, a one-paragraph summary and a table with the same numbers, so that a screen
reader or a person who prefers numbers gets everything the picture shows. Values arrive in
canonical units and leave in the person's display units; axis titles name the unit.

Text that people typed (medication names) is HTML-escaped before it reaches plotly, which
renders a small subset of HTML in labels.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from tracker.science import clinical, diet_check, labs, units
from tracker.science.trends import DayWeight, Milestone, Progress, TrendPoint, WeekSummary

# --- Shared look -------------------------------------------------------------------------

MUTED, GRID = "#5b6770", "#e3e8eb"
BRAND = "#1f6f5c"
ALERT = "#a3261b"
MEDICATION = "#6b4fa0"
MILESTONE_COLOURS = {5.0: "#8a5a00", 7.0: "#6b4fa0", 10.0: "#1f6f5c"}
TARGET_COLOUR = "#a3261b"
BAND_FILLS = ("#e8f1fb", "#eaf6ee", "#fff4d6", "#fde6d4", "#fbd9cf", "#f6cdc8")
SAFE_FILL, MIDDLE_FILL, RISK_FILL = "#e3f2e8", "#fff1cc", "#fbdcd6"
WEEK_MS = 7 * 24 * 60 * 60 * 1000
A_MONDAY = "2000-01-03"  # anchors weekly bars so that each one spans Monday to Sunday
MAX_DAILY_ROWS = 120  # above this a weight table shows one row per week
MEDICATION_LABEL_CHARS = 28
TRANSPARENT = "rgba(0,0,0,0)"

# --- Types --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisplayUnits:
    weight: str = "kg"
    length: str = "cm"


@dataclass(frozen=True)
class Window:
    """The dates a chart shows: start and end inclusive."""

    start: dt.date
    end: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class MedicationSpan:
    name: str
    dose: str
    start: dt.date
    stop: dt.date | None = None


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass
class Chart:
    """A built chart. `spec` is the plotly figure as plain data ({"data", "layout"}).

    The dashboard sends `spec` as it is: building a plotly.graph_objects Figure validates
    every property, which cost more than everything else on the page together. The tests
    build `figure` for every chart, so plotly still checks each property name and value,
    and check that `figure.to_plotly_json()` says the same as the spec.
    """

    key: str
    title: str
    spec: dict
    summary: str
    table: Table
    notes: tuple[str, ...] = ()  # where a line or band comes from

    @property
    def figure(self) -> go.Figure:
        """A validated plotly Figure (for tests, and for images in reports)."""
        return go.Figure(self.spec)

    def figure_data(self) -> dict:
        """The figure as plain JSON-ready data, for Django's json_script."""
        return self.spec


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


@dataclass(frozen=True)
class Cutoff:
    """A horizontal guide line on a chart, in the chart's display unit."""

    value: float
    label: str
    colour: str = ALERT


@dataclass(frozen=True)
class Shade:
    """A shaded horizontal band; None for an open edge."""

    low: float | None
    high: float | None
    label: str
    fill: str = SAFE_FILL


@dataclass(frozen=True)
class IndexSpec:
    """How to draw one derived index: its bands and lines, and where they come from."""

    unit: str
    decimals: int
    shades: tuple[Shade, ...] = ()
    cutoffs: tuple[Cutoff, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class BloodPressureReading:
    date: dt.date
    time: dt.time
    systolic: int
    diastolic: int


# --- Small helpers ------------------------------------------------------------------------


def day_text(day: dt.date) -> str:
    return f"{day:%-d %b %Y}"


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _weight(kg: float, unit: str) -> float:
    return round(units.from_canonical("weight", kg, unit), 2)


def _length(cm: float, unit: str) -> float:
    return round(units.from_canonical("length", cm, unit), 2)


def _fmt(value: float | None, decimals: int = 1, unit: str = "") -> str:
    return units.format_value(value, decimals, unit)


def _safe(text: str) -> str:
    """Plain text for a plotly label: plotly reads a subset of HTML in strings."""
    return html.escape(text, quote=True)


def _base_layout(window: Window, y_title: str, **extra) -> dict:
    """Layout shared by every time chart: same dates, touch-friendly, quiet styling."""
    layout = {
        "template": {},  # plotly.js defaults plus the styling below, not plotly.py's theme
        "autosize": True,
        "margin": {"l": 56, "r": 16, "t": 16, "b": 40},
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
        "paper_bgcolor": "#fff",
        "plot_bgcolor": "#fff",
        # No drag-to-zoom: on a phone a drag must scroll the page, not zoom the chart.
        "dragmode": False,
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        "xaxis": {
            "type": "date",
            "range": [_iso(window.start), _iso(window.end + dt.timedelta(days=1))],
            "gridcolor": GRID,
            "linecolor": MUTED,
            "fixedrange": True,
        },
        "yaxis": {
            "title": {"text": y_title},
            "gridcolor": GRID,
            "linecolor": MUTED,
            "zeroline": False,
            "fixedrange": True,
        },
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def _scatter(**props) -> dict:
    return {"type": "scatter", **props}


def _bar(**props) -> dict:
    return {"type": "bar", **props}


def _figure(
    traces: list,
    layout: dict,
    shapes: list,
    annotations: list,
    medications: Iterable[MedicationSpan] = (),
    window: Window | None = None,
) -> dict:
    """The figure as plain data; every time chart gets the medication markers here."""
    if window is not None:
        med_shapes, med_notes = medication_marks(medications, window)
        shapes, annotations = shapes + med_shapes, annotations + med_notes
    extra = {"shapes": shapes, "annotations": annotations}
    return {"data": traces, "layout": {**layout, **{k: v for k, v in extra.items() if v}}}


def _hline(y: float, colour: str, dash: str = "dot", yref: str = "y") -> dict:
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": yref,
        "y0": y,
        "y1": y,
        "line": {"color": colour, "width": 1.5, "dash": dash},
        "layer": "above",
    }


def _hlabel(y: float, text: str, colour: str, yref: str = "y", left: bool = False) -> dict:
    return {
        "xref": "paper",
        "x": 0 if left else 1,
        "xanchor": "left" if left else "right",
        "yref": yref,
        "y": y,
        "yanchor": "bottom",
        "text": text,
        "showarrow": False,
        "font": {"size": 11, "color": colour},
        "bgcolor": "rgba(255,255,255,0.75)",
    }


def _band(low: float, high: float, fill: str, yref: str = "y") -> dict:
    return {
        "type": "rect",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": yref,
        "y0": low,
        "y1": high,
        "fillcolor": fill,
        "line": {"width": 0},
        "layer": "below",
    }


def _cutoff_marks(cutoffs: Iterable[Cutoff], yref: str = "y") -> tuple[list, list]:
    shapes, notes = [], []
    for cutoff in cutoffs:
        shapes.append(_hline(cutoff.value, cutoff.colour, yref=yref))
        notes.append(_hlabel(cutoff.value, _safe(cutoff.label), cutoff.colour, yref=yref))
    return shapes, notes


def _shade_marks(shades: Iterable[Shade], y_low: float, y_high: float) -> tuple[list, list]:
    """Bands clipped to the visible y range, each labelled at its lower left."""
    shapes, notes = [], []
    for shade in shades:
        low = y_low if shade.low is None else max(shade.low, y_low)
        high = y_high if shade.high is None else min(shade.high, y_high)
        if high <= low:
            continue
        shapes.append(_band(low, high, shade.fill))
        label = _hlabel(low, _safe(shade.label), MUTED, left=True)
        notes.append({**label, "font": {"size": 10, "color": MUTED}, "bgcolor": TRANSPARENT})
    return shapes, notes


def medication_marks(medications: Iterable[MedicationSpan], window: Window) -> tuple[list, list]:
    """Vertical dashed lines with a label where a medicine started or stopped in the window."""
    shapes, notes = [], []
    for med in medications:
        name = med.name if len(med.name) <= MEDICATION_LABEL_CHARS else med.name[:27] + "…"
        for day, verb in ((med.start, "started"), (med.stop, "stopped")):
            if day is None or not window.holds(day):
                continue
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "x0": _iso(day),
                    "x1": _iso(day),
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": MEDICATION, "width": 1, "dash": "dash"},
                }
            )
            notes.append(
                {
                    "xref": "x",
                    "x": _iso(day),
                    "xanchor": "right",
                    "yref": "paper",
                    "y": 1,
                    "yanchor": "top",
                    "textangle": -90,
                    "text": _safe(f"{name} {verb}"),
                    "showarrow": False,
                    "font": {"size": 10, "color": MEDICATION},
                }
            )
    return shapes, notes


def medication_notes(medications: Iterable[MedicationSpan], window: Window) -> tuple[str, ...]:
    """The same markers in words, for the text beside the chart."""
    notes = []
    for med in medications:
        what = f"{med.name} {med.dose}".strip()
        if window.holds(med.start):
            notes.append(f"{what} started on {day_text(med.start)}.")
        if med.stop and window.holds(med.stop):
            notes.append(f"{med.name} stopped on {day_text(med.stop)}.")
    return tuple(notes)


def _y_range(values: Iterable[float], pad_fraction: float = 0.08, min_pad: float = 0.5):
    values = list(values)
    low, high = min(values), max(values)
    pad = max((high - low) * pad_fraction, min_pad)
    return [low - pad, high + pad]


def _week_bar(weeks: Sequence[WeekSummary], ys: list, name: str, colour: str, **extra) -> dict:
    return _bar(
        x=[_iso(w.week_start) for w in weeks],
        y=ys,
        name=name,
        marker={"color": colour},
        xperiod=WEEK_MS,
        xperiod0=A_MONDAY,
        xperiodalignment="middle",
        customdata=[f"week of {w.week_start:%-d %b}" for w in weeks],
        hovertemplate="%{customdata}: %{y}<extra>" + _safe(name) + "</extra>",
        **extra,
    )


def _week_points(weeks: Sequence[WeekSummary], ys: list, name: str, hover: str, **style) -> dict:
    """A weekly value drawn mid-week; `hover` follows "week of 3 Mar: " (plotly syntax)."""
    return _scatter(
        x=[_iso(w.week_start + dt.timedelta(days=3)) for w in weeks],
        y=ys,
        name=name,
        customdata=[f"week of {w.week_start:%-d %b}" for w in weeks],
        hovertemplate="%{customdata}: " + hover + "<extra></extra>",
        **style,
    )


def _week_goal_line(weeks: Sequence[WeekSummary], goals: Sequence[float | None], name: str):
    """A step line over the weeks: the goal that applied to each week (goals change)."""
    xs, ys = [], []
    for week, goal in zip(weeks, goals, strict=True):
        xs.append(_iso(week.week_start))
        ys.append(goal)
    if weeks:
        xs.append(_iso(weeks[-1].week_start + dt.timedelta(days=7)))
        ys.append(goals[-1])
    return _scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=name,
        line={"color": ALERT, "dash": "dash", "width": 2, "shape": "hv"},
        hoverinfo="skip",
    )


def _week_label(week: WeekSummary) -> str:
    return f"{week.week_start:%-d %b %Y}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# --- Weight -------------------------------------------------------------------------------


def milestone_label(milestone: Milestone, unit: str, target_percent: float | None = None) -> str:
    """ "5 % (93.1 kg)", "10 % · your target (88.2 kg)" or "Your target (90.0 kg)"."""
    weight = _fmt(units.from_canonical("weight", milestone.target_kg, unit), 1, unit)
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
    medications: Sequence[MedicationSpan] = (),
) -> Chart:
    unit = display.weight
    progress = view.progress
    dots = [d for d in view.series if not d.interpolated and window.holds(d.date)]
    trend = [p for p in view.trend if window.holds(p.date)]
    upcoming = progress.next_milestone
    # Let the projection show a little past today, never more than a third of the range.
    reach = max(14, (window.end - window.start).days // 3)
    horizon = window.end + dt.timedelta(days=reach)
    shown_end = window.end
    if upcoming and upcoming.projected_on:
        shown_end = min(max(window.end, upcoming.projected_on), horizon)
    if view.target_date and window.start <= view.target_date <= horizon:
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
        f"Baseline ({_fmt(_weight(progress.baseline_kg, unit), 1, unit)})",
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
    figure = _figure(traces, layout, shapes, notes, medications, window)
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
        (*sources, *medication_notes(medications, window)),
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
            f"{_fmt(_weight(progress.current_kg, unit), 1, unit)} on {day_text(progress.as_of)}."
        )
    first, last = trend[0], trend[-1]
    change = _weight(last.kg, unit) - _weight(first.kg, unit)
    direction = "down" if change < 0 else "up"
    parts = [
        f"{_count(len(dots), 'weighing')} in this range. The trend went from "
        f"{_fmt(_weight(first.kg, unit), 1, unit)} on {day_text(first.date)} to "
        f"{_fmt(_weight(last.kg, unit), 1, unit)} on {day_text(last.date)} "
        f"({direction} {_fmt(abs(change), 1, unit)})."
    ]
    upcoming = progress.next_milestone
    if upcoming and upcoming.projected_on:
        parts.append(
            f"At the recent rate the {milestone_label(upcoming, unit, view.target_percent)} line "
            f"is projected around {day_text(upcoming.projected_on)}."
        )
    return " ".join(parts)


def _weight_table(view: WeightView, window: Window, unit: str) -> Table:
    trend_on = {p.date: p.kg for p in view.trend}
    dots = [d for d in view.series if not d.interpolated and window.holds(d.date)]
    if len(dots) <= MAX_DAILY_ROWS:
        rows = [
            (day_text(d.date), _fmt(_weight(d.kg, unit), 1, unit), _trend_text(trend_on, d, unit))
            for d in dots
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
                f"{monday:%-d %b %Y}",
                str(len(days)),
                _fmt(_weight(mean, unit), 1, unit),
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
    medications: Sequence[MedicationSpan] = (),
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
    rows = [(day_text(day), _fmt(_length(cm, unit), 1, unit)) for day, cm in shown]
    if shown:
        (d0, first), (d1, last) = shown[0], shown[-1]
        change = _length(last, unit) - _length(first, unit)
        summary = (
            f"Latest waist {_fmt(_length(last, unit), 1, unit)} on {day_text(d1)}; "
            f"{_fmt(abs(change), 1, unit)} {'less' if change < 0 else 'more'} than on "
            f"{day_text(d0)}."
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
        _figure(traces, layout, shapes, notes, medications, window),
        summary,
        Table(f"Waist, in {unit}", ("Date", f"Waist ({unit})"), rows),
        (source, *medication_notes(medications, window)),
    )


# --- Activity -----------------------------------------------------------------------------


def activity_chart(
    weeks: Sequence[WeekSummary],
    goals: Sequence[float],
    window: Window,
    medications: Sequence[MedicationSpan] = (),
) -> Chart:
    """Weekly minutes stacked by intensity, vigorous minutes counted double (CLINICAL.md §6)."""
    traces = [
        _week_bar(weeks, [w.moderate_minutes for w in weeks], "Moderate", "#4f9a84"),
        _week_bar(weeks, [w.vigorous_minutes * 2 for w in weeks], "Vigorous (× 2)", BRAND),
        _week_goal_line(weeks, goals, "Goal"),
    ]
    layout = _base_layout(
        window, "Minutes a week (moderate-equivalent)", barmode="stack", bargap=0.15
    )
    met = sum(
        1 for w, goal in zip(weeks, goals, strict=True) if w.moderate_equivalent_minutes >= goal
    )
    summary = f"Goal met in {met} of {_count(len(weeks), 'week')}."
    if weeks:
        this = weeks[-1]
        summary += (
            f" Week of {this.week_start:%-d %b}: {this.moderate_equivalent_minutes:.0f} of "
            f"{goals[-1]:.0f} minutes."
        )
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
        _figure(traces, layout, [], [], medications, window),
        summary,
        Table("Minutes of activity per week", headers, rows),
        (
            "Guidelines: at least 150 minutes a week of moderate activity; a vigorous minute "
            "counts as two. Light activity is in the table but does not count toward the goal.",
            *medication_notes(medications, window),
        ),
    )


def strength_chart(
    weeks: Sequence[WeekSummary],
    goals: Sequence[float],
    window: Window,
    medications: Sequence[MedicationSpan] = (),
) -> Chart:
    traces = [
        _week_bar(weeks, [w.strength_days for w in weeks], "Strength days", "#4f9a84"),
        _week_goal_line(weeks, goals, "Goal"),
    ]
    top = max([*(w.strength_days for w in weeks), *goals, 3]) + 0.5
    layout = _base_layout(
        window, "Days with strength work", yaxis={"range": [0, top], "dtick": 1}, bargap=0.15
    )
    met = sum(1 for w, goal in zip(weeks, goals, strict=True) if w.strength_days >= goal)
    summary = f"Strength goal met in {met} of {_count(len(weeks), 'week')}."
    rows = [
        (_week_label(w), str(w.strength_days), f"{goal:.0f}")
        for w, goal in zip(weeks, goals, strict=True)
    ]
    return Chart(
        "strength",
        "Strength sessions",
        _figure(traces, layout, [], [], medications, window),
        summary,
        Table("Days with strength work per week", ("Week of", "Days", "Goal"), rows),
        (
            "Guidelines: muscle strengthening on at least 2 days a week.",
            *medication_notes(medications, window),
        ),
    )


# --- Diet ---------------------------------------------------------------------------------


def diet_score_chart(
    weeks: Sequence[WeekSummary], window: Window, medications: Sequence[MedicationSpan] = ()
) -> Chart:
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
            f"(week of {scored[-1].week_start:%-d %b}). Average over "
            f"{_count(len(scored), 'check')}: {mean:.1f}."
        )
    else:
        summary = "No diet checks in this range."
    rows = [(_week_label(w), f"{w.diet_score:g}") for w in scored]
    return Chart(
        "diet",
        "Weekly diet check",
        _figure(traces, layout, [], [], medications, window),
        summary,
        Table("Diet-check score per week", ("Week of", f"Score (of {diet_check.MAX_SCORE})"), rows),
        (
            "The score counts Mediterranean-diet habits (adapted from the MEDAS screener, "
            "Schröder 2011); higher is closer to the pattern guidelines recommend.",
            *medication_notes(medications, window),
        ),
    )


def fibre_chart(
    weeks: Sequence[WeekSummary],
    window: Window,
    goal_g: float | None = None,
    medications: Sequence[MedicationSpan] = (),
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
        _figure(traces, layout, shapes, notes, medications, window),
        summary,
        Table("Fibre per day, weekly average", ("Week of", "Grams a day", "Days counted"), rows),
        (
            "From the meals where you noted the fibre; days without a fibre amount are left out.",
            *medication_notes(medications, window),
        ),
    )


def alcohol_chart(
    weeks: Sequence[WeekSummary],
    window: Window,
    free_days_goal: float | None = None,
    medications: Sequence[MedicationSpan] = (),
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
    shapes, notes = _cutoff_marks(cutoffs, yref="y2")
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
        _figure(traces, layout, shapes, notes, medications, window),
        summary,
        Table("Alcohol per week", headers, rows),
        (
            "A standard drink holds 14 g of alcohol. For a fatty liver, less is better.",
            *medication_notes(medications, window),
        ),
    )


# --- Sleep and stress ---------------------------------------------------------------------


def sleep_stress_chart(
    weeks: Sequence[WeekSummary],
    window: Window,
    sleep_goal: float | None = None,
    medications: Sequence[MedicationSpan] = (),
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
    shapes, notes = _cutoff_marks(cutoffs)
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
        _figure(traces, layout, shapes, notes, medications, window),
        summary,
        Table("Sleep and stress, weekly averages", ("Week of", "Sleep (h)", "Stress (1–5)"), rows),
        (
            "Weekly averages of your daily check-ins; stress runs from 1 (calm) to 5 (very "
            "stressed).",
            *medication_notes(medications, window),
        ),
    )


# --- Blood pressure -----------------------------------------------------------------------


def blood_pressure_chart(
    readings: Sequence[BloodPressureReading],
    window: Window,
    medications: Sequence[MedicationSpan] = (),
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
        summary = (
            f"Average of the last {_count(len(recent), 'reading')}: {systolic:.0f}/"
            f"{diastolic:.0f} mmHg. {high} of {_count(len(shown), 'reading')} in this range "
            f"at or above 130 systolic or 85 diastolic."
        )
    else:
        summary = "No blood pressure readings in this range."
    rows = [(day_text(r.date), f"{r.time:%H:%M}", f"{r.systolic}/{r.diastolic}") for r in shown]
    return Chart(
        "blood-pressure",
        "Blood pressure",
        _figure(traces, layout, shapes, notes, medications, window),
        summary,
        Table("Blood pressure readings", ("Date", "Time", "mmHg"), rows),
        (
            f"Lines at 130 systolic and 85 diastolic: the blood-pressure part of the "
            f"metabolic-syndrome definition ({clinical.HARMONIZED}).",
            *medication_notes(medications, window),
        ),
    )


# --- Labs and derived indices -------------------------------------------------------------


def _lab_value(test: labs.LabTest, value: float, unit: str) -> float:
    return units.from_canonical(test.analyte, value, unit)


def lab_guides(
    test: labs.LabTest, sex: str | None, unit: str
) -> tuple[Shade | None, list[Cutoff], list[str]]:
    """The reference band, the guideline lines and their sources for a test, in `unit`.

    With sex unknown, both sexes' lines are drawn and labelled (men / women).
    """
    low, high = labs.reference_range(test, sex)
    shade, sources = None, []
    if low is not None or high is not None:
        low_u = None if low is None else _lab_value(test, low, unit)
        high_u = None if high is None else _lab_value(test, high, unit)
        shade = Shade(low_u, high_u, "reference range")
        caveat = "" if "differ" in test.reference.source else "; your lab's own range may differ"
        sources.append(f"Shaded: the default reference range ({test.reference.source}){caveat}.")
    cutoffs: dict[float, Cutoff] = {}
    for threshold in test.thresholds:
        if sex is not None and threshold.sex not in (None, sex):
            continue
        value = _lab_value(test, threshold.cutoff, unit)
        who = "" if sex else {"male": " (men)", "female": " (women)"}.get(threshold.sex or "", "")
        label = f"{_fmt(value, test.decimals(unit))}{who}: {threshold.label}"
        if round(value, 6) not in cutoffs:
            cutoffs[round(value, 6)] = Cutoff(value, label)
            sources.append(f"Line at {label} ({threshold.source}).")
    return shade, list(cutoffs.values()), sources


def lab_chart(
    test: labs.LabTest,
    points: Sequence[tuple[dt.date, float]],
    window: Window,
    unit: str,
    sex: str | None = None,
    medications: Sequence[MedicationSpan] = (),
) -> Chart:
    """One lab test over time, in `unit`, with its reference band and guideline cut-offs."""
    decimals = test.decimals(unit)
    shown = [(day, _lab_value(test, value, unit)) for day, value in points if window.holds(day)]
    shade, cutoffs, sources = lab_guides(test, sex, unit)
    traces = [
        _scatter(
            x=[_iso(day) for day, _ in shown],
            y=[round(value, decimals + 2) for _, value in shown],
            mode="lines+markers",
            name=test.short,
            line={"color": BRAND, "width": 2},
            marker={"size": 8},
            hovertemplate=f"%{{x|%-d %b %Y}}: %{{y:.{decimals}f}} {unit}<extra></extra>",
        )
    ]
    values = [v for _, v in shown] + [c.value for c in cutoffs]
    if shade:
        values += [v for v in (shade.low, shade.high) if v is not None]
    y_range = _y_range(values, pad_fraction=0.12, min_pad=0.1 if decimals else 1)
    if not test.labels:
        y_range[0] = max(y_range[0], 0)
    shapes, notes = _shade_marks([shade] if shade else [], *y_range)
    line_shapes, line_notes = _cutoff_marks(cutoffs)
    y_title = f"{test.short} ({unit})" if not test.labels else test.short
    yaxis: dict = {"range": y_range}
    if test.labels:
        yaxis |= {"tickvals": [v for v, _ in test.labels], "ticktext": [w for _, w in test.labels]}
    layout = _base_layout(window, y_title, yaxis=yaxis, showlegend=False)
    if test.labels:
        layout["margin"] = {**layout["margin"], "l": 84}  # room for words as tick labels
    in_range = [(day, value) for day, value in points if window.holds(day)]
    rows = [(day_text(day), labs.display(test, value, unit)) for day, value in in_range]
    if in_range:
        last_day, last = in_range[-1]
        summary = (
            f"{_count(len(in_range), 'result')} in this range; the latest, on "
            f"{day_text(last_day)}, was {labs.display(test, last, unit)}."
        )
    else:
        summary = f"No {test.short} results in this range."
    return Chart(
        f"lab-{test.key}",
        test.name,
        _figure(traces, layout, shapes + line_shapes, notes + line_notes, medications, window),
        summary,
        Table(f"{test.name} results, in {unit}", ("Date", f"{test.short} ({unit})"), rows),
        (*sources, *medication_notes(medications, window)),
    )


_DECIMALS = clinical.DISPLAY_DECIMALS


def _fibrosis_spec(
    low: float, high: float, decimals: int, source: str, note: str = ""
) -> IndexSpec:
    return IndexSpec(
        "",
        decimals,
        shades=(
            Shade(None, low, f"low risk (under {low:g})", SAFE_FILL),
            Shade(low, high, "indeterminate", MIDDLE_FILL),
            Shade(high, None, f"high risk (over {high:g})", RISK_FILL),
        ),
        note=f"Bands: {source}. A risk aid, not a diagnosis. {note}".strip(),
    )


def _fib4_spec(older: bool) -> IndexSpec:
    low = clinical.FIB4_LOW_65 if older else clinical.FIB4_LOW
    return _fibrosis_spec(
        low,
        clinical.FIB4_HIGH,
        _DECIMALS["fib4"],
        f"Shah 2009 ({clinical.FIB4_LOW:.2f} / {clinical.FIB4_HIGH:g})"
        + (f"; from age 65 the low cut-off is {low:g} (McPherson 2017)" if older else ""),
        f"Unreliable under {clinical.FIB4_MIN_RELIABLE_AGE}. AASLD 2023: at 1.3 or more, a "
        "second test (such as FibroScan) is the usual next step.",
    )


def _nfs_spec(older: bool) -> IndexSpec:
    low = clinical.NFS_LOW_65 if older else clinical.NFS_LOW
    return _fibrosis_spec(
        low,
        clinical.NFS_HIGH,
        _DECIMALS["nafld_fibrosis_score"],
        f"Angulo 2007 ({clinical.NFS_LOW:g} / {clinical.NFS_HIGH:g})"
        + (f"; from age 65 the low cut-off is {low:g} (McPherson 2017)" if older else ""),
    )


# How each derived index is drawn (CLINICAL.md §3); keys as in derived.INDICES.
INDEX_SPECS: dict[str, IndexSpec] = {
    "homa_ir": IndexSpec(
        "",
        _DECIMALS["homa_ir"],
        cutoffs=(
            Cutoff(
                clinical.HOMA_IR_COMMON_CUTOFF,
                f"{clinical.HOMA_IR_COMMON_CUTOFF:g}: a common cut-off",
            ),
        ),
        note="HOMA-IR has no guideline cut-off; 2.5 is a common convention. Compare results "
        "from one lab only.",
    ),
    "homa_b": IndexSpec("%", _DECIMALS["homa_b"], note="No guideline cut-off."),
    "tyg": IndexSpec(
        "", _DECIMALS["tyg"], note="No guideline cut-off; published cut-offs sit around 8.5–8.8."
    ),
    "tyg_bmi": IndexSpec("", _DECIMALS["tyg_bmi"], note="No guideline cut-off."),
    "apri": _fibrosis_spec(
        clinical.APRI_LOW,
        clinical.APRI_HIGH,
        _DECIMALS["apri"],
        "Wai 2003: 0.5 or less rules out, above 1.5 rules in significant fibrosis (validated "
        "mainly in viral hepatitis)",
    ),
    "ast_alt_ratio": IndexSpec(
        "",
        _DECIMALS["ast_alt_ratio"],
        cutoffs=(Cutoff(1.0, "1: above it, a higher fibrosis risk in fatty liver", "#b86e00"),),
        note="AST/ALT (De Ritis ratio): above 1 in fatty liver disease suggests a higher risk "
        "of advanced fibrosis; no guideline cut-off.",
    ),
}


def index_spec(key: str, older: bool = False) -> IndexSpec:
    """The drawing spec of an index; `older` (65 and over) moves the fibrosis low cut-offs."""
    if key == "fib4":
        return _fib4_spec(older)
    if key == "nfs":
        return _nfs_spec(older)
    return INDEX_SPECS.get(key) or IndexSpec("", 2)


def index_chart(
    key: str,
    name: str,
    points: Sequence[tuple[dt.date, float]],
    window: Window,
    spec: IndexSpec | None = None,
    medications: Sequence[MedicationSpan] = (),
) -> Chart:
    """A derived index over time with its bands shaded (FIB-4, HOMA-IR, …)."""
    spec = spec or index_spec(key)
    shown = [(day, value) for day, value in points if window.holds(day)]
    decimals = spec.decimals
    traces = [
        _scatter(
            x=[_iso(day) for day, _ in shown],
            y=[round(value, decimals + 2) for _, value in shown],
            mode="lines+markers",
            name=name,
            line={"color": BRAND, "width": 2},
            marker={"size": 8},
            hovertemplate=f"%{{x|%-d %b %Y}}: %{{y:.{decimals}f}}<extra></extra>",
        )
    ]
    edges = [e for s in spec.shades for e in (s.low, s.high) if e is not None]
    values = [v for _, v in shown] + [c.value for c in spec.cutoffs] + edges
    y_range = _y_range(values, pad_fraction=0.15, min_pad=0.1)
    shapes, notes = _shade_marks(spec.shades, *y_range)
    line_shapes, line_notes = _cutoff_marks(spec.cutoffs)
    title = f"{name} ({spec.unit})" if spec.unit else name
    layout = _base_layout(window, title, yaxis={"range": y_range}, showlegend=False)
    rows = [(day_text(day), _fmt(value, decimals)) for day, value in shown]
    if shown:
        summary = (
            f"{_count(len(shown), 'value')} in this range; the latest, on "
            f"{day_text(shown[-1][0])}, was {_fmt(shown[-1][1], decimals)}."
        )
    else:
        summary = f"No {name} values in this range."
    return Chart(
        f"index-{key}",
        name,
        _figure(traces, layout, shapes + line_shapes, notes + line_notes, medications, window),
        summary,
        Table(f"{name} over time", ("Date", title), rows),
        tuple(n for n in (spec.note, *medication_notes(medications, window)) if n),
    )
