"""Our plotly figures drawn on paper: one figure dict in, an SVG out, with matplotlib.

The dashboard draws each chart in the browser with plotly.js; the PDF needs the same
chart as a vector image, made on the server with no browser. This module reads what the
chart builders (tracker/progress/charts/) put in a figure and draws it with matplotlib's
object-oriented API: a `Figure` of its own per chart and the SVG backend, never pyplot,
so nothing global is left behind in a long-running worker and no GUI is touched.

What is drawn: scatter traces (lines, markers, both; symbols, open ones included;
colours, dash, step lines), bar traces (weekly periods, stacked or grouped), a second y
axis, shapes (bands and lines, at data or paper coordinates, below or above the data),
annotations (text at data or paper coordinates, shifted in pixels), axis titles, ranges
and ticks, the legend and the title. Hover and interactivity have no meaning on paper.

Sizes: plotly speaks in CSS pixels; the figure is laid out at 100 pixels to the inch and
matplotlib speaks in points (72 to the inch), so a pixel is PT points.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
import threading
from collections.abc import Iterable

import matplotlib
from matplotlib import dates as mdates
from matplotlib import ticker
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import blended_transform_factory, offset_copy

DPI = 100
PT = 72 / DPI  # points per CSS pixel
FONT_PX = 12  # plotly.js's default font size, and our layouts'
# plotly.js's default colours (the same ten as matplotlib's), for a trace that names none.
COLORWAY = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
MARKERS = {
    "circle": "o",
    "square": "s",
    "diamond": "D",
    "cross": "P",
    "x": "X",
    "star": "*",
    "triangle-up": "^",
    "triangle-down": "v",
    "triangle-left": "<",
    "triangle-right": ">",
}
# plotly.js dash patterns, in multiples of the line width (at least 3 px: its dashStyle).
DASHES = {
    "dot": (1, 1),
    "dash": (3, 3),
    "longdash": (5, 5),
    "dashdot": (3, 1, 1, 1),
    "longdashdot": (5, 1, 1, 1),
}
LEGEND_COLUMNS = 5
ANCHORS = {"left": "left", "right": "right", "center": "center", "auto": "center"}
V_ANCHORS = {"top": "top", "bottom": "bottom", "middle": "center", "auto": "center"}
# Layers: bands below the grid, the grid below the data, guide lines above it.
Z_BELOW, Z_GRID, Z_DATA, Z_ABOVE, Z_TEXT = 0.2, 0.5, 2, 3, 4
# Text as <text> in the font's name (DejaVu, bundled with matplotlib and installed with
# the system's fonts), so WeasyPrint sets it as text: it stays searchable and sharp.
# A fixed hash salt gives the same ids, so the same SVG, for the same figure.
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "liverlog",
    "font.family": "DejaVu Sans",
    "font.size": FONT_PX * PT,
}
# rc_context changes matplotlib's module-wide settings for the time of a drawing: one
# drawing at a time keeps another thread from seeing them half set.
_drawing = threading.Lock()


def svg_of(figure: dict, width: int = 700, height: int = 230) -> str:
    """The figure as an SVG document, `width` × `height` CSS pixels."""
    with _drawing, matplotlib.rc_context(STYLE):
        drawn = draw(figure, width, height)
        out = io.StringIO()
        FigureCanvasSVG(drawn).print_svg(out, metadata={"Date": None})
    return out.getvalue()


def draw(figure: dict, width: int = 700, height: int = 230) -> Figure:
    """The figure as a matplotlib Figure (call inside STYLE, as svg_of does)."""
    layout = figure.get("layout", {})
    drawn = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    drawn.patch.set_facecolor(colour(layout.get("paper_bgcolor", "#fff")))
    ax = drawn.add_subplot()
    axes = {"y": ax}
    if "yaxis2" in layout:
        axes["y2"] = ax.twinx()
    xaxis = layout.get("xaxis", {})
    dates = xaxis.get("type") == "date"
    traces = figure.get("data", [])
    bars = Bars(layout, traces)
    keys = []  # the legend's entries, in the traces' order as plotly lists them
    for index, trace in enumerate(traces):
        target = axes.get(trace.get("yaxis", "y"), ax)
        if trace.get("type", "scatter") == "bar":
            handle = bars.draw(target, trace, index, dates)
        else:
            handle = _scatter(target, trace, index, dates)
        if trace.get("showlegend", True) and trace.get("name"):
            keys.append((handle, plain_text(trace["name"])))
    _style_x(ax, xaxis, dates)
    _style_y(ax, layout.get("yaxis", {}), layout.get("plot_bgcolor", "#fff"))
    if "y2" in axes:
        _style_y(axes["y2"], layout["yaxis2"], None)
    # Numbered ids (shape-0-rect, annotation-3) name each part in the SVG.
    for number, shape in enumerate(layout.get("shapes", [])):
        _shape(axes, shape, dates, f"shape-{number}-{shape.get('type', 'rect')}")
    for number, note in enumerate(layout.get("annotations", [])):
        _annotation(drawn, axes, note, dates, f"annotation-{number}")
    _title(ax, layout.get("title"))
    if _shows_legend(figure):
        _legend(drawn, keys)
    return drawn


# --- Values -------------------------------------------------------------------------------


_RGBA = re.compile(r"rgba?\(([^)]*)\)")


def colour(text: str | None, default="#444"):
    """A plotly colour ("#1f6f5c", "rgba(255,255,255,0.75)", a CSS name) for matplotlib."""
    if not text:
        return default
    found = _RGBA.fullmatch(text.replace(" ", ""))
    if not found:
        return text
    parts = [float(p) for p in found.group(1).split(",")]
    alpha = parts[3] if len(parts) == 4 else 1.0
    return (parts[0] / 255, parts[1] / 255, parts[2] / 255, alpha)


def x_value(value, dates: bool):
    """An x value as matplotlib places it: ISO dates ("2026-06-01", "2026-06-01 08:30") as
    day numbers on a date axis, numbers as they are; None (a gap) as NaN."""
    if value is None:
        return math.nan
    if dates:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return mdates.date2num(value)
    return value


def _x_values(values: Iterable, dates: bool) -> list:
    return [x_value(v, dates) for v in values]


def _y_values(values: Iterable) -> list:
    return [math.nan if v is None else v for v in values]


def _trace_colour(trace: dict, index: int) -> str:
    """The trace's own colour: its line's, else its marker's, else plotly's next default."""
    return (
        trace.get("line", {}).get("color")
        or _single(trace.get("marker", {}).get("color"))
        or COLORWAY[index % len(COLORWAY)]
    )


def _transparent(value) -> bool:
    return isinstance(value, tuple) and value[3] == 0


def _single(value):
    return value if isinstance(value, str) else None


def plain_text(text) -> str:
    """A plotly label as plain text: its "<br>" breaks become new lines, other tags go,
    and the entities our builders escape become characters again."""
    text = re.sub(r"<br\s*/?>", "\n", str(text), flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _dash_style(dash: str | None, width_pt: float):
    """A plotly dash name as a matplotlib line style, as long as plotly draws it."""
    pattern = DASHES.get(dash or "solid")
    if pattern is None:
        return "solid"
    unit = max(width_pt, 3 * PT)
    return (0, tuple(step * unit / max(width_pt, 0.1) for step in pattern))


# --- Traces -------------------------------------------------------------------------------


def _scatter(ax, trace: dict, index: int, dates: bool):
    mode = trace.get("mode", "lines+markers")
    line = trace.get("line", {})
    marker = trace.get("marker", {})
    base = _trace_colour(trace, index)
    width = line.get("width", 2) * PT
    style = {
        "linestyle": _dash_style(line.get("dash"), width) if "lines" in mode else "none",
        "linewidth": width,
        "color": colour(base),
        "drawstyle": "steps-post" if line.get("shape") == "hv" else "default",
        "zorder": Z_DATA,
        "label": plain_text(trace.get("name", "")),
        "gid": f"trace-{index}",
    }
    if "markers" in mode:
        style |= _marker_style(marker, base)
    xs, ys = _x_values(trace.get("x", []), dates), _y_values(trace.get("y", []))
    (line,) = ax.plot(xs, ys, **style)
    return line


def _marker_style(marker: dict, base: str) -> dict:
    """Marker keywords for Line2D: plotly's symbol, size (a diameter in px), colour and
    opacity; an "-open" symbol is its outline only, in the marker's colour."""
    symbol = marker.get("symbol", "circle")
    is_open = symbol.endswith("-open")
    shape = MARKERS.get(symbol.removesuffix("-open"), "o")
    fill = colour(_single(marker.get("color")) or base)
    edge_width = marker.get("line", {}).get("width", 0) * PT
    edge = colour(marker.get("line", {}).get("color"), default="#444")
    style = {
        "marker": shape,
        "markersize": marker.get("size", 6) * PT,
        "markerfacecolor": "none" if is_open else fill,
        "markeredgecolor": fill if is_open else (edge if edge_width else fill),
        "markeredgewidth": max(edge_width, 1.5 * PT) if is_open else edge_width,
    }
    if "opacity" in marker:
        style["alpha"] = marker["opacity"]
    return style


