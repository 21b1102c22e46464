"""Chart builders: the right traces, lines and markers for given data, in the right units.
Pure: no database."""

import datetime as dt
import json

import pytest

from tracker.progress import charts
from tracker.progress.charts import DisplayUnits, MedicationSpan, Window
from tracker.science import labs
from tracker.science.trends import (
    WeekSummary,
    daily_series,
    progress,
    smoothed_trend,
)

D0 = dt.date(2026, 1, 5)  # a Monday
KG = DisplayUnits("kg", "cm")
LB = DisplayUnits("lb", "in")


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def weight_view(weighings, baseline_kg=None, target_kg=None, **extra):
    series = daily_series(weighings)
    trend = smoothed_trend(series)
    baseline = baseline_kg or weighings[0][1]
    return charts.WeightView(
        series=series,
        trend=trend,
        progress=progress(trend, baseline, target_kg=target_kg),
        baseline_date=weighings[0][0],
        **extra,
    )


def losing(days=60, start=100.0, per_day=0.1, every=1):
    return [(day(i), start - per_day * i) for i in range(0, days, every)]


def trace(chart, name):
    found = [t for t in chart.figure.data if t.name == name]
    assert found, f"no trace {name!r} in {[t.name for t in chart.figure.data]}"
    return found[0]


def annotations(chart):
    """The labels as read: a label broken over lines reads as one."""
    return [a.text.replace("<br>", " ") for a in chart.figure.layout.annotations]


def hlines(chart):
    return sorted(
        round(s.y0, 2) for s in chart.figure.layout.shapes if s.type == "line" and s.xref == "paper"
    )


def week(n, **values):
    defaults = dict(
        moderate_equivalent_minutes=0,
        light_minutes=0,
        moderate_minutes=0,
        vigorous_minutes=0,
        strength_days=0,
        avg_daily_fibre_g=None,
        fibre_days=0,
        alcohol_drinks=None,
        alcohol_days_logged=0,
        alcohol_free_days=0,
        avg_sleep_hours=None,
        avg_stress=None,
        diet_score=None,
    )
    return WeekSummary(week_start=day(7 * n), **{**defaults, **values})


WINDOW = Window(D0, day(89))


# --- weight -------------------------------------------------------------------------------


def test_weight_chart_draws_real_weighings_as_dots_and_every_day_in_the_trend():
    view = weight_view(losing(days=30, every=3))  # weighed every third day
    chart = charts.weight_chart(view, WINDOW, KG)
    dots = trace(chart, "Weighings")
    assert dots.mode == "markers"
    assert len(dots.x) == 10  # the interpolated days are not drawn as readings
    assert len(trace(chart, "Trend").x) == 28  # day 0 to day 27, every day


def test_weight_chart_has_the_5_7_and_10_percent_lines_from_the_baseline():
    chart = charts.weight_chart(weight_view(losing(), baseline_kg=100.0), WINDOW, KG)
    assert {95.0, 93.0, 90.0, 100.0} <= set(hlines(chart))
    labels = annotations(chart)
    assert "5 % (95.0 kg)" in labels
    assert "7 % (93.0 kg)" in labels
    assert "10 % (90.0 kg)" in labels


def test_weight_chart_marks_the_chosen_percentage_as_the_target():
    view = weight_view(losing(), baseline_kg=100.0, target_percent=7.0)
    assert "7 % · your target (93.0 kg)" in annotations(charts.weight_chart(view, WINDOW, KG))


def test_a_custom_target_weight_gets_its_own_line():
    chart = charts.weight_chart(weight_view(losing(), target_kg=88.0), WINDOW, KG)
    assert 88.0 in hlines(chart)
    assert "Your target (88.0 kg)" in annotations(chart)


