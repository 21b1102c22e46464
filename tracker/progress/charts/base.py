"""What every chart shares: the look, the Chart and Table it returns, the date window,
guide lines and bands, and small plotly helpers.

No database access here: the board loads a person's data once and passes plain values
(dates, canonical numbers, trend objects). Values arrive in canonical units and leave in
the person's display units; axis titles name the unit. Text that people typed (medication
names) is HTML-escaped before it reaches plotly, which renders a small subset of HTML in
labels.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol, TypeVar

import plotly.graph_objects as go
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from tracker.display import count_text, day_month_text, day_text
from tracker.record import MedicationSpan  # noqa: F401 (the record's row, used by charts)
from tracker.science import units
from tracker.science.trends import WeekSummary

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
# Guide-line labels sit in the right margin, beside the plot, so they never hide the
# newest point; the margin is sized from the labels (plotly does not size it for them).
LABEL_SIZE = 11
LABEL_CHAR_PX = 6.4  # a generous average width of one character at LABEL_SIZE
LABEL_LINE_CHARS = 20
LABEL_LINES = 2
MIN_DAYS_SHOWN = 7
MIN_SPAN = 0.06  # a y axis spans at least this fraction of its values' size
BASE_MARGIN = {"l": 56, "r": 16, "t": 16, "b": 40}

# --- Types --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisplayUnits:
    weight: str = "kg"
    length: str = "cm"


class _HasDate(Protocol):
    @property
    def date(self) -> dt.date: ...


_Dated = TypeVar("_Dated", bound=_HasDate)
_date_of = attrgetter("date")


@dataclass(frozen=True)
class Window:
    """The dates a chart shows: start and end inclusive."""

    start: dt.date
    end: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def within(self, points: Sequence[_Dated]) -> Sequence[_Dated]:
        """The points dated in the window, from `points` sorted by date: found by bisection,
        since a weight series runs over the whole history and a window is a few months."""
        first = bisect.bisect_left(points, self.start, key=_date_of)
        return points[first : bisect.bisect_right(points, self.end, lo=first, key=_date_of)]


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
    window: Window | None = None  # the dates on the x axis, for markers added afterwards

    @property
    def figure(self) -> go.Figure:
        """A validated plotly Figure (for tests, and for images in reports)."""
        return go.Figure(self.spec)

    def figure_data(self) -> dict:
        """The figure as plain JSON-ready data, for Django's json_script."""
        return self.spec

    def script(self, element_id: str) -> SafeString:
        """The figure in a JSON <script> block, as Django's json_script writes it."""
        return figure_script(self.spec, element_id)


# What json_script escapes so that no string in the data can end its <script> element.
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


def figure_script(value, element_id: str) -> SafeString:
    """The same markup as django.utils.html.json_script. Its str.translate walks the JSON a
    character at a time in Python, which cost more than the rest of rendering a dashboard
    with many charts; three str.replace calls give the same text."""
    text = json.dumps(value, cls=DjangoJSONEncoder)
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    script_id = html.escape(element_id)
    return mark_safe(f'<script id="{script_id}" type="application/json">{text}</script>')


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


# --- Small helpers ------------------------------------------------------------------------


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _weight(kg: float, unit: str) -> float:
    return round(units.from_canonical("weight", kg, unit), 2)


def _length(cm: float, unit: str) -> float:
    return round(units.from_canonical("length", cm, unit), 2)


def _fmt(value: float | None, decimals: int = 1, unit: str = "") -> str:
    return units.format_value(value, decimals, unit)


def _safe(text: str) -> str:
    """Plain text for a plotly label: plotly reads a subset of HTML in strings. Quotes
    stay as they are: plotly decodes only a few entities and would show "&quot;"."""
    return html.escape(text, quote=False)


def _wrap(text: str, width: int = LABEL_LINE_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """Short lines for a margin label; the chart's notes carry any words cut here. A value
    in brackets, "Your target (88.0 kg)", goes whole onto a line of its own."""
    if lines > 1 and len(text) > width and " (" in text:
        head, _, value = text.rpartition(" (")
        return _wrap(head, width, lines - 1) + _wrap("(" + value, width, 1)
    out = [""]
    for word in text.split():
        if out[-1] and len(out[-1]) + 1 + len(word) > width:
            out.append(word)
        else:
            out[-1] = f"{out[-1]} {word}".strip()
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1].rstrip() + "…"]
    return [line if len(line) <= width else line[: width - 1] + "…" for line in out]


def label_width(text: str) -> float:
    """The estimated width in pixels of a label's longest line (plotly's "<br>" breaks)."""
    longest = max((len(html.unescape(line)) for line in text.split("<br>")), default=0)
    return longest * LABEL_CHAR_PX