class Bars:
    """How the figure's bar traces share their slots: plotly's barmode ("group" by default,
    side by side; "stack", one on another) and bargap."""

    def __init__(self, layout: dict, traces: list):
        self.gap = layout.get("bargap", 0.2)
        self.mode = layout.get("barmode", "group")
        self.count = sum(1 for t in traces if t.get("type") == "bar")
        self.drawn = 0
        self.heights: dict[float, float] = {}  # the top of the stack at each x

    def draw(self, ax, trace: dict, index: int, dates: bool):
        """A bar trace; a weekly bar (plotly's xperiod, aligned to the middle) spans its
        week."""
        xs = _x_values(trace.get("x", []), dates)
        ys = _y_values(trace.get("y", []))
        period = trace.get("xperiod")
        if period and dates:
            days = period / 86_400_000  # plotly gives the period in milliseconds
            if trace.get("xperiodalignment") == "middle":
                xs = [x + days / 2 for x in xs]
            width = days * (1 - self.gap)
        else:
            width = _spacing(xs) * (1 - self.gap)
        bottoms = None
        if self.mode == "stack":
            bottoms = self._stack(xs, ys)
        elif self.mode == "group" and self.count > 1:
            width /= self.count
            xs = [x + (self.drawn - (self.count - 1) / 2) * width for x in xs]
        self.drawn += 1
        fill = _single(trace.get("marker", {}).get("color")) or COLORWAY[index % len(COLORWAY)]
        drawn = ax.bar(
            xs,
            ys,
            width=width,
            bottom=bottoms,
            color=colour(fill),
            alpha=trace.get("opacity", 1),
            zorder=Z_DATA,
            label=plain_text(trace.get("name", "")),
        )
        for number, patch in enumerate(drawn.patches):  # trace-0-bar-3: the fourth bar
            patch.set_gid(f"trace-{index}-bar-{number}")
        return drawn

    def _stack(self, xs: list, ys: list) -> list:
        bottoms = [self.heights.get(x, 0) for x in xs]
        for x, y in zip(xs, ys, strict=False):
            if not math.isnan(y):
                self.heights[x] = self.heights.get(x, 0) + y
        return bottoms