def test_weight_chart_speaks_pounds_for_a_pound_person():
    chart = charts.weight_chart(weight_view(losing(), baseline_kg=100.0), WINDOW, LB)
    assert chart.figure.layout.yaxis.title.text == "Weight (lb)"
    assert trace(chart, "Weighings").y[0] == pytest.approx(220.46, abs=0.01)
    assert "5 % (209.4 lb)" in annotations(chart)
    assert chart.table.headers[1] == "Weighing (lb)"


def test_reached_milestones_are_marked_where_they_were_reached():
    chart = charts.weight_chart(weight_view(losing(days=80), baseline_kg=100.0), WINDOW, KG)
    reached = trace(chart, "Milestone reached")
    # 8 kg lost in 80 days: the trend (which lags) has crossed 5 % and 7 %, not yet 10 %.
    assert list(reached.y) == [95.0, 93.0]
    assert D0.isoformat() < reached.x[0] < reached.x[1]


def test_the_projection_runs_dashed_from_the_last_trend_value_toward_the_next_milestone():
    view = weight_view(losing(days=30), baseline_kg=100.0)
    chart = charts.weight_chart(view, WINDOW, KG)
    projection = trace(chart, "Projection")
    assert projection.line.dash == "dash"
    assert projection.x[0] == view.trend[-1].date.isoformat()
    assert projection.y[0] == pytest.approx(view.trend[-1].kg, abs=0.01)
    assert projection.y[1] < projection.y[0]


def test_no_projection_while_the_weight_goes_up():
    gaining = [(day(i), 90 + 0.1 * i) for i in range(30)]
    chart = charts.weight_chart(weight_view(gaining), WINDOW, KG)
    assert "Projection" not in [t.name for t in chart.figure.data]


def test_bmi_bands_are_drawn_behind_the_weight_when_the_height_is_known():
    view = weight_view(losing(), baseline_kg=100.0, height_cm=180)
    chart = charts.weight_chart(view, WINDOW, KG)
    bands = [s for s in chart.figure.layout.shapes if s.type == "rect"]
    assert bands and all(s.layer == "below" for s in bands)
    # BMI 30 at 1.80 m is 97.2 kg: the edge between overweight and obesity class I.
    assert any(round(s.y1, 1) == 97.2 for s in bands)
    assert any("overweight" in text for text in annotations(chart))


def test_no_bmi_bands_without_a_height():
    chart = charts.weight_chart(weight_view(losing()), WINDOW, KG)
    assert not [s for s in chart.figure.layout.shapes if s.type == "rect"]


def test_asian_cut_offs_move_the_bmi_bands():
    view = weight_view(losing(), baseline_kg=100.0, height_cm=180, bmi_cutoffs="Asian")
    chart = charts.weight_chart(view, WINDOW, KG)
    # 27.5 × 1.8² = 89.1 kg
    assert any(round(s.y0, 1) == 89.1 for s in chart.figure.layout.shapes if s.type == "rect")


def test_a_long_range_weight_table_has_one_row_per_week():
    view = weight_view(losing(days=200))
    chart = charts.weight_chart(view, Window(D0, day(199)), KG)
    assert chart.table.headers[0] == "Week of"
    assert len(chart.table.rows) == 29


def test_weight_summary_says_where_the_trend_went():
    chart = charts.weight_chart(weight_view(losing(days=30)), WINDOW, KG)
    assert "30 weighings in this range" in chart.summary
    assert "down" in chart.summary


# --- medication markers ------------------------------------------------------------------


def test_medication_starts_and_stops_are_labelled_vertical_markers():
    meds = [
        MedicationSpan("Metformin", "500 mg", day(10), day(40)),
        MedicationSpan("Old pill", "", day(-100), day(-50)),  # outside the window
    ]
    chart = charts.with_medications(charts.weight_chart(weight_view(losing()), WINDOW, KG), meds)
    vertical = [s for s in chart.figure.layout.shapes if s.xref == "x"]
    assert sorted(s.x0 for s in vertical) == [day(10).isoformat(), day(40).isoformat()]
    assert "Metformin started" in annotations(chart)
    assert "Metformin stopped" in annotations(chart)
    assert not any("Old pill" in text for text in annotations(chart))
    assert "Metformin 500 mg started on 15 Jan 2026." in chart.notes


