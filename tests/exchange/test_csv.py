"""CSV export: units in the headers, display or canonical units, safe cells, round trip."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from tests.conftest import make_user
from tests.factories import (
    BloodPressureFactory,
    CheckInFactory,
    DietCheckFactory,
    ExerciseFactory,
    MealFactory,
    MeasurementFactory,
    MedicationFactory,
    WeightFactory,
)
from tracker.exchange import csv_export, importer
from tracker.exchange.cells import neutralise
from tracker.exchange.parsed import Options
from tracker.models import LabReport, LabResult, WeightEntry

pytestmark = pytest.mark.django_db


def rows(text):
    assert text.startswith("\ufeff")  # Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    "cell, safe",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("-3.5", "-3.5"),
        ("-12", "-12"),
        ("Lentil soup", "Lentil soup"),
        (None, ""),
        (42, "42"),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_a_formula_in_a_note_is_neutralised_in_the_export(alice):
    ExerciseFactory(user=alice, activity="=cmd|'/C calc'!A0", note="@risky")
    table = rows(csv_export.export_csv(alice, alice.profile, "exercise"))
    assert table[1][1] == "'=cmd|'/C calc'!A0"
    assert table[1][6] == "'@risky"


def test_weights_in_display_units_or_canonical_units():
    carol = make_user("carol", weight_unit="lb", length_unit="in")
    WeightFactory(user=carol, weight_kg=94.12, value_typed=Decimal("207.5"), unit_typed="lb")
    shown = rows(csv_export.export_csv(carol, carol.profile, "weight", "display"))
    canonical = rows(csv_export.export_csv(carol, carol.profile, "weight", "canonical"))
    assert shown == [["date", "weight (lb)"], ["2026-11-01", "207.5"]]
    assert canonical == [["date", "weight (kg)"], ["2026-11-01", "94.12"]]


def test_every_header_names_its_unit(alice):
    carol = make_user("carol", weight_unit="lb", length_unit="in", lab_units="mmol/L")
    MeasurementFactory(user=carol, waist_cm=101.6, hips_cm=110)
    report = LabReport.objects.create(user=carol, date=dt.date(2026, 10, 1))
    LabResult.objects.create(
        user=carol,
        report=report,
        test_key="glucose",
        value=108.096,
        value_typed=Decimal("6"),
        unit_typed="mmol/L",
    )
    measurements = rows(csv_export.export_csv(carol, carol.profile, "measurements"))
    assert measurements == [
        ["date", "waist (in)", "hips (in)", "body fat (%)"],
        ["2026-11-01", "40", "43.31", ""],
    ]
    lab_rows = rows(csv_export.export_csv(carol, carol.profile, "labs"))
    assert lab_rows[1][:4] == ["2026-10-01", "glucose", "6", "mmol/L"]
    canonical_labs = rows(csv_export.export_csv(carol, carol.profile, "labs", "canonical"))
    assert canonical_labs[1][:4] == ["2026-10-01", "glucose", "108.1", "mg/dL"]


def test_every_log_exports_with_its_columns(alice):
    WeightFactory(user=alice)
    MeasurementFactory(user=alice)
    ExerciseFactory(user=alice, steps=4000)
    MealFactory(user=alice, kcal=420, fibre_g=Decimal("12.5"))
    CheckInFactory(user=alice)
    BloodPressureFactory(user=alice, pulse=70)
    DietCheckFactory(user=alice)
    MedicationFactory(user=alice)
    expected = {
        "weight": ["2026-11-01", "90"],
        "measurements": ["2026-11-01", "100", "", ""],
        "exercise": ["2026-11-01", "Walking", "Aerobic", "30", "Moderate", "4000", ""],
        "meals": ["2026-11-01", "Lunch", "Lentil soup", "420", "", "12.5", "", "", "", "Legumes"],
        "checkins": ["2026-11-01", "7", "2", "", "1", "14"],
        "blood-pressure": ["2026-11-01", "07:30", "128", "82", "70"],
        "medications": ["Metformin", "500 mg", "2026-06-01", "", ""],
    }
    for slug, row in expected.items():
        table = rows(csv_export.export_csv(alice, alice.profile, slug))
        assert table[1] == row, slug
        assert len(table[0]) == len(row)
    diet = rows(csv_export.export_csv(alice, alice.profile, "diet-check"))
    assert diet[0][:2] == ["week of", "score (of 13)"]
    assert diet[1][:2] == ["2026-10-26", "1"]


def test_another_users_rows_are_never_exported(alice):
    WeightFactory(user=alice)
    bob = make_user("bob2")
    assert rows(csv_export.export_csv(bob, bob.profile, "weight")) == [["date", "weight (kg)"]]


def test_a_weight_csv_export_imports_back_into_a_fresh_account():
    carol = make_user("carol", weight_unit="lb")
    for day, pounds in [(1, "207.5"), (2, "206.9"), (4, "206.2")]:
        WeightEntry.objects.create(
            user=carol,
            date=dt.date(2026, 3, day),
            weight_kg=float(pounds) * 0.45359237,
            value_typed=Decimal(pounds),
            unit_typed="lb",
        )
    text = csv_export.export_csv(carol, carol.profile, "weight")
    fresh = make_user("fresh")
    parsed = importer.read(text, Options(), fresh.profile)
    assert parsed.source == "ours"
    importer.commit(fresh, parsed)
    mine = WeightEntry.objects.filter(user=carol).order_by("date")
    theirs = WeightEntry.objects.filter(user=fresh).order_by("date")
    assert [(w.date, w.value_typed, w.unit_typed) for w in theirs] == [
        (w.date, w.value_typed, w.unit_typed) for w in mine
    ]
    assert [w.weight_kg for w in theirs] == pytest.approx([w.weight_kg for w in mine])


def test_a_lab_csv_export_imports_back(alice):
    report = LabReport.objects.create(user=alice, date=dt.date(2026, 2, 1), lab_name="Quest")
    LabResult.objects.create(
        user=alice,
        report=report,
        test_key="alt",
        value=52,
        value_typed=Decimal("52"),
        unit_typed="U/L",
        lab_low=7,
        lab_high=35,
        lab_low_typed=Decimal("7"),
        lab_high_typed=Decimal("35"),
    )
    text = csv_export.export_csv(alice, alice.profile, "labs")
    fresh = make_user("fresh")
    importer.commit(fresh, importer.read(text, Options(), fresh.profile))
    copy = LabResult.objects.select_related("report").get(user=fresh)
    assert (copy.report.date, copy.report.lab_name, copy.test_key) == (
        dt.date(2026, 2, 1),
        "Quest",
        "alt",
    )
    assert (copy.value, copy.lab_low, copy.lab_high) == (52, 7, 35)


def test_a_bound_is_exported_with_its_sign_and_imports_back_as_a_bound(alice):
    report = LabReport.objects.create(user=alice, date=dt.date(2026, 2, 1))
    LabResult.objects.create(
        user=alice,
        report=report,
        test_key="ggt",
        qualifier="<",
        value=5,
        value_typed=Decimal("5"),
        unit_typed="U/L",
    )
    text = csv_export.export_csv(alice, alice.profile, "labs")
    assert "2026-02-01,ggt,<5,U/L," in text
    fresh = make_user("fresh")
    importer.commit(fresh, importer.read(text, Options(), fresh.profile))
    copy = LabResult.objects.get(user=fresh)
    assert (copy.test_key, copy.qualifier, copy.value) == ("ggt", "<", 5)
