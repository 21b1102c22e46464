"""Charts drawn for the PDF without a browser: what each chart builder puts in a figure
is in the SVG that matplotlib writes (tracker/report/chart_drawing.py). Pure: no database.

The SVG is read as a reader of the paper would read it: the parts are found by the ids
the drawing gives them (trace-0, shape-2-rect, annotation-1, legend) and by their text."""

import calendar
import datetime as dt
import re
import xml.etree.ElementTree as ET

import matplotlib
import pytest

from tests.progress.test_charts import KG, day, losing, week, weight_view
from tracker.progress import charts
from tracker.progress.charts import MedicationSpan, Window
from tracker.progress.charts.base import ALERT, SAFE_FILL
from tracker.report import chart_drawing
from tracker.science import labs

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
WINDOW = Window(day(0), day(90))
MONTHS = {calendar.month_abbr[n]: n for n in range(1, 13)}


def drawn(chart) -> ET.Element:
    return ET.fromstring(chart_drawing.svg_of(chart.figure_data()))


def part(svg: ET.Element, gid: str) -> ET.Element:
    found = [g for g in svg.iter(f"{SVG}g") if g.get("id") == gid]
    assert len(found) == 1, f"{len(found)} parts named {gid!r}"
    return found[0]


def parts(svg: ET.Element, prefix: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if (g.get("id") or "").startswith(prefix)]


def markers(group: ET.Element) -> list[ET.Element]:
    """The marker drawn at each point of a trace."""
    return list(group.iter(f"{SVG}use"))


def text(element: ET.Element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))


def style_of(element: ET.Element) -> str:
    return " ".join(e.get("style", "") for e in element.iter() if e.get("style"))


def tick_days(svg: ET.Element, window: Window) -> list[dt.date]:
    """The x axis's tick labels as dates: "3 Jun" (a year inside the window) or "Jun 2026"."""
    days = []
    for tick in parts(svg, "xtick_"):
        label = text(tick).strip()
        if m := re.fullmatch(r"(\d+) (\w{3})", label):
            for year in {window.start.year, window.end.year}:
                candidate = dt.date(year, MONTHS[m.group(2)], int(m.group(1)))
                if window.start <= candidate <= window.end + dt.timedelta(days=1):
                    days.append(candidate)
                    break
            else:
                days.append(dt.date(window.start.year - 1, MONTHS[m.group(2)], int(m.group(1))))
        elif m := re.fullmatch(r"(\w{3}) (\d{4})", label):
            days.append(dt.date(int(m.group(2)), MONTHS[m.group(1)], 1))
        else:
            raise AssertionError(f"unexpected tick label {label!r}")
    return days


def is_open(use: ET.Element) -> bool:
    """An outline with nothing inside: matplotlib writes a marker's missing fill so."""
    style = use.get("style", "")
    return "stroke:" in style and ("fill-opacity: 0;" in style or "fill: none" in style)


def marker_corners(svg: ET.Element, use: ET.Element) -> int:
    """How many corners the marker's shape has (a triangle has three)."""
    shape_id = use.get(XLINK).lstrip("#")
    shape = next(p for p in svg.iter(f"{SVG}path") if p.get("id") == shape_id)
    return len(re.findall(r"[ML]", shape.get("d")))


@pytest.fixture
def alt_chart():
    """ALT with one result the lab gave as a bound ("<5"), for a woman."""
    alt = labs.get("alt")
    points = [(day(5), 48.0), (day(30), 5.0), (day(60), 36.0), (day(85), 29.0)]
    return charts.lab_chart(alt, points, WINDOW, "U/L", sex="female", qualifiers=["", "<", "", ""])


def test_a_lab_chart_keeps_its_points_its_band_and_its_line(alt_chart):
    svg = drawn(alt_chart)
    measured = alt_chart.spec["data"][0]
    assert len(markers(part(svg, "trace-0"))) == len(measured["x"]) == 3
    bands = parts(svg, "shape-")
    band = [g for g in bands if g.get("id").endswith("-rect")]
    assert len(band) == 1 and SAFE_FILL in style_of(band[0])  # the reference range
    lines = [g for g in bands if g.get("id").endswith("-line")]
    assert any(ALERT in style_of(g) for g in lines)  # the guideline's line
    assert "reference range" in text(svg)
    assert "25: above the healthy upper limit" in text(svg)  # the line's label


def labels_of(chart) -> list[str]:
    return [
        " ".join(chart_drawing.plain_text(a["text"]).split())
        for a in chart.spec["layout"]["annotations"]
    ]


def test_every_label_of_a_figure_is_in_its_svg(alt_chart):
    words = " ".join(text(drawn(alt_chart)).split())
    assert labels_of(alt_chart)
    for label in labels_of(alt_chart):
        assert label in words


def test_a_bound_result_is_an_open_triangle_apart_from_the_line(alt_chart):
    svg = drawn(alt_chart)
    bound = markers(part(svg, "trace-1"))
    assert len(bound) == 1
    assert is_open(bound[0])
    assert marker_corners(svg, bound[0]) == 3
    # A legend tells the bound from the line.
    assert "Below the lab's limit" in text(part(svg, "legend"))


def test_x_ticks_fall_within_the_charts_window(alt_chart):
    svg = drawn(alt_chart)
    ticks = tick_days(svg, WINDOW)
    assert len(ticks) >= 3
    assert all(WINDOW.start <= t <= WINDOW.end + dt.timedelta(days=1) for t in ticks), ticks


