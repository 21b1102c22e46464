"""An importer never guesses silently: where each format's unit and date format come
from, the question asked when a file does not say, the plausibility check over the
whole series, the earliest weighing of a day whatever the file's order, and the column
guesser that takes body weight only. Sample files: tests/exchange/samples/README.md."""

import datetime as dt
import unittest.mock
from pathlib import Path

import pytest

from tracker.exchange import importer
from tracker.exchange.parsed import Options
from tracker.exchange.reading import decode
from tracker.exchange.weight_checks import Known, both_ways, implausible
from tracker.models import Profile

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(importer, "today_for", lambda profile: dt.date(2025, 12, 31))


def read(text, known=None, **options):
    known = known or Known()
    profile = Profile(time_zone="UTC", height_cm=known.height_cm)
    with unittest.mock.patch.object(importer, "known_weight", return_value=known):
        return importer.read(text, Options(**options), profile)


def sample(name):
    return decode((SAMPLES / name).read_bytes())


def weights(parsed):
    return [
        (item["fields"]["date"], item["fields"]["value_typed"], item["fields"]["unit_typed"])
        for item in parsed.sections["weights"]
    ]


# --- 4. openScale 3: the unit chosen on the form, and the preview asks -----------------------


def test_openscale_3_reads_the_unit_chosen_on_the_form():
    parsed = read(sample("openscale_v3_lb.csv"), unit="lb")
    assert parsed.source == "openscale" and parsed.errors == []
    assert weights(parsed)[-1] == ("2025-12-03", 203.6, "lb")
    assert parsed.sections["weights"][-1]["fields"]["weight_kg"] == pytest.approx(92.35, abs=0.01)


def test_openscale_3_shows_its_first_weight_both_ways():
    parsed = read(sample("openscale_v3_lb.csv"), unit="lb")
    (question,) = parsed.questions
    assert "This file does not say its unit: 204.5 — lb or kg?" in question
    assert "204.5 lb (92.8 kg)" in question and "read as kg, 204.5 kg" in question


def test_openscale_3_in_pounds_read_as_kg_stops_with_a_question():
    parsed = read(sample("openscale_v3_lb.csv"), Known(recent_kg=92.0), unit="kg")
    assert "Check the unit before importing" in parsed.errors[0]
    assert "your recent weights are about 92.0 kg" in parsed.errors[0]
    assert "204.5 — kg or lb?" in parsed.errors[0]


def test_ticking_that_the_unit_was_checked_lets_it_through():
    known = Known(recent_kg=92.0)
    parsed = read(sample("openscale_v3_lb.csv"), known, unit="kg", unit_checked="True")
    assert parsed.errors == []
    assert weights(parsed)[-1] == ("2025-12-03", 203.6, "kg")


def test_openscale_2_states_kg_and_asks_nothing():
    parsed = read(sample("openscale.csv"), unit="lb")
    assert parsed.questions == [] and weights(parsed)[0][2] == "kg"


# --- 5. The Hacker's Diet: each month its own unit --------------------------------------------


def test_hackers_diet_reads_each_month_in_the_unit_of_its_starttrend_line():
    parsed = read(sample("hackersdiet_units_by_month.csv"))
    assert parsed.source == "hackersdiet" and parsed.errors == []
    assert weights(parsed) == [
        ("2024-01-30", 212.4, "lb"),
        ("2024-01-31", 211.8, "lb"),
        ("2024-02-01", 211.2, "lb"),
        ("2024-03-01", 95.5, "kg"),
        ("2024-03-02", 95.3, "kg"),
    ]
    assert any("Each month is read in its own unit" in note for note in parsed.notes)
    assert parsed.questions == []


def test_hackers_diet_months_read_in_one_unit_would_be_stopped():
    # Without its month lines the series mixes 212 and 95: the check stops it.
    text = sample("hackersdiet_units_by_month.csv").replace("StartTrend", "Ignored")
    parsed = read(text)
    assert "part of the file may be in another unit" in parsed.errors[0]


# --- 6. TrendWeight with unquoted decimal commas ----------------------------------------------