def test_medication_names_are_escaped_before_plotly_renders_them():
    meds = [MedicationSpan('<a href="x">Evil</a>', "", day(5))]
    chart = charts.with_medications(charts.waist_chart([(day(1), 100.0)], WINDOW, KG), meds)
    text = next(a for a in annotations(chart) if "Evil" in a)
    assert "<a" not in text and "&lt;a" in text


# --- waist, blood pressure ----------------------------------------------------------------


def test_waist_chart_draws_the_population_threshold_for_the_persons_sex_in_inches():
    chart = charts.waist_chart(
        [(day(1), 100.0), (day(20), 98.0)], WINDOW, LB, population="Europid", sex="female"
    )
    assert chart.figure.layout.yaxis.title.text == "Waist (in)"
    assert hlines(chart) == [pytest.approx(31.5, abs=0.01)]  # 80 cm
    assert trace(chart, "Waist").y[0] == pytest.approx(39.37, abs=0.01)


def test_waist_chart_shows_both_thresholds_when_sex_is_unknown_and_half_the_height():
    chart = charts.waist_chart([(day(1), 100.0)], WINDOW, KG, height_cm=170)
    assert hlines(chart) == [85.0, 88.0, 102.0]


def test_blood_pressure_chart_has_the_130_and_85_lines():
    readings = [
        charts.BloodPressureReading(day(i), dt.time(7, 30), 135 - i, 86 - i) for i in range(5)
    ]
    chart = charts.blood_pressure_chart(readings, WINDOW)
    assert hlines(chart) == [85.0, 130.0]
    assert list(trace(chart, "Systolic").y) == [135, 134, 133, 132, 131]
    assert "5 of 5 readings in this range at or above" in chart.summary


# --- weekly charts ------------------------------------------------------------------------


def test_activity_bars_stack_by_intensity_with_vigorous_minutes_counted_double():
    weeks = [
        week(0, moderate_minutes=60, vigorous_minutes=30, moderate_equivalent_minutes=120),
        week(1, moderate_minutes=150, moderate_equivalent_minutes=150),
    ]
    chart = charts.activity_chart(weeks, [150, 150], WINDOW)
    assert chart.figure.layout.barmode == "stack"
    assert list(trace(chart, "Moderate").y) == [60, 150]
    assert list(trace(chart, "Vigorous (× 2)").y) == [60, 0]
    assert "Goal met in 1 of 2 weeks" in chart.summary


def test_the_activity_summary_counts_only_the_weeks_that_have_ended():
    weeks = [week(0, moderate_equivalent_minutes=150), week(1, moderate_equivalent_minutes=60)]
    wednesday, sunday = day(7 + 2), day(7 + 6)
    unfinished = charts.activity_chart(weeks, [150, 150], WINDOW, as_of=wednesday)
    assert unfinished.summary == (
        "Goal met in 1 of 1 complete week. Week of 12 Jan, so far (to 14 Jan): 60 of 150 minutes."
    )
    ended = charts.activity_chart(weeks, [150, 150], WINDOW, as_of=sunday)
    assert ended.summary == "Goal met in 1 of 2 weeks. Week of 12 Jan: 60 of 150 minutes."


def test_the_strength_summary_counts_only_the_weeks_that_have_ended():
    weeks = [week(0, strength_days=2), week(1, strength_days=0)]
    assert "met in 1 of 1 complete week" in (
        charts.strength_chart(weeks, [2, 2], WINDOW, as_of=day(8)).summary
    )
    assert "met in 1 of 2 weeks" in charts.strength_chart(weeks, [2, 2], WINDOW, day(13)).summary