def _spacing(xs: list) -> float:
    """The smallest distance between bars, as plotly sizes them; a lone bar is one unit."""
    known = sorted({x for x in xs if not math.isnan(x)})
    steps = [b - a for a, b in zip(known, known[1:], strict=False)]
    return min(steps, default=1)


# --- Axes ---------------------------------------------------------------------------------


def _style_x(ax, xaxis: dict, dates: bool) -> None:
    if "range" in xaxis:
        ax.set_xlim(*_x_values(xaxis["range"], dates))
    if dates:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(_date_label(ax)))
    _title_axis(ax.xaxis, xaxis)
    ax.grid(True, axis="x", color=colour(xaxis.get("gridcolor"), "#eee"), zorder=Z_GRID)
    ax.tick_params(axis="x", length=0, colors="#444")


def _date_label(ax):
    """Tick labels as a reader of a paper report reads dates: "3 Jun" over a few weeks,
    "Jun 2026" over months, "2026" over years."""

    def label(value, _position):
        low, high = ax.get_xlim()
        day = mdates.num2date(value)
        if high - low <= 92:
            return f"{day.day} {day:%b}"
        if high - low <= 3 * 366:
            return f"{day:%b %Y}"
        return f"{day:%Y}"

    return label


def _style_y(ax, yaxis: dict, background: str | None) -> None:
    if "range" in yaxis:
        ax.set_ylim(*yaxis["range"])
    elif yaxis.get("rangemode") == "tozero":
        ax.set_ylim(bottom=0)
    if "tickvals" in yaxis:
        ax.set_yticks(yaxis["tickvals"], [plain_text(t) for t in yaxis.get("ticktext", [])])
    elif "dtick" in yaxis:
        ax.yaxis.set_major_locator(ticker.MultipleLocator(yaxis["dtick"]))
    _title_axis(ax.yaxis, yaxis)
    if yaxis.get("showgrid", True):
        ax.grid(True, axis="y", color=colour(yaxis.get("gridcolor"), "#eee"), zorder=Z_GRID)
    ax.tick_params(axis="y", length=0, colors="#444")
    ax.set_axisbelow(True)
    # plotly draws no axis lines unless asked (showline): only the grid frames the plot.
    for spine in ax.spines.values():
        spine.set_visible(False)
    if background is not None:
        ax.patch.set_facecolor(colour(background))
    ax.patch.set_gid("plot-area")


