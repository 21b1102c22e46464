"""Lab results from CSV: tests by name, key or LOINC, units checked, reports by date."""

import datetime as dt
from pathlib import Path

import pytest

from tracker.exchange import importer
from tracker.exchange.labvalues import match_unit
from tracker.exchange.parsed import Options
from tracker.exchange.reading import ImportProblem
from tracker.models import LabReport, LabResult, Profile
from tracker.science.labs import get

SAMPLES = Path(__file__).parent / "samples"
HEADER = "date,test,value,unit,low,high,lab\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(importer, "today_for", lambda profile: dt.date(2025, 12, 31))


def read(text, **options):
    return importer.read(text, Options(**options), Profile(time_zone="UTC"))


def results(parsed):
    return [
        (report["fields"]["date"], r["test_key"], r["value_typed"], r["unit_typed"])
        for report in parsed.sections["labs"]
        for r in report["results"]
    ]


def test_the_sample_is_detected_and_grouped_into_reports_by_date():
    parsed = read((SAMPLES / "labs.csv").read_text())
    assert parsed.kind == "labs"
    assert parsed.errors == []
    assert parsed.rows_found == 7
    assert [r["fields"]["date"] for r in parsed.sections["labs"]] == ["2024-02-10", "2024-05-12"]
    assert results(parsed) == [
        ("2024-02-10", "alt", 52.0, "U/L"),
        ("2024-02-10", "ast", 38.0, "U/L"),
        ("2024-02-10", "glucose", 6.1, "mmol/L"),
        ("2024-02-10", "hba1c", 5.9, "%"),
        ("2024-02-10", "platelets", 231.0, "10⁹/L"),
        ("2024-05-12", "alt", 41.0, "IU/L"),
        ("2024-05-12", "insulin", 14.2, "µIU/mL"),
    ]
    glucose = parsed.sections["labs"][0]["results"][2]
    assert glucose["value"] == pytest.approx(6.1 * 18.016)
    assert glucose["lab_low"] == pytest.approx(3.9 * 18.016)
    assert parsed.sections["labs"][0]["fields"]["lab_name"] == "Riverside Labs"


@pytest.mark.parametrize(
    "key, typed, unit",
    [
        ("platelets", "x10^9/L", "10⁹/L"),
        ("platelets", "K/uL", "10³/µL"),
        ("platelets", "G/L", "10⁹/L"),
        ("insulin", "uU/mL", "µIU/mL"),
        ("creatinine", "umol/l", "µmol/L"),
        ("glucose", "MG/DL", "mg/dL"),
        ("albumin", "g/L", "g/L"),
    ],
)
def test_units_as_labs_print_them(key, typed, unit):
    assert match_unit(get(key), typed) == unit


def test_row_problems_are_named_with_their_row():
    text = HEADER + (
        "2024-01-02,Ferritin,80,ng/mL,,,\n"
        "2024-01-02,glucose,95,mg,,,\n"
        "2024-01-02,ALT,90000,U/L,,,\n"
        "2024-01-02,AST,30,U/L,40,10,\n"
        "2030-01-02,AST,30,U/L,,,\n"
        "2024-01-02,HDL,,mg/dL,,,\n"
    )
    errors = read(text).errors
    assert errors[0].startswith("Row 2: “Ferritin” is not a test LiverLog knows")
    assert errors[1] == ("Row 3: “mg” is not a unit for Fasting glucose (use mg/dL, mmol/L).")
    assert errors[2] == (
        "Row 4: ALT 90000 U/L is outside the plausible 1–5000 U/L; check for a typing error."
    )
    assert errors[3] == "Row 5: the range low 40 is above the range high 10."
    assert errors[4].startswith("Row 6: 2 Jan 2030 is in the future")
    assert errors[5] == "Row 7: HDL has no value."


def test_the_same_test_twice_on_one_date_is_an_error():
    text = HEADER + "2024-01-02,alt,30,U/L,,,\n2024-01-02,1742-6,31,U/L,,,\n"
    assert read(text).errors == [
        "Row 3: a second ALT result for 2 Jan 2024 (the first is on row 2)."
    ]


def test_an_ultrasound_grade_may_be_written_as_its_word():
    parsed = read(HEADER + "2024-01-02,US grade,mild,grade,,,\n")
    assert results(parsed) == [("2024-01-02", "ultrasound_grade", 1.0, "grade")]


def test_missing_columns_are_named():
    with pytest.raises(ImportProblem, match="lacks unit"):
        read("date,test,value\n2024-01-02,alt,30\n", source="labs")


@pytest.mark.django_db
def test_importing_lab_results_twice_skips_or_replaces_by_test_and_date(alice):
    text = HEADER + "2024-01-02,alt,30,U/L,,,Lab A\n2024-01-02,ast,25,U/L,,,Lab A\n"
    importer.commit(alice, read(text))
    assert LabReport.objects.filter(user=alice).count() == 1
    again = read(HEADER + "2024-01-02,alt,44,U/L,,,Lab A\n2024-01-02,ggt,50,U/L,,,Lab A\n")
    outcome = importer.commit(alice, again, "skip")
    assert (outcome.added, outcome.skipped) == (1, 1)
    assert LabResult.objects.get(user=alice, test_key="alt").value == 30
    assert LabReport.objects.filter(user=alice).count() == 1  # GGT joined the same report
    outcome = importer.commit(alice, again, "replace")
    assert (outcome.added, outcome.replaced) == (0, 2)
    assert LabResult.objects.get(user=alice, test_key="alt").value == 44