def test_the_activity_goal_line_follows_the_goal_of_each_week():
    weeks = [week(0), week(1), week(2)]
    goal = trace(charts.activity_chart(weeks, [150, 150, 200], WINDOW), "Goal")
    assert goal.line.shape == "hv"
    assert list(goal.y) == [150, 150, 200, 200]


def test_strength_chart_counts_days_against_the_goal():
    weeks = [week(0, strength_days=2), week(1, strength_days=1)]
    chart = charts.strength_chart(weeks, [2, 2], WINDOW)
    assert list(trace(chart, "Strength days").y) == [2, 1]
    assert "met in 1 of 2 weeks" in chart.summary


def test_diet_fibre_and_alcohol_charts_leave_out_weeks_without_answers():
    weeks = [
        week(0, diet_score=6, avg_daily_fibre_g=22.0, fibre_days=5, alcohol_drinks=4),
        week(1),
    ]
    assert len(trace(charts.diet_score_chart(weeks, WINDOW), "Diet-check score").x) == 1
    fibre = charts.fibre_chart(weeks, WINDOW, goal_g=30)
    assert list(trace(fibre, "Fibre").y) == [22.0]
    assert 30 in hlines(fibre)
    alcohol = charts.alcohol_chart(weeks, WINDOW, free_days_goal=4)
    assert list(trace(alcohol, "Drinks").y) == [4]
    assert "56 g of alcohol" in alcohol.summary


def test_sleep_and_stress_share_a_chart_on_two_axes():
    weeks = [week(0, avg_sleep_hours=6.5, avg_stress=3.0)]
    chart = charts.sleep_stress_chart(weeks, WINDOW, sleep_goal=7.5)
    assert trace(chart, "Stress (1–5)").yaxis == "y2"
    assert 7.5 in hlines(chart)
    assert chart.summary.startswith("Average sleep 6.5 hours")


# --- labs and indices ---------------------------------------------------------------------


def test_alt_chart_uses_the_sex_specific_healthy_limit():
    alt = labs.get("alt")
    female = charts.lab_chart(alt, [(day(1), 40.0)], WINDOW, "U/L", sex="female")
    male = charts.lab_chart(alt, [(day(1), 40.0)], WINDOW, "U/L", sex="male")
    assert hlines(female) == [25.0]
    assert hlines(male) == [33.0]
    unknown = charts.lab_chart(alt, [(day(1), 40.0)], WINDOW, "U/L")
    assert hlines(unknown) == [25.0, 33.0]
    assert any("(women)" in text for text in annotations(unknown))


def test_lab_chart_shades_the_reference_range_and_converts_to_mmol():
    glucose = labs.get("glucose")
    chart = charts.lab_chart(glucose, [(day(1), 108.0)], WINDOW, "mmol/L")
    assert chart.figure.layout.yaxis.title.text == "Glucose (mmol/L)"
    assert trace(chart, "Glucose").y[0] == pytest.approx(5.99, abs=0.01)
    band = next(s for s in chart.figure.layout.shapes if s.type == "rect")
    assert band.y1 == pytest.approx(99 / 18.016, abs=0.001)
    # The guideline lines at the published SI cut-offs, not 100 and 126 mg/dL converted.
    assert hlines(chart) == [5.6, 7.0]
    assert chart.table.rows == [("6 Jan 2026", "6.0 mmol/L")]


def test_fib4_chart_shades_the_three_bands_and_moves_the_low_cut_off_from_65():
    points = [(day(1), 1.1), (day(40), 1.5)]
    chart = charts.index_chart("fib4", "FIB-4", points, WINDOW)
    bands = sorted((s.y0, s.y1) for s in chart.figure.layout.shapes if s.type == "rect")
    assert [round(edge, 2) for edge in (bands[0][1], bands[1][1])] == [1.3, 2.67]
    older = charts.index_chart("fib4", "FIB-4", points, WINDOW, charts.index_spec("fib4", True))
    assert any(round(s.y1, 2) == 2.0 for s in older.figure.layout.shapes if s.type == "rect")