def _title_text(title) -> str:
    """A plotly title, given as {"text": …} or as the text alone, as plain text."""
    text = title.get("text") if isinstance(title, dict) else title
    return plain_text(text) if text else ""


def _title_axis(axis, spec: dict) -> None:
    text = _title_text(spec.get("title"))
    if text:
        axis.set_label_text(text, color="#444")


def _title(ax, title) -> None:
    text = _title_text(title)
    if text:
        ax.set_title(text, loc="left")


# --- Shapes and annotations ---------------------------------------------------------------


def _transform(axes: dict, xref: str, yref: str):
    """Coordinates of a shape or an annotation: "paper" is the plot area from 0 to 1,
    "x", "y" and "y2" are the axes' data."""
    ax = axes["y"]
    ys = axes.get(yref, ax)
    x_part = ax.transAxes if xref == "paper" else ax.transData
    y_part = ax.transAxes if yref == "paper" else ys.transData
    return blended_transform_factory(x_part, y_part)


def _shape(axes: dict, shape: dict, dates: bool, gid: str) -> None:
    xref, yref = shape.get("xref", "x"), shape.get("yref", "y")
    on_dates = dates and xref != "paper"
    x0, x1 = x_value(shape.get("x0"), on_dates), x_value(shape.get("x1"), on_dates)
    y0, y1 = shape.get("y0"), shape.get("y1")
    line = shape.get("line", {})
    width = line.get("width", 2) * PT
    z = Z_BELOW if shape.get("layer") == "below" else Z_ABOVE
    common = {
        "transform": _transform(axes, xref, yref),
        "zorder": z,
        "alpha": shape.get("opacity", 1),
        "gid": gid,
    }
    if shape.get("type") == "line":
        artist = Line2D(
            [x0, x1],
            [y0, y1],
            color=colour(line.get("color")),
            linewidth=width,
            linestyle=_dash_style(line.get("dash"), width),
            **common,
        )
    else:
        artist = Rectangle(
            (min(x0, x1), min(y0, y1)),
            abs(x1 - x0),
            abs(y1 - y0),
            facecolor=colour(shape.get("fillcolor"), "none"),
            edgecolor=colour(line.get("color")) if width else "none",
            linewidth=width,
            **common,
        )
    # A second y axis is drawn after the first, over it: shapes below the data go with
    # the first one's, shapes above with the last one's. Clipped to the plot, as plotly's.
    holder = axes["y"] if z == Z_BELOW else axes.get("y2", axes["y"])
    holder.add_artist(artist)
    artist.set_clip_path(axes["y"].patch)


def _annotation(drawn: Figure, axes: dict, note: dict, dates: bool, gid: str) -> None:
    xref, yref = note.get("xref", "x"), note.get("yref", "y")
    x = x_value(note.get("x"), dates and xref != "paper")
    transform = offset_copy(
        _transform(axes, xref, yref),
        fig=drawn,
        x=note.get("xshift", 0) * PT,
        y=note.get("yshift", 0) * PT,
        units="points",
    )
    font = note.get("font", {})
    background = colour(note.get("bgcolor"), None)
    box = None
    if background is not None and not _transparent(background):
        box = {"facecolor": background, "edgecolor": "none", "pad": 1}
    top = axes.get("y2", axes["y"])
    top.text(
        x,
        note.get("y"),
        plain_text(note.get("text", "")),
        transform=transform,
        ha=ANCHORS.get(note.get("xanchor", "center"), "center"),
        va=V_ANCHORS.get(note.get("yanchor", "middle"), "center"),
        multialignment=note.get("align", "center"),
        fontsize=font.get("size", FONT_PX) * PT,
        color=colour(font.get("color")),
        bbox=box,
        clip_on=False,
        zorder=Z_TEXT,
        gid=gid,
    )


# --- Legend -------------------------------------------------------------------------------


def _shows_legend(figure: dict) -> bool:
    """As plotly decides: the layout's showlegend when given, else two traces or more."""
    shown = [t for t in figure.get("data", []) if t.get("showlegend", True)]
    layout = figure.get("layout", {})
    return bool(shown) and layout.get("showlegend", len(shown) > 1)


def _legend(drawn: Figure, keys: list) -> None:
    """One legend for both y axes, in rows below the plot as our layouts place it."""
    if not keys:
        return
    handles, labels = zip(*keys, strict=True)
    # "outside": the constrained layout keeps room for it below the tick labels.
    legend = drawn.legend(
        handles,
        labels,
        loc="outside lower left",
        ncols=min(len(keys), LEGEND_COLUMNS),
        frameon=False,
        fontsize=FONT_PX * PT,
        handlelength=1.8,
        columnspacing=1.2,
    )
    legend.set_gid("legend")
