"""Weight history from our own CSV and other trackers' exports, read from sample files
written to match each app's format (see tests/exchange/samples/README.md)."""

import datetime as dt
from pathlib import Path

import pytest

from tracker.exchange import importer, weight_import
from tracker.exchange.parsed import Options
from tracker.exchange.reading import ImportProblem, decode
from tracker.models import Profile

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(importer, "today_for", lambda profile: dt.date(2025, 12, 31))


def read(text, **options):
    return importer.read(text, Options(**options), Profile(time_zone="UTC"))


def sample(name):
    return decode((SAMPLES / name).read_bytes())


def weights(parsed):
    return [
        (item["fields"]["date"], item["fields"]["value_typed"], item["fields"]["unit_typed"])
        for item in parsed.sections["weights"]
    ]


def test_openscale_export_is_detected_and_keeps_the_first_weighing_of_each_day():
    parsed = read(sample("openscale.csv"))
    assert parsed.source == "openscale"
    assert parsed.errors == []
    assert weights(parsed) == [
        ("2024-01-28", 95.15, "kg"),
        ("2024-01-30", 94.45, "kg"),  # 06:58, not the 19:45 weighing
        ("2024-01-31", 94.95, "kg"),
    ]
    assert parsed.rows_found == 4
    assert any("1 later weighing of a day left out" in note for note in parsed.notes)


def test_openscale_3_export_with_date_and_time_columns():
    parsed = read(sample("openscale_v3.csv"))
    assert parsed.source == "openscale"
    assert weights(parsed) == [("2025-12-02", 92.1, "kg"), ("2025-12-03", 91.8, "kg")]


def test_trendweight_computed_download_leaves_out_interpolated_and_empty_days():
    parsed = read(sample("trendweight_computed.csv"), unit="lb")
    assert parsed.source == "trendweight"
    assert weights(parsed) == [
        ("2024-03-01", 201.4, "lb"),
        ("2024-03-03", 200.4, "lb"),
        ("2024-03-05", 199.8, "lb"),
    ]
    assert any("1 interpolated day (estimates" in note for note in parsed.notes)
    assert any("read in lb" in note for note in parsed.notes)
    fields = parsed.sections["weights"][0]["fields"]
    assert fields["weight_kg"] == pytest.approx(201.4 * 0.45359237)


def test_trendweight_raw_download_orders_a_day_by_time():
    parsed = read(sample("trendweight_raw.csv"), unit="lb")
    assert weights(parsed) == [("2024-03-01", 201.4, "lb"), ("2024-03-03", 200.4, "lb")]


def test_hackers_diet_export_reads_the_unit_from_its_preferences_line():
    parsed = read(sample("hackersdiet.csv"), unit="lb")
    assert parsed.source == "hackersdiet"
    assert parsed.errors == []
    assert weights(parsed) == [
        ("2024-02-27", 96.2, "kg"),
        ("2024-02-29", 95.8, "kg"),
        ("2024-03-01", 95.5, "kg"),
        ("2024-03-03", 95.1, "kg"),
    ]
    assert parsed.rows_found == 4  # days without a weighing are not rows


def test_hackers_diet_pound_log():
    parsed = read(sample("hackersdiet_pounds.csv"))
    assert weights(parsed) == [("2024-03-01", 210.5, "lb"), ("2024-03-02", 209.8, "lb")]


def test_a_hackers_diet_stone_log_holds_pounds():
    text = sample("hackersdiet_pounds.csv").replace("pound,pound", "stone,stone")
    text = text.replace("StartTrend,0,1,", "StartTrend,0,2,")
    parsed = read(text)
    assert weights(parsed)[0] == ("2024-03-01", 210.5, "lb")


def test_our_own_weight_csv_names_its_unit_in_the_header():
    parsed = read(sample("liverlog_weight.csv"))
    assert parsed.source == "ours"
    assert weights(parsed) == [
        ("2024-01-05", 212.4, "lb"),
        ("2024-01-06", 211.9, "lb"),
        ("2024-01-08", 211.2, "lb"),
    ]


def test_a_generic_csv_asks_for_columns_it_cannot_name():
    unmapped = read("When;Value;Notiz\n05.02.2024;88,4;\n")
    assert unmapped.source == "generic"
    assert unmapped.sections["weights"] == []
    assert unmapped.errors == [
        "Choose which column holds the date and which the body weight, then read it again."
    ]
    assert unmapped.columns == ["When", "Value", "Notiz"]