def test_trendweight_decimal_commas_are_put_back_together():
    parsed = read(sample("trendweight_decimal_comma.csv"), unit="kg")
    assert parsed.source == "trendweight" and parsed.errors == []
    assert weights(parsed) == [
        ("2024-03-01", 75.5, "kg"),
        ("2024-03-03", 75.1, "kg"),
        ("2024-03-05", 74.8, "kg"),
    ]
    assert any("unquoted decimal commas" in note for note in parsed.notes)


def test_trendweight_raw_decimal_commas_and_the_earliest_time_of_a_day():
    parsed = read(sample("trendweight_raw_decimal_comma.csv"), unit="kg")
    assert parsed.errors == []
    assert weights(parsed) == [("2024-03-01", 75.5, "kg"), ("2024-03-03", 75.1, "kg")]


def test_a_row_whose_numbers_cannot_be_told_apart_is_named():
    text = "Date,Time,Weight,Body Fat %\n2024-03-01,07:02:11,75,31,2,9\n"
    parsed = read(text, unit="kg")
    assert any(e.startswith("Row 2: its numbers cannot be told apart") for e in parsed.errors)


# --- 7. Column guessing: body weight only, and ask when unsure -------------------------------


@pytest.mark.parametrize("source", ["auto", "generic"])
def test_withings_in_german_takes_the_weight_not_the_fat_mass(source):
    parsed = read(sample("withings_weight_de.csv"), source=source)
    assert parsed.errors == []
    values = [item["fields"]["weight_kg"] for item in parsed.sections["weights"]]
    assert values == [88.4, 88.2]


def test_the_guesser_skips_fat_muscle_bone_water_and_bmi_columns():
    parsed = read(sample("scale_de_newest_first.csv"))
    assert parsed.options.value_column == "Gewicht (kg)"
    assert parsed.options.date_column == "Datum/Uhrzeit"


@pytest.mark.parametrize(
    "header",
    [
        "date,Fat mass (kg),BMI",
        "date,Muscle mass (kg),Bone mass (kg)",
        "date,Body water (%),Fettmasse (kg)",
        "date,Weight change (kg)",
        "date,Trend weight",
    ],
)
def test_no_body_weight_column_means_asking(header):
    parsed = read(f"{header}\n2024-01-02,20.5,3.1\n", source="generic")
    assert parsed.sections["weights"] == []
    assert parsed.errors == [
        "Choose which column holds the date and which the body weight, then read it again."
    ]


def test_two_possible_weight_columns_are_asked_about():
    parsed = read("date,weight AM,weight PM\n2024-01-02,80.1,80.9\n", source="generic")
    assert parsed.errors == [
        "More than one column could be the body weight (“weight AM”, “weight PM”): "
        "choose one below."
    ]
    chosen = read(
        "date,weight AM,weight PM\n2024-01-02,80.1,80.9\n",
        source="generic",
        value_column="weight PM",
    )
    assert weights(chosen) == [("2024-01-02", 80.9, "kg")]


# --- 8. Several weighings a day: the earliest by time, whatever the order ----------------------


def test_a_newest_first_file_with_times_keeps_the_morning_weighing():
    parsed = read(sample("scale_de_newest_first.csv"))
    assert weights(parsed) == [("2024-01-13", 88.4, "kg"), ("2024-01-14", 88.2, "kg")]
    assert any("earliest weighing of a day counts" in note for note in parsed.notes)


def test_withings_newest_first_keeps_the_earliest_of_a_day():
    parsed = read(sample("withings_weight.csv"))
    assert [item["fields"]["weight_kg"] for item in parsed.sections["weights"]] == [88.4, 88.2]


@pytest.mark.parametrize(
    "rows, kept",
    [
        ("2024-01-03,81\n2024-01-02,80.5\n2024-01-02,80.9\n", 80.9),  # newest first
        ("2024-01-02,80.9\n2024-01-02,80.5\n2024-01-03,81\n", 80.9),  # oldest first
    ],
)
def test_without_times_the_file_is_read_oldest_first(rows, kept):
    # Without times, a newest-first file lists a day's later weighing first.
    parsed = read("day,weight\n" + rows, source="generic", date_format="YYYY-MM-DD")
    assert weights(parsed)[0] == ("2024-01-02", kept, "kg")


