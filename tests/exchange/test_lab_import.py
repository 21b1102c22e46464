"""Lab results from CSV: tests by name, key or LOINC, units checked, reports by date."""

import datetime as dt
from pathlib import Path

import pytest

from tests.factories import record_of
from tracker.exchange import importer
from tracker.exchange.labvalues import match_unit
from tracker.exchange.parsed import Options
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
    parsed = read(text)
    errors = parsed.errors
    assert errors[0] == ("Row 3: “mg” is not a unit for Fasting glucose (use mg/dL, mmol/L).")
    # The same words as the lab form's (one rule, tracker.science.rules).
    assert errors[1] == (
        "Row 4: ALT 90000 U/L is outside what a lab can report: enter a value between 1 and "
        "5000 U/L."
    )
    assert errors[2] == "Row 5: The lab's high limit must be above its low limit."
    assert errors[3].startswith("Row 6: 2 Jan 2030 is in the future")
    assert errors[4] == "Row 7: HDL has no value."
    # A test LiverLog does not keep is listed as left out, not as a problem.
    assert "Left out, as LiverLog does not keep these tests: Ferritin (row 2)." in parsed.notes


def test_the_same_test_twice_on_one_date_is_an_error():
    text = HEADER + "2024-01-02,alt,30,U/L,,,\n2024-01-02,1742-6,31,U/L,,,\n"
    assert read(text).errors == [
        "Row 3: a second ALT result for 2 Jan 2024 (the first is on row 2)."
    ]


def test_an_ultrasound_grade_may_be_written_as_its_word():
    parsed = read(HEADER + "2024-01-02,US grade,mild,grade,,,\n")
    assert results(parsed) == [("2024-01-02", "ultrasound_grade", 1.0, "grade")]


def test_missing_columns_are_named_and_can_be_chosen():
    parsed = read("date,test,value,Einh.\n2024-01-02,alt,30,U/L\n", source="labs")
    assert "lacks unit" in parsed.errors[0]
    assert parsed.columns == ["date", "test", "value", "Einh."]
    chosen = read("date,test,value,Einh.\n2024-01-02,alt,30,U/L\n", unit_column="Einh.")
    assert chosen.errors == []
    assert results(chosen) == [("2024-01-02", "alt", 30.0, "U/L")]


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


PORTAL = (
    "Collection Date,Test Name,Result,Units,Reference Range,Flag\n"
    "12/29/24,AST (SGOT),45,IU/L,0-40,H\n"
    "12/29/24,ALT (SGPT),<5,IU/L,0-44,\n"
    "12/29/24,Hemoglobin A1c,5.9,%,4.8-5.6,H\n"
    "12/29/24,Platelets,231,x10E3/uL,150-450,\n"
    "12/29/24,C-Reactive Protein,2.1,mg/L,0-10,\n"
    "12/29/24,Triglycerides,>300,mg/dL,0-149,H\n"
)


def test_a_portal_lab_csv_is_read_with_synonyms_bounds_and_skipped_tests():
    parsed = read(PORTAL)
    assert parsed.kind == "labs"
    assert parsed.errors == []
    found = {
        r["test_key"]: (r["qualifier"], r["value_typed"], r["unit_typed"], r["lab_high_typed"])
        for r in parsed.sections["labs"][0]["results"]
    }
    assert found == {
        "ast": ("", 45.0, "IU/L", 40.0),
        "alt": ("<", 5.0, "IU/L", 44.0),
        "hba1c": ("", 5.9, "%", 5.6),
        "platelets": ("", 231.0, "10³/µL", 450.0),
        "triglycerides": (">", 300.0, "mg/dL", 149.0),
    }
    assert parsed.sections["labs"][0]["fields"]["date"] == "2024-12-29"
    assert any("C-Reactive Protein (row 6)" in note for note in parsed.notes)


@pytest.mark.parametrize(
    "name, key",
    [
        ("GOT (AST)", "ast"),
        ("Gamma-GT", "ggt"),
        ("Glucosa en ayunas", "glucose"),
        ("Glycémie à jeun", "glucose"),
        ("Triglyzeride", "triglycerides"),
        ("Cholestérol HDL", "hdl"),
        ("LDL Chol Calc (NIH)", "ldl"),
        ("Thrombozyten", "platelets"),
        ("Kreatinin", "creatinine"),
        ("4548-4", "hba1c"),
    ],
)
def test_test_names_in_other_spellings_and_languages(name, key):
    from tracker.exchange.labvalues import match_test

    assert match_test(name).key == key


@pytest.mark.parametrize(
    "key, typed, unit",
    [
        ("platelets", "x10E3/uL", "10³/µL"),
        ("platelets", "10^9/L", "10⁹/L"),
        ("glucose", "mmol/l", "mmol/L"),
        ("creatinine", "µmol/L", "µmol/L"),
        ("insulin", "µUI/mL", "µIU/mL"),
    ],
)
def test_more_units_as_portals_print_them(key, typed, unit):
    assert match_unit(get(key), typed) == unit


@pytest.mark.django_db
def test_a_bound_is_stored_with_its_sign_and_a_score_says_it_cannot_use_it(alice):
    from tracker.labs import scores

    importer.commit(alice, read(PORTAL))
    alt = LabResult.objects.get(user=alice, test_key="alt")
    assert (alt.qualifier, alt.value) == ("<", 5.0)
    data = scores._data(record_of(alice))
    gather = scores._Gather(data, dt.date(2024, 12, 29))
    assert gather.value("alt") is None
    assert gather.missing == ["ALT as an exact number (the lab gave < 5 U/L)"]