def test_a_short_window_gets_day_ticks_inside_it():
    window = Window(day(0), day(13))
    chart = charts.waist_chart([(day(2), 96.0), (day(9), 95.0)], window, KG, sex="female")
    svg = drawn(chart)
    ticks = tick_days(svg, window)
    assert ticks and all(window.start <= t <= window.end + dt.timedelta(days=1) for t in ticks)
    assert len(markers(part(svg, "trace-0"))) == 2
    assert "Waist (cm)" in text(svg)


def test_the_weight_chart_draws_every_weighing_the_trend_and_the_milestones():
    view = weight_view(losing(days=60, every=2), height_cm=170)
    chart = charts.weight_chart(view, Window(day(0), day(59)), KG)
    svg = drawn(chart)
    weighings = chart.spec["data"][0]
    assert len(markers(part(svg, "trace-0"))) == len(weighings["x"]) == 30
    assert not markers(part(svg, "trace-1"))  # the trend is a line only
    words = " ".join(text(svg).split())
    for label in ("Baseline", "5 %", "7 %", "10 %", "BMI"):
        assert label in words
    lines = [g for g in parts(svg, "shape-") if g.get("id").endswith("-line")]
    assert len(lines) == 4  # the baseline and the three milestones
    assert "Weighings" in text(part(svg, "legend"))


def test_activity_bars_stack_a_week_each():
    weeks = [week(n, moderate_minutes=100 + n, vigorous_minutes=20) for n in range(4)]
    chart = charts.activity_chart(weeks, [150] * 4, Window(day(0), day(27)))
    svg = drawn(chart)
    moderate, vigorous = parts(svg, "trace-0-bar-"), parts(svg, "trace-1-bar-")
    assert len(moderate) == len(vigorous) == 4
    with matplotlib.rc_context(chart_drawing.STYLE):
        figure = chart_drawing.draw(chart.figure_data())
    bars = [p for p in figure.axes[0].patches if (p.get_gid() or "").startswith("trace-")]
    low = {p.get_gid(): p for p in bars}
    for n, summary in enumerate(weeks):
        below, above = low[f"trace-0-bar-{n}"], low[f"trace-1-bar-{n}"]
        assert above.get_y() == pytest.approx(below.get_y() + below.get_height())  # stacked
        middle = below.get_x() + below.get_width() / 2
        monday = matplotlib.dates.date2num(summary.week_start)
        assert middle == pytest.approx(monday + 3.5)  # the middle of its week
        assert 5 < below.get_width() < 7  # most of a week, with a gap
    assert "Goal" in text(part(svg, "legend"))


def test_alcohol_free_days_are_open_circles_on_a_second_axis():
    weeks = [
        week(n, alcohol_drinks=4 + n, alcohol_free_days=3, alcohol_days_logged=7) for n in range(3)
    ]
    chart = charts.alcohol_chart(weeks, Window(day(0), day(20)), free_days_goal=4)
    svg = drawn(chart)
    free = markers(part(svg, "trace-1"))
    assert len(free) == 3
    assert all(is_open(marker) for marker in free)
    words = text(svg)
    assert "Alcohol-free days" in words and "Standard drinks a week" in words
    assert "Goal: 4 alcohol-free days" in words
    with matplotlib.rc_context(chart_drawing.STYLE):
        figure = chart_drawing.draw(chart.figure_data())
    assert figure.axes[1].get_ylim() == (0, 7.5)  # the second axis's own range


def test_a_medication_marker_is_a_dashed_line_with_its_label():
    alt = labs.get("alt")
    chart = charts.lab_chart(alt, [(day(5), 48.0), (day(60), 36.0)], WINDOW, "U/L", sex="female")
    chart = charts.with_medications(chart, [MedicationSpan("Metformin", "500 mg", day(20), None)])
    svg = drawn(chart)
    assert "Metformin started" in text(svg)
    lines = [g for g in parts(svg, "shape-") if g.get("id").endswith("-line")]
    assert any("stroke-dasharray" in style_of(g) and "#6b4fa0" in style_of(g) for g in lines)


def test_a_chart_without_a_legend_draws_none():
    chart = charts.fibre_chart([week(0, avg_daily_fibre_g=22.0, fibre_days=5)], WINDOW, 30)
    svg = drawn(chart)
    assert not parts(svg, "legend")
    assert "Your goal (30 g)" in text(svg)


def test_text_stays_text_in_the_svg(alt_chart):
    """svg.fonttype none: words are <text>, which WeasyPrint sets in the named font, so
    the PDF's text can be searched and read aloud."""
    source = chart_drawing.svg_of(alt_chart.figure_data())
    assert "<text" in source and "DejaVu Sans" in source


def test_the_same_figure_gives_the_same_svg(alt_chart):
    figure = alt_chart.figure_data()
    assert chart_drawing.svg_of(figure) == chart_drawing.svg_of(figure)


@pytest.mark.parametrize(
    ("plotly", "expected"),
    [
        ("#1f6f5c", "#1f6f5c"),
        ("rgba(255,255,255,0.75)", (1.0, 1.0, 1.0, 0.75)),
        ("rgb(0, 0, 0)", (0.0, 0.0, 0.0, 1.0)),
        (None, "#444"),
    ],
)
def test_plotly_colours_read_as_matplotlib_colours(plotly, expected):
    assert chart_drawing.colour(plotly) == expected


def test_plotly_labels_read_as_plain_text():
    assert chart_drawing.plain_text("Your target<br>(88.0 kg) &amp; more") == (
        "Your target\n(88.0 kg) & more"
    )