def test_homa_ir_chart_draws_the_common_cut_off():
    chart = charts.index_chart("homa_ir", "HOMA-IR", [(day(1), 3.1)], WINDOW)
    assert hlines(chart) == [2.5]
    assert "no guideline cut-off" in " ".join(chart.notes)


# --- output -------------------------------------------------------------------------------


def test_figure_data_is_plain_json_with_no_default_template():
    chart = charts.weight_chart(weight_view(losing()), WINDOW, KG)
    data = json.loads(json.dumps(chart.figure_data()))
    assert {"data", "layout"} <= set(data)
    assert data["layout"]["dragmode"] is False  # a drag on a phone scrolls the page
    assert len(json.dumps(data["layout"]["template"])) < 200


def every_kind_of_chart():
    meds = [MedicationSpan("Metformin", "500 mg", day(10), day(40))]
    weeks = [
        week(
            0,
            moderate_minutes=60,
            vigorous_minutes=30,
            moderate_equivalent_minutes=120,
            strength_days=1,
            avg_daily_fibre_g=20.0,
            alcohol_drinks=3,
            alcohol_free_days=4,
            avg_sleep_hours=7.0,
            avg_stress=2.0,
            diet_score=7,
        ),
        week(1),
    ]
    readings = [charts.BloodPressureReading(day(1), dt.time(7, 30), 131, 84)]
    view = weight_view(losing(), baseline_kg=100.0, height_cm=170, target_date=day(200))
    with_meds = [
        charts.weight_chart(view, WINDOW, LB),
        charts.waist_chart([(day(1), 100.0)], WINDOW, KG, height_cm=170),
        charts.blood_pressure_chart(readings, WINDOW),
        charts.activity_chart(weeks, [150, 150], WINDOW),
        charts.strength_chart(weeks, [2, 2], WINDOW),
        charts.diet_score_chart(weeks, WINDOW),
        charts.fibre_chart(weeks, WINDOW, 30),
        charts.alcohol_chart(weeks, WINDOW, 4),
        charts.sleep_stress_chart(weeks, WINDOW, 7.5),
        charts.lab_chart(labs.get("hdl"), [(day(1), 45.0)], WINDOW, "mmol/L", "male"),
    ]
    return [
        *(charts.with_medications(chart, meds) for chart in with_meds),
        charts.lab_chart(labs.get("ultrasound_grade"), [(day(1), 2.0)], WINDOW, "grade"),
        charts.index_chart("nfs", "NAFLD fibrosis score", [(day(1), -1.0)], WINDOW),
    ]


@pytest.mark.parametrize("chart", every_kind_of_chart(), ids=lambda chart: chart.key)
def test_every_figure_passes_plotly_validation_unchanged(chart):
    """The dashboard sends the spec without plotly.py's (slow) validation; plotly must
    accept it as it is and add nothing but its template."""
    validated = json.loads(chart.figure.to_json())
    sent = json.loads(json.dumps(chart.figure_data()))
    validated["layout"].pop("template")
    sent["layout"].pop("template")
    assert validated == sent


# --- layout facts -------------------------------------------------------------------------


def y_range(chart):
    return list(chart.figure.layout.yaxis.range)


def test_a_single_weighing_gets_an_axis_that_holds_it_and_its_milestone_lines():
    chart = charts.weight_chart(weight_view([(day(0), 95.3)]), Window(D0, D0), KG)
    low, high = y_range(chart)
    assert low < 95.3 * 0.9 < 95.3 < high  # the 10 % line too
    assert high - low <= 15


def test_a_single_value_without_guide_lines_gets_an_axis_in_proportion_to_it():
    chart = charts.index_chart("homa_b", "HOMA-B", [(day(1), 95.3)], WINDOW)
    low, high = y_range(chart)
    assert low < 95.3 < high
    assert 5 <= high - low <= 8  # neither a 0.15-wide sliver (95.2–95.35) nor a flat line