def test_a_generic_csv_with_body_weight_names_is_read_and_can_be_mapped():
    guessed = read(sample("generic_weights.csv"))
    assert guessed.options.value_column == "Gewicht" and guessed.options.date_column == "Datum"
    assert len(guessed.sections["weights"]) == 3

    mapped = read(
        sample("generic_weights.csv"),
        source="generic",
        date_column="Datum",
        value_column="Gewicht",
        unit="kg",
    )
    assert mapped.errors == []
    assert mapped.options.date_format == "DD.MM.YYYY"
    assert weights(mapped) == [
        ("2024-02-05", 88.4, "kg"),
        ("2024-02-06", 88.1, "kg"),
        ("2024-02-07", 87.9, "kg"),
    ]


def test_generic_csv_in_stones_is_kept_as_pounds():
    text = "day,weight\n2024-01-02,14.5\n"
    parsed = read(text, source="generic", unit="st")
    assert weights(parsed) == [("2024-01-02", 203.0, "lb")]
    assert parsed.sections["weights"][0]["fields"]["weight_kg"] == pytest.approx(92.0793, 1e-4)


def test_the_chosen_date_format_decides_between_day_and_month():
    text = "date,weight\n03/04/2024,80\n"
    british = read(text, source="generic", date_format="DD/MM/YYYY")
    american = read(text, source="generic", date_format="MM/DD/YYYY")
    assert weights(british)[0][0] == "2024-04-03"
    assert weights(american)[0][0] == "2024-03-04"


def test_an_ambiguous_guessed_date_format_is_pointed_out():
    parsed = read("date,weight\n03/04/2024,80\n", source="generic")
    assert any("other formats fit these dates too" in note for note in parsed.notes)


def test_row_errors_name_the_row_and_the_limit_in_the_files_unit():
    text = "date,weight (kg)\n2024-01-01,80\n2024-01-02,900\n2024-01-03,abc\n2031-01-01,80\n"
    parsed = read(text)
    assert parsed.errors == [
        "Row 3: weight 900 kg is outside 20–350 kg.",
        "Row 4: the weight “abc” is not a number.",
        "Row 5: 1 Jan 2031 is in the future (today is 31 Dec 2025).",
    ]


def test_limits_are_shown_in_pounds_for_a_pound_file():
    parsed = read("date,weight (lb)\n2024-01-02,900\n")
    assert parsed.errors == ["Row 2: weight 900 lb is outside 44.1–771.6 lb."]


def test_a_bad_date_names_the_expected_format():
    parsed = read("date,weight\n31/01/2024,80\n", source="generic", date_format="YYYY-MM-DD")
    assert parsed.errors == ["Row 2: “31/01/2024” is not a date in the YYYY-MM-DD format."]


def test_choosing_the_wrong_source_is_a_clear_message():
    with pytest.raises(ImportProblem, match="an export from openScale"):
        read(sample("liverlog_weight.csv"), source="openscale")
    with pytest.raises(ImportProblem, match="Hacker's Diet"):
        read(sample("openscale.csv"), source="hackersdiet")


@pytest.mark.parametrize(
    "name, source",
    [
        ("openscale.csv", "openscale"),
        ("openscale_v3.csv", "openscale"),
        ("trendweight_computed.csv", "trendweight"),
        ("trendweight_raw.csv", "trendweight"),
        ("hackersdiet.csv", "hackersdiet"),
        ("liverlog_weight.csv", "ours"),
        ("generic_weights.csv", None),
    ],
)
def test_detection_by_header(name, source):
    from tracker.exchange.reading import csv_rows

    assert weight_import.detect(list(csv_rows(sample(name)))) == source


def test_mapping_the_wrong_column_names_each_row_that_does_not_fit():
    parsed = read(
        sample("generic_weights.csv"),
        source="generic",
        date_column="Gewicht",
        value_column="Datum",
        date_format="DD.MM.YYYY",
    )
    assert parsed.errors[0] == "Row 2: “88,4” is not a date in the DD.MM.YYYY format."
    assert len(parsed.errors) == 3
    assert parsed.sections["weights"] == []


def test_the_same_column_for_date_and_weight_asks_again():
    parsed = read(
        sample("generic_weights.csv"), source="generic", date_column="Datum", value_column="Datum"
    )
    assert parsed.errors == [
        "Choose which column holds the date and which the body weight, then read it again."
    ]