def test_a_time_column_decides_the_order():
    text = "Datum;Uhrzeit;Gewicht\n05.02.2024;19:10;88,9\n05.02.2024;07:05;88,1\n"
    parsed = read(text, date_format="DD.MM.YYYY")
    assert weights(parsed) == [("2024-02-05", 88.1, "kg")]


# --- 9. The chosen date format always wins ---------------------------------------------------


def test_date_weight_kg_honours_the_chosen_date_format():
    parsed = read(sample("date_weight_dmy.csv"), date_format="DD/MM/YYYY")
    assert parsed.source == "ours" and parsed.errors == []
    assert [w[0] for w in weights(parsed)] == ["2024-12-30", "2024-12-31", "2025-01-01"]


def test_date_weight_kg_without_a_chosen_format_reads_the_only_one_that_fits():
    parsed = read(sample("date_weight_dmy.csv"))
    assert parsed.options.date_format == "DD/MM/YYYY" and parsed.errors == []


def test_the_chosen_format_wins_even_when_another_would_read_more():
    text = "Date,Weight (kg)\n01/02/2024,80\n"
    assert weights(read(text, date_format="MM/DD/YYYY"))[0][0] == "2024-01-02"
    assert weights(read(text, date_format="DD/MM/YYYY"))[0][0] == "2024-02-01"
    wrong = read("Date,Weight (kg)\n31/12/2024,80\n", date_format="MM/DD/YYYY")
    assert wrong.errors == ["Row 2: “31/12/2024” is not a date in the MM/DD/YYYY format."]


# --- The plausibility check, at its edges ------------------------------------------------------


def series(*values):
    return [float(value) for value in values]  # in kg


def test_both_ways_converts_the_other_unit():
    assert both_ways(203.6, "kg") == (
        "203.6 — kg or lb? Read as kg it is 203.6 kg; read as lb, 203.6 lb (92.4 kg)."
    )


@pytest.mark.parametrize(
    "values, known, stopped",
    [
        (series(30, 30.5), Known(), False),
        (series(29.9, 29.9), Known(), True),
        (series(250, 250), Known(), False),
        (series(250.1, 250.1), Known(), True),
        (series(60, 70, 80, 100), Known(), False),
        (series(60, 60, 60, 108.1), Known(), True),  # 108.1 / 60 > 1.8
        (series(60, 60, 60, 107.9), Known(), False),
        (series(147), Known(recent_kg=92), False),  # 1.598
        (series(148), Known(recent_kg=92), True),  # 1.609
        (series(57.6), Known(recent_kg=92), False),
        (series(57.4), Known(recent_kg=92), True),
        (series(176.9), Known(height_cm=165), False),  # BMI 64.98
        (series(177.1), Known(height_cm=165), True),  # BMI 65.05
        (series(35.4), Known(height_cm=165), False),  # BMI 13.003
        (series(35.3), Known(height_cm=165), True),  # BMI 12.97
    ],
)
def test_the_series_check_at_its_edges(values, known, stopped):
    assert (implausible(values, known) is not None) is stopped


def test_pounds_read_as_kilograms_are_stopped_by_height_alone():
    text = "date,weight\n2024-01-02,305.1\n2024-01-03,304.8\n"
    parsed = read(text, Known(height_cm=178), source="generic")
    assert "their middle value is 305.0 kg, outside 30–250 kg" in parsed.errors[0]
    assert read(text, Known(height_cm=178), source="generic", unit="lb").errors == []


# --- The same check for formats recognised by content ------------------------------------------


def test_a_fitbit_file_does_not_name_its_unit_so_the_preview_asks():
    parsed = read(sample("fitbit_weight-2024-01-01.json"), unit="lb")
    assert parsed.errors == []
    assert parsed.questions and "does not say its unit" in parsed.questions[0]


def test_a_fitbit_file_in_pounds_read_as_kg_is_stopped():
    parsed = read(sample("fitbit_weight-2024-01-01.json"), Known(recent_kg=88.0), unit="kg")
    assert "Check the unit before importing" in parsed.errors[0]


def test_a_withings_file_names_its_unit_and_asks_nothing():
    parsed = read(sample("withings_weight.csv"), Known(recent_kg=88.0))
    assert parsed.questions == [] and parsed.errors == []