def test_a_single_large_index_value_is_not_drawn_on_a_sliver_of_an_axis():
    chart = charts.index_chart("tyg_bmi", "TyG-BMI", [(day(1), 250.0)], WINDOW)
    low, high = y_range(chart)
    assert high - low >= 0.06 * 250
    assert low < 250 < high


def test_guide_line_labels_sit_in_a_right_margin_wide_enough_for_them():
    view = weight_view(losing(), target_kg=88.0)
    chart = charts.weight_chart(view, WINDOW, KG)
    layout = chart.figure.layout
    labels = [a for a in layout.annotations if a.x == 1]
    assert len(labels) == 5  # baseline, 5, 7, 10 % and the target
    for label in labels:
        # Beside the plot, not over its right edge where the newest point is drawn.
        assert (label.xref, label.xanchor) == ("paper", "left")
        longest = max(len(line) for line in label.text.split("<br>"))
        assert longest <= 20
        assert layout.margin.r >= 6 * longest
    newest = trace(chart, "Weighings").x[-1]
    assert newest <= layout.xaxis.range[1]


def test_a_long_lab_line_label_is_cut_to_two_short_lines_and_kept_whole_in_the_notes():
    chart = charts.lab_chart(labs.get("hdl"), [(day(1), 45.0)], WINDOW, "mg/dL")
    for label in (a for a in chart.figure.layout.annotations if a.x == 1):
        lines = label.text.split("<br>")
        assert len(lines) <= 2 and all(len(line) <= 20 for line in lines)
    assert any("(men)" in note for note in chart.notes)


def test_medication_markers_are_labelled_above_the_plot_and_drawn_under_the_data():
    meds = [
        MedicationSpan("Metformin", "500 mg", day(10), day(80)),
        MedicationSpan("Semaglutide", "0.25 mg", day(12)),
    ]
    plain = charts.weight_chart(weight_view(losing(), height_cm=170), WINDOW, KG)
    chart = charts.with_medications(plain, meds)
    layout = chart.figure.layout
    marks = [a for a in layout.annotations if a.xref == "x"]
    assert len(marks) == 3
    for mark in marks:
        assert (mark.yref, mark.y, mark.yanchor) == ("paper", 1, "bottom")
        assert mark.textangle in (None, 0)
        assert mark.yshift + 15 <= layout.margin.t
    assert len({mark.yshift for mark in marks}) == 3  # one row each: no label on another
    # The late stop reads leftward from its line, the early start rightward.
    assert [m.xanchor for m in marks] == ["left", "right", "left"]
    assert all(s.layer == "below" for s in layout.shapes if s.xref == "x")
    # The BMI band labels stay inside the plot, below the markers' margin.
    bands = [a for a in layout.annotations if a.text.startswith("BMI")]
    assert bands and all(a.yref == "y" for a in bands)


def test_quotes_in_a_medication_name_reach_plotly_as_quotes():
    meds = [MedicationSpan('Vitamin E "natural"', "", day(5))]
    chart = charts.with_medications(charts.waist_chart([(day(1), 100.0)], WINDOW, KG), meds)
    assert 'Vitamin E "natural" started' in annotations(chart)


@pytest.mark.parametrize("chart", every_kind_of_chart(), ids=lambda chart: chart.key)
def test_axis_titles_fit_beside_the_plot_and_the_margin_grows_for_ticks(chart):
    yaxis = chart.figure.layout.yaxis
    # A vertical title longer than about 22 characters is clipped on an 18rem chart.
    assert len(yaxis.title.text) <= 23, yaxis.title.text
    assert yaxis.automargin is True


