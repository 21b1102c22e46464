"""Other apps' exports recognised by their content, read from sample files written to
match each app's format (see tests/exchange/samples/README.md)."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from tracker.exchange import importer
from tracker.exchange.parsed import Options
from tracker.exchange.reading import ImportProblem
from tracker.models import Profile

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(importer, "today_for", lambda profile: dt.date(2025, 12, 31))


def read_bytes(data: bytes, **options):
    parsed, _ = importer.read_file(
        io.BytesIO(data), len(data), Options(**options), Profile(time_zone="UTC")
    )
    return parsed


def read_sample(name, **options):
    return read_bytes((SAMPLES / name).read_bytes(), **options)


def fields(parsed, section, *names):
    return [tuple(item["fields"][n] for n in names) for item in parsed.sections[section]]


def weights(parsed):
    return fields(parsed, "weights", "date", "value_typed", "unit_typed")


def test_apple_health_export_xml_is_streamed_into_every_log():
    parsed = read_sample("apple_health_export.xml")
    assert parsed.source == "applehealth"
    assert parsed.errors == []
    # The earliest weighing of 2 Jan counts, though the file lists the evening one first.
    assert weights(parsed) == [("2014-03-02", 205.4, "lb"), ("2024-01-02", 88.4, "kg")]
    assert fields(parsed, "measurements", "date", "waist_typed", "unit_typed") == [
        ("2024-01-03", 102.0, "cm")
    ]
    # The loose systolic/diastolic records repeat the correlation: one reading, not two.
    assert fields(parsed, "blood_pressure", "date", "time", "systolic", "diastolic") == [
        ("2024-01-03", "07:45:00", 128, 82)
    ]
    assert [
        (r["fields"]["date"], [x["test_key"] for x in r["results"]])
        for r in parsed.sections["labs"]
    ] == [("2024-01-04", ["glucose"])]
    assert fields(parsed, "exercise", "date", "activity", "kind", "minutes") == [
        ("2024-01-03", "Traditional strength training", "resistance", 42),
        ("2024-01-04", "Exercise minutes", "aerobic", 21),
    ]
    assert parsed.summary == (
        "Apple Health export: 2 weighings, 1 blood pressure, 1 waist measurement, "
        "2 workouts, 1 lab report, 2014–2024"
    )
    assert any("not marked “before a meal”" in note for note in parsed.notes)


def test_apple_health_export_zip_is_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SAMPLES / "apple_health_export.xml", "apple_health_export/export.xml")
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    parsed = read_bytes(buffer.getvalue())
    assert parsed.source == "applehealth"
    assert len(parsed.sections["weights"]) == 2


def test_a_zip_without_a_health_export_is_refused_with_a_reason():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("weights.csv", "date,weight\n")
    with pytest.raises(ImportProblem, match="no export.xml"):
        read_bytes(buffer.getvalue())


def test_a_bad_apple_health_record_names_the_record_and_blocks_the_import():
    text = (SAMPLES / "apple_health_export.xml").read_text()
    text = text.replace('value="88.4"', 'value="heavy"')
    parsed = read_bytes(text.encode())
    assert parsed.errors == [
        "Record 5 (BodyMass on 2024-01-02): the value “heavy” is not a number."
    ]


def test_broken_xml_is_an_import_problem_not_a_crash():
    with pytest.raises(ImportProblem, match="could not be read"):
        read_bytes(b'<?xml version="1.0"?><HealthData><Record type="x"></HealthData>')


def test_xml_declaring_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY a "aaaa">]><HealthData/>'
    with pytest.raises(ImportProblem, match="entities"):
        read_bytes(bomb)


def test_a_fhir_bundle_from_a_portal_converts_ucum_units_and_skips_unknown_tests():
    parsed = read_sample("fhir_portal_bundle.json")
    assert parsed.source == "fhir"
    assert parsed.errors == []
    assert weights(parsed) == [("2024-02-01", 198.4, "lb")]
    assert fields(parsed, "measurements", "waist_typed", "unit_typed") == [(40.5, "in")]
    assert fields(parsed, "blood_pressure", "time", "systolic", "diastolic") == [
        ("09:15:00", 134, 86)
    ]
    results = parsed.sections["labs"][0]["results"]
    assert [
        (r["test_key"], r["qualifier"], r["value_typed"], r["unit_typed"]) for r in results
    ] == [
        ("alt", "", 45.0, "U/L"),
        ("ggt", "<", 5.0, "U/L"),  # Quantity.comparator: a bound, kept as one
        ("platelets", "", 231.0, "10³/µL"),
    ]
    assert any("tests LiverLog does not track" in note for note in parsed.notes)


def test_a_fhir_weight_given_as_a_bound_is_left_out_and_counted():
    observation = (
        b'{"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": '
        b'"http://loinc.org", "code": "29463-7"}]}, "effectiveDateTime": "2024-03-01", '
        b'"valueQuantity": {"value": 150, "comparator": ">", "unit": "kg", "code": "kg"}}'
    )
    parsed = read_bytes(observation)
    assert "weights" not in parsed.sections
    assert parsed.notes == ["Left out: results given only as a bound (>), 1 in all."]


def test_a_fhir_lab_comparator_that_is_not_fhirs_is_named():
    observation = (
        b'{"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": '
        b'"http://loinc.org", "code": "1742-6"}]}, "effectiveDateTime": "2024-03-01", '
        b'"valueQuantity": {"value": 5, "comparator": "~", "unit": "U/L", "code": "U/L"}}'
    )
    assert read_bytes(observation).errors == [
        "Observation: the comparator “~” is not <, <=, > or >=."
    ]


def test_a_single_fhir_observation_is_read():
    observation = (
        b'{"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": '
        b'"http://loinc.org", "code": "29463-7"}]}, "effectiveDateTime": "2024-03-01", '
        b'"valueQuantity": {"value": 81.5, "unit": "kg", "code": "kg"}}'
    )
    assert weights(read_bytes(observation)) == [("2024-03-01", 81.5, "kg")]


def test_fitbit_weight_json_reads_us_dates_in_the_unit_confirmed_on_the_form():
    parsed = read_sample("fitbit_weight-2024-01-01.json", unit="lb")
    assert parsed.source == "fitbit"
    assert weights(parsed) == [
        ("2024-01-02", 195.2, "lb"),
        ("2024-01-03", 194.8, "lb"),
        ("2024-01-11", 193.9, "lb"),
    ]
    assert any("do not name their unit" in note for note in parsed.notes)


@pytest.mark.parametrize("name", ["withings_weight.csv", "withings_weight_de.csv"])
def test_withings_weight_reads_only_the_weight_column_in_english_and_german(name):
    parsed = read_sample(name)
    assert parsed.source == "withings"
    assert weights(parsed)[:2] == [("2024-01-02", 88.4, "kg"), ("2024-01-03", 88.2, "kg")]


@pytest.mark.parametrize("name", ["withings_bp.csv", "withings_bp_de.csv"])
def test_withings_blood_pressure_in_english_and_german(name):
    parsed = read_sample(name)
    assert parsed.source == "withings"
    assert ("2024-01-03", "07:40:10", 131, 84, 71) in fields(
        parsed, "blood_pressure", "date", "time", "systolic", "diastolic", "pulse"
    )


def test_samsung_health_skips_its_metadata_line_and_moves_utc_to_local_time():
    parsed = read_sample("samsung_weight.csv")
    assert parsed.source == "samsung"
    # 23:30 UTC on 2 Jan is 00:30 on 3 Jan at UTC+01:00.
    assert weights(parsed) == [("2024-01-02", 88.4, "kg"), ("2024-01-03", 88.0, "kg")]


def test_libra_reads_its_unit_line():
    assert weights(read_sample("libra.csv")) == [
        ("2024-01-02", 195.2, "lb"),
        ("2024-01-03", 194.6, "lb"),
    ]


def test_renpho_reads_pounds_and_us_dates_with_am_pm():
    parsed = read_sample("renpho.csv")
    assert parsed.source == "renpho"
    assert parsed.errors == []
    assert weights(parsed) == [("2025-10-13", 201.4, "lb"), ("2025-10-14", 200.2, "lb")]


def test_renpho_dates_that_read_both_ways_make_the_preview_ask():
    text = (
        "Time of Measurement,Weight(kg),BMI\n"
        '"03/04/2025, 7:00 AM",80.1,25\n"05/04/2025, 7:00 AM",80.0,25\n'
    )
    parsed = read_bytes(text.encode())
    assert parsed.errors == [
        "“03/04/2025, 7:00 AM” could be 3 April 2025 (day/month/year) or 4 March 2025 "
        "(month/day/year): choose the date format below."
    ]
    chosen = read_bytes(text.encode(), date_format="DD/MM/YYYY")
    assert chosen.errors == []
    assert weights(chosen)[0] == ("2025-04-03", 80.1, "kg")


def test_garmin_reads_day_lines_then_weighings_with_their_units():
    parsed = read_sample("garmin_weight.csv")
    assert parsed.source == "garmin"
    assert parsed.errors == []
    assert weights(parsed) == [("2024-01-02", 195.2, "lb"), ("2024-01-03", 194.6, "lb")]


def test_cronometer_keeps_only_weight_rows():
    parsed = read_sample("cronometer_biometrics.csv")
    assert parsed.source == "cronometer"
    assert weights(parsed) == [("2024-01-02", 195.2, "lb"), ("2024-01-03", 194.8, "lb")]
    assert any("biometrics other than weight" in note for note in parsed.notes)


def test_myfitnesspal_measurements_ask_for_the_unit():
    parsed = read_sample("myfitnesspal_measurements.csv", unit="lb")
    assert parsed.source == "myfitnesspal"
    assert weights(parsed) == [("2024-01-02", 195.2, "lb"), ("2024-01-09", 193.8, "lb")]


def test_google_fit_daily_summaries_give_weights_and_move_minutes():
    parsed = read_sample("google_fit_daily.csv")
    assert parsed.source == "googlefit"
    assert weights(parsed) == [("2024-01-02", 88.4, "kg")]
    assert fields(parsed, "exercise", "date", "minutes", "steps") == [("2024-01-02", 47, 6412)]


def test_a_bad_row_names_its_row_and_keeps_the_whole_file_out():
    text = (SAMPLES / "withings_bp.csv").read_text().replace("127,81", "81,127")
    parsed = read_bytes(text.encode())
    assert parsed.errors == ["Row 3: the lower number 127 is not below the upper 81."]


def test_utf16_text_from_excel_is_read():
    text = "Time of Measurement\tWeight(kg)\tBMI\r\n2025-10-13 07:00\t80,4\t25\r\n"
    parsed = read_bytes(text.encode("utf-16"))
    assert weights(parsed) == [("2025-10-13", 80.4, "kg")]


def test_windows_1252_text_is_read():
    text = "Datum;Gewicht (kg);Fettmasse (kg);Kommentare\n2024-01-02;88,4;27;schön\n"
    parsed = read_bytes(text.encode("cp1252"))
    assert parsed.source == "withings"
    assert weights(parsed) == [("2024-01-02", 88.4, "kg")]


def test_a_blood_pressure_csv_is_found_by_its_column_names():
    parsed = read_sample("bp_monitor.csv")
    assert parsed.source == "measures"
    assert parsed.errors == []
    assert fields(parsed, "blood_pressure", "date", "time", "systolic", "diastolic", "pulse") == [
        ("2025-10-13", "07:05:00", 131, 84, 68),
        ("2025-10-14", "19:12:00", 127, 81, None),
    ]


def test_a_waist_csv_in_german_reads_its_unit_from_the_header():
    parsed = read_sample("waist_de.csv")
    assert fields(parsed, "measurements", "date", "waist_typed", "unit_typed") == [
        ("2024-01-02", 101.5, "cm"),
        ("2024-01-09", 100.0, "cm"),
    ]


def test_a_waist_column_without_a_unit_is_asked_about_not_guessed():
    parsed = read_bytes(b"date,waist\n2024-01-02,40\n")
    assert parsed.errors == [
        "The column “waist” does not say its unit: choose the waist unit below, then read it again."
    ]
    assert "measurements" not in parsed.sections


def test_the_waist_unit_chosen_on_the_form_is_used_when_the_file_does_not_say():
    parsed = read_bytes(b"date,waist\n2024-01-02,40\n", length_unit="in")
    assert parsed.errors == []
    assert fields(parsed, "measurements", "date", "waist_typed", "unit_typed") == [
        ("2024-01-02", 40.0, "in")
    ]


def test_the_unit_in_the_waist_columns_name_wins_over_the_form():
    parsed = read_sample("waist_de.csv", length_unit="in")
    assert {unit for (unit,) in fields(parsed, "measurements", "unit_typed")} == {"cm"}


UNKNOWN_PRESSURE = (
    b"Zeitpunkt;Oben;Unten;Herzschlag;Notiz\n"
    b"13.10.2025 07:05;131;84;68;\n"
    b"14.10.2025 19:12;127;81;;nach dem Sport\n"
)
PRESSURE_COLUMNS = {
    "source": "measures",
    "date_column": "Zeitpunkt",
    "systolic_column": "Oben",
    "diastolic_column": "Unten",
    "pulse_column": "Herzschlag",
    "date_format": "DD.MM.YYYY",
}


def test_blood_pressure_columns_with_unknown_names_are_asked_for():
    parsed = read_bytes(UNKNOWN_PRESSURE, source="measures")
    assert parsed.source == "measures"
    assert parsed.errors == [
        "Choose which column holds the date, and which the blood pressure (systolic and "
        "diastolic, and the pulse if there is one) or the waist, then read it again."
    ]
    assert parsed.columns == ["Zeitpunkt", "Oben", "Unten", "Herzschlag", "Notiz"]
    assert parsed.rows_found == 2 and parsed.sections == {}


def test_blood_pressure_columns_chosen_on_the_form_are_read():
    parsed = read_bytes(UNKNOWN_PRESSURE, **PRESSURE_COLUMNS)
    assert parsed.errors == []
    assert fields(parsed, "blood_pressure", "date", "time", "systolic", "diastolic", "pulse") == [
        ("2025-10-13", "07:05:00", 131, 84, 68),
        ("2025-10-14", "19:12:00", 127, 81, None),
    ]


def test_a_waist_column_chosen_on_the_form_is_read_in_the_unit_chosen():
    content = b"Tag,Umfang\n2024-01-02,101.5\n2024-01-09,100\n"
    parsed = read_bytes(
        content, source="measures", date_column="Tag", waist_column="Umfang", length_unit="cm"
    )
    assert parsed.errors == []
    assert fields(parsed, "measurements", "date", "waist_cm") == [
        ("2024-01-02", 101.5),
        ("2024-01-09", 100.0),
    ]


def test_one_column_chosen_for_two_values_is_refused():
    chosen = {**PRESSURE_COLUMNS, "diastolic_column": "Oben"}
    assert read_bytes(UNKNOWN_PRESSURE, **chosen).errors == [
        "Each column can hold only one thing: choose a different column for each."
    ]


def test_a_bad_row_in_a_mapped_blood_pressure_file_is_named():
    content = UNKNOWN_PRESSURE.replace(b"127;81", b"81;127")
    parsed = read_bytes(content, **PRESSURE_COLUMNS)
    assert parsed.errors == ["Row 3: the lower number 127 is not below the upper 81."]


def test_an_openscale_file_with_a_waist_column_stays_a_weight_file():
    assert read_sample("openscale.csv").source == "openscale"


def test_hackers_diet_xml_reads_each_months_own_unit():
    parsed = read_sample("hackersdiet.xml")
    assert parsed.source == "hackersdiet_xml"
    assert parsed.errors == []
    assert weights(parsed) == [
        ("2019-11-01", 203.6, "lb"),
        ("2019-11-03", 202.8, "lb"),
        ("2020-01-05", 91.6, "kg"),
    ]


def test_hackers_diet_xml_with_an_impossible_day_names_it():
    text = (SAMPLES / "hackersdiet.xml").read_text().replace("<date>5</date>", "<date>32</date>")
    assert read_bytes(text.encode()).errors == ["Day 2020-01-32: this is not a date."]


def test_hackers_diet_excel_export_reads_each_months_block_in_its_own_unit():
    parsed = read_sample("hackersdiet_excel.csv")
    assert parsed.source == "hackersdiet_excel"
    assert parsed.errors == []
    assert weights(parsed) == [
        ("2024-02-01", 203.6, "lb"),
        ("2024-02-03", 202.8, "lb"),
        ("2024-02-05", 202.2, "lb"),
        ("2024-02-08", 201.4, "lb"),
        ("2024-02-12", 201.8, "lb"),
        ("2024-02-15", 200.6, "lb"),
        ("2024-02-20", 199.8, "lb"),
        ("2024-02-27", 198.6, "lb"),
        ("2024-03-02", 89.9, "kg"),
        ("2024-03-09", 89.4, "kg"),
        ("2024-03-16", 89.0, "kg"),
    ]
    # Every day of every month is a line; comments stand where the weight would be.
    assert parsed.rows_found == 31 + 29 + 31
    assert "3 days have a comment in place of a weight; comments are not imported." in (
        parsed.notes
    )


def test_hackers_diet_excel_rows_are_named_by_their_line_in_the_file():
    parsed = read_sample("hackersdiet_excel.csv")
    # Line numbers count every line of the file, the empty header line too.
    assert parsed.sections["weights"][0]["row"] == "Row 40"


def test_hackers_diet_excel_stone_log_is_read_in_pounds():
    text = (SAMPLES / "hackersdiet_excel.csv").read_bytes().replace(b",,Pounds,", b",,Stones,")
    parsed = read_bytes(text)
    assert weights(parsed)[0] == ("2024-02-01", 203.6, "lb")
    assert "The Hacker's Diet keeps a stone log in pounds; read as lb." in parsed.notes


def test_a_hackers_diet_excel_comment_that_looks_like_a_weight_is_not_taken_for_one():
    text = (SAMPLES / "hackersdiet_excel.csv").read_bytes()
    text = text.replace(b'"Said ""no"" to cake"', b'"5"')
    parsed = read_bytes(text)
    assert parsed.errors == [
        "Row 61: “5” in the weight column does not agree with the row's trend and variance, "
        "so it may be a comment rather than a weighing. Correct the row or remove it, then "
        "upload the file again."
    ]


def test_a_hackers_diet_excel_date_outside_its_month_names_the_row():
    text = (SAMPLES / "hackersdiet_excel.csv").read_bytes().replace(b"2/3/24,", b"3/3/24,")
    parsed = read_bytes(text)
    assert parsed.errors == ["Row 42: “3/3/24” is not a date of this file's month (February 2024)."]


def test_the_hackers_diet_excel_form_is_told_from_its_plain_csv_form():
    assert read_sample("hackersdiet.csv").source == "hackersdiet"
    assert read_sample("hackersdiet_excel.csv", source="hackersdiet_excel").errors == []
    expected = "not laid out as the “The Hacker's Diet Online Excel CSV export” source"
    with pytest.raises(ImportProblem, match=expected):
        read_sample("hackersdiet.csv", source="hackersdiet_excel")