def _base_layout(window: Window, y_title: str, **extra) -> dict:
    """Layout shared by every time chart: same dates, touch-friendly, quiet styling."""
    layout = {
        "template": {},  # plotly.js defaults plus the styling below, not plotly.py's theme
        "autosize": True,
        "margin": dict(BASE_MARGIN),
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
            # At least a week wide: a day's range gets an hour-by-hour axis.
            "range": [
                _iso(min(window.start, window.end - dt.timedelta(days=MIN_DAYS_SHOWN - 1))),
                _iso(window.end + dt.timedelta(days=1)),
            ],
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
            # plotly widens the left margin to fit the ticks and the title (TyG-BMI's
            # "250.5" ticks crossed its title in a fixed margin).
            "automargin": True,
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


def _figure(traces: list, layout: dict, shapes: list, annotations: list) -> dict:
    """The figure as plain data; empty shapes and annotations are left out."""
    extra = {"shapes": shapes, "annotations": annotations}
    layout = {**layout, **{k: v for k, v in extra.items() if v}}
    return {"data": traces, "layout": fit_right_margin(layout)}


def fit_right_margin(layout: dict) -> dict:
    """The layout with a right margin wide enough for the labels placed in it."""
    beside = [a for a in layout.get("annotations", ()) if _in_right_margin(a)]
    if not beside:
        return layout
    needed = 8 + max(label_width(a["text"]) for a in beside)
    margin = layout["margin"]
    return {**layout, "margin": {**margin, "r": max(margin["r"], round(needed))}}


def _in_right_margin(annotation: dict) -> bool:
    return (
        annotation.get("xref") == "paper"
        and annotation.get("x", 0) >= 1
        and annotation.get("xanchor") == "left"
    )


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


def _hlabel(y: float, text: str, colour: str, yref: str = "y") -> dict:
    """A label inside the plot at its left edge, just above `y`."""
    return {
        "xref": "paper",
        "x": 0,
        "xanchor": "left",
        "yref": yref,
        "y": y,
        "yanchor": "bottom",
        "text": text,
        "showarrow": False,
        "font": {"size": LABEL_SIZE, "color": colour},
        "bgcolor": "rgba(255,255,255,0.75)",
    }


def _margin_label(y: float, label: str, colour: str, yref: str = "y") -> dict:
    """A guide line's label in the right margin, level with its line."""
    return {
        "xref": "paper",
        "x": 1,
        "xanchor": "left",
        "xshift": 4,
        "yref": yref,
        "y": y,
        "yanchor": "middle",
        "align": "left",
        "text": "<br>".join(_safe(line) for line in _wrap(label)),
        "showarrow": False,
        "font": {"size": LABEL_SIZE, "color": colour},
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


def _cutoff_marks(
    cutoffs: Iterable[Cutoff], yref: str = "y", inside: bool = False
) -> tuple[list, list]:
    """Guide lines with their labels in the right margin; `inside` (for a chart whose
    right margin holds a second axis) puts them at the plot's left edge instead."""
    shapes, notes = [], []
    for cutoff in cutoffs:
        shapes.append(_hline(cutoff.value, cutoff.colour, yref=yref))
        if inside:
            notes.append(_hlabel(cutoff.value, _safe(cutoff.label), cutoff.colour, yref=yref))
        else:
            notes.append(_margin_label(cutoff.value, cutoff.label, cutoff.colour, yref=yref))
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
        label = _hlabel(low, _safe(shade.label), MUTED)
        notes.append({**label, "font": {"size": 10, "color": MUTED}, "bgcolor": TRANSPARENT})
    return shapes, notes


def _y_range(values: Iterable[float], pad_fraction: float = 0.08, min_pad: float = 0.5):
    """A y range around the values. A lone value (or equal ones) still gets an axis that
    spans at least MIN_SPAN of its size, not a sliver such as 95.2–95.35."""
    values = list(values)
    low, high = min(values), max(values)
    spread = high - low
    floor = (MIN_SPAN * max(abs(low), abs(high)) - spread) / 2
    pad = max(spread * pad_fraction, min_pad, floor)
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
        customdata=[f"week of {day_month_text(w.week_start)}" for w in weeks],
        hovertemplate="%{customdata}: %{y}<extra>" + _safe(name) + "</extra>",
        **extra,
    )


def _week_points(weeks: Sequence[WeekSummary], ys: list, name: str, hover: str, **style) -> dict:
    """A weekly value drawn mid-week; `hover` follows "week of 3 Mar: " (plotly syntax)."""
    return _scatter(
        x=[_iso(w.week_start + dt.timedelta(days=3)) for w in weeks],
        y=ys,
        name=name,
        customdata=[f"week of {day_month_text(w.week_start)}" for w in weeks],
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
    return day_text(week.week_start)


def _count(n: int, word: str) -> str:
    return count_text(n, word)