def test_a_one_day_period_gets_a_week_wide_date_axis_not_hours():
    chart = charts.weight_chart(weight_view([(day(0), 95.3)]), Window(day(0), day(0)), KG)
    start, end = (dt.date.fromisoformat(x[:10]) for x in chart.figure.layout.xaxis.range)
    assert (end - start).days >= 7
    assert start <= day(0) < end


def test_a_figure_script_is_the_markup_of_djangos_json_script():
    from django.utils.html import json_script

    spec = {"name": "<b>Statin & co</b> \u2265 </script>", "day": D0, "y": [1.5, None, True]}
    assert charts.base.figure_script(spec, "figure-x") == json_script(spec, "figure-x")


# --- censored lab results ("<5", ">300") --------------------------------------------------


def test_a_result_given_as_a_bound_is_an_open_triangle_off_the_line():
    alt = labs.get("alt")
    points = [(day(1), 30.0), (day(20), 5.0), (day(40), 26.0)]
    chart = charts.lab_chart(alt, points, WINDOW, "U/L", "female", ["", "<", ""])
    line = trace(chart, "ALT")
    assert list(line.y) == [30.0, 26.0]  # the bound is not a point of the line
    below = next(t for t in chart.figure.data if t.name.startswith("Below the lab's limit"))
    assert (list(below.x), list(below.y)) == ([day(20).isoformat()], [5.0])
    assert below.mode == "markers" and below.marker.symbol == "triangle-down-open"
    assert list(below.customdata) == ["< 5 U/L"]
    assert "a bound the lab gave, not a measured value" in below.hovertemplate
    assert chart.figure.layout.showlegend is True
    assert ("25 Jan 2026", "< 5 U/L") in chart.table.rows
    assert "1 result came from the lab as a bound (such as < 5 U/L)" in chart.summary
    assert any(note.startswith("Open triangles:") for note in chart.notes)


def test_an_upper_bound_points_up_and_is_shown_in_the_persons_unit():
    glucose = labs.get("glucose")
    points = [(day(1), 100.0), (day(9), 500.0)]
    chart = charts.lab_chart(glucose, points, WINDOW, "mmol/L", None, ["", ">"])
    above = next(t for t in chart.figure.data if t.name.startswith("Above the lab's limit"))
    assert above.marker.symbol == "triangle-up-open"
    assert above.y[0] == pytest.approx(500 / 18.016, abs=0.01)
    assert list(above.customdata) == ["> 27.8 mmol/L"]
    assert "the latest, on 14 Jan 2026, was > 27.8 mmol/L." in chart.summary
    assert y_range(chart)[1] > above.y[0]  # the bound is inside the axis


def test_a_chart_without_bounds_has_no_legend_and_no_bound_note():
    chart = charts.lab_chart(labs.get("alt"), [(day(1), 30.0), (day(2), 28.0)], WINDOW, "U/L")
    assert [t.name for t in chart.figure.data] == ["ALT"]
    assert chart.figure.layout.showlegend is False
    assert "bound" not in chart.summary and not any("triangle" in n for n in chart.notes)


def test_a_chart_with_bounds_passes_plotly_validation_unchanged():
    points = [(day(1), 30.0), (day(20), 5.0), (day(30), 400.0)]
    chart = charts.lab_chart(labs.get("alt"), points, WINDOW, "U/L", "male", ["", "≤", "≥"])
    validated = json.loads(chart.figure.to_json())
    sent = json.loads(json.dumps(chart.figure_data()))
    validated["layout"].pop("template")
    sent["layout"].pop("template")
    assert validated == sent


def test_a_window_picks_its_days_from_a_long_series_edges_included():
    series = daily_series([(day(n), 80.0 + n / 100) for n in range(0, 400, 3)])
    window = Window(day(100), day(130))
    found = window.within(series)
    assert [p.date for p in found] == [p.date for p in series if window.holds(p.date)]
    assert (found[0].date, found[-1].date) == (day(100), day(130))
    assert Window(day(500), day(510)).within(series) == []
