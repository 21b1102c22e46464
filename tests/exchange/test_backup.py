"""The JSON backup: lossless round trip, duplicates, validation, all-or-nothing."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import IntegrityError

from tests.conftest import make_user
from tests.factories import (
    BloodPressureFactory,
    CheckInFactory,
    ExerciseFactory,
    MealFactory,
    WeightFactory,
)
from tracker.demo import logs as demo
from tracker.exchange import csv_export, importer, json_backup, sections
from tracker.exchange.parsed import Options
from tracker.exchange.reading import ImportProblem
from tracker.models import (
    ActivityGoal,
    CheckIn,
    Exercise,
    LabReport,
    LabResult,
    Meal,
    Profile,
    VisitQuestion,
    WeightEntry,
    WeightGoal,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


def content(backup):
    return {key: value for key, value in backup.items() if key != "exported_at"}


def restore(text, user, policy="skip", with_profile=True):
    parsed = importer.read(text, Options(), user.profile)
    assert parsed.errors == []
    return importer.commit(user, parsed, policy, with_profile)


def add_extras(user):
    """What the demo lacks: goals, a question, a weight typed in lb, a lab range."""
    WeightGoal.objects.create(
        user=user, baseline_date=dt.date(2026, 1, 1), baseline_kg=98, target_percent=7
    )
    ActivityGoal.objects.create(user=user, minutes_per_week=180, sleep_hours_per_night=7.5)
    Profile.objects.filter(user=user).update(diagnosis="prediabetes", lipid_lowering="no")
    VisitQuestion.objects.create(user=user, text="=Should I repeat the FibroScan?")
    WeightEntry.objects.filter(user=user, date=dt.date(2026, 11, 20)).delete()
    WeightEntry.objects.create(
        user=user,
        date=dt.date(2026, 11, 20),
        weight_kg=207.5 * 0.45359237,
        value_typed=Decimal("207.5"),
        unit_typed="lb",
    )
    report = LabReport.objects.create(user=user, date=dt.date(2026, 11, 2), lab_name="Lab, “B”")
    LabResult.objects.create(
        user=user,
        report=report,
        test_key="glucose",
        value=5.9 * 18.016,
        value_typed=Decimal("5.9"),
        unit_typed="mmol/L",
        lab_low_typed=Decimal("3.9"),
        lab_high_typed=Decimal("5.5"),
        lab_low=3.9 * 18.016,
        lab_high=5.5 * 18.016,
    )


def test_export_then_import_into_an_empty_account_gives_the_same_content():
    user = demo.seed(TODAY)
    add_extras(user)
    backup = json_backup.build(user)
    assert backup["format"] == "liverlog-backup" and backup["version"] == 1
    assert len(backup["weights"]) > 250 and backup["labs"] and backup["goals"]["weight"]

    fresh = make_user("fresh")
    result = restore(json_backup.dumps(backup), fresh)
    again = json_backup.build(fresh)
    assert content(again) == content(backup)
    assert result.profile_restored
    assert Profile.objects.get(user=fresh).height_cm == 178
    restored = Profile.objects.get(user=fresh)
    assert (restored.diagnosis, restored.lipid_lowering) == ("prediabetes", "no")

    # The goal history keeps when each goal was set.
    def stamps(owner):
        return list(WeightGoal.objects.filter(user=owner).values_list("created_at", flat=True))

    assert stamps(fresh) == stamps(user)


def test_the_backup_keeps_typed_values_and_units():
    user = make_user("carol", weight_unit="lb")
    WeightFactory(user=user, weight_kg=94.12, value_typed=Decimal("207.5"), unit_typed="lb")
    record = json_backup.build(user)["weights"][0]
    assert record == {
        "date": "2026-11-01",
        "weight_kg": 94.12,
        "value_typed": 207.5,
        "unit_typed": "lb",
    }


def test_importing_a_backup_into_the_same_account_finds_everything_already_there(alice):
    WeightFactory(user=alice)
    ExerciseFactory(user=alice)
    MealFactory(user=alice)
    MealFactory(user=alice)  # two identical snacks are two entries
    text = json_backup.dumps(json_backup.build(alice))
    parsed = importer.read(text, Options(), alice.profile)
    result = importer.commit(alice, parsed)
    assert (result.added, result.skipped) == (0, 4)
    assert Meal.objects.filter(user=alice).count() == 2


def test_a_duplicate_date_is_skipped_or_replaced_as_chosen(alice):
    WeightFactory(user=alice, weight_kg=90.0)
    other = make_user("other")
    WeightFactory(user=other, weight_kg=85.0, value_typed=Decimal("85"))
    text = json_backup.dumps(json_backup.build(other))

    restore(text, alice, "skip", with_profile=False)
    assert WeightEntry.objects.get(user=alice).weight_kg == 90.0
    restore(text, alice, "replace", with_profile=False)
    assert WeightEntry.objects.get(user=alice).weight_kg == 85.0
    assert WeightEntry.objects.filter(user=alice).count() == 1


def test_identical_rows_count_against_the_account_as_a_multiset(alice):
    BloodPressureFactory(user=alice)
    other = make_user("other")
    BloodPressureFactory(user=other)
    BloodPressureFactory(user=other)
    parsed = importer.read(json_backup.dumps(json_backup.build(other)), Options(), alice.profile)
    counts = sections.SECTIONS["blood_pressure"].plan(alice, parsed.sections["blood_pressure"])
    assert (counts.found, counts.new, counts.duplicates) == (2, 1, 1)


def backup_with(**lists):
    return json.dumps({"format": "liverlog-backup", "version": 1, **lists})


def test_invalid_records_are_listed_and_block_the_whole_import(alice):
    text = backup_with(
        weights=[
            {"date": "2026-01-01", "weight_kg": 80, "value_typed": 80, "unit_typed": "kg"},
            {"date": "2026-01-02", "weight_kg": 900, "value_typed": 900, "unit_typed": "kg"},
        ],
        exercise=[
            {
                "date": "2026-01-01",
                "activity": "Walk",
                "kind": "aerobic",
                "intensity": "light",
                "minutes": 0,
            }
        ],
        meals=["not an object"],
        labs=[{"date": "2026-01-01", "results": [{"test_key": "nope", "value_typed": 1}]}],
    )
    parsed = importer.read(text, Options(), alice.profile)
    assert parsed.errors == [
        "Weight, entry 2 (2026-01-02): Enter a weight between 20 and 350 kg.",
        "Exercise, entry 1 (2026-01-01): Enter minutes between 1 and 600.",
        "Meals, entry 1: this entry is not an object.",
        "Lab reports, entry 1 (2026-01-01): “nope” is not a test LiverLog knows (known "
        "tests: ALT, AST, GGT, Glucose, 2-h glucose, Insulin, HbA1c, TG, Total chol., HDL, LDL, "
        "Platelets, "
        "Albumin, Creatinine, US grade, CAP, LSM, MRI-PDFF).",
    ]
    with pytest.raises(ImportProblem, match="still has errors"):
        importer.commit(alice, parsed)
    assert not WeightEntry.objects.filter(user=alice).exists()


def test_two_entries_on_one_date_of_a_one_per_date_log_is_an_error(alice):
    record = {"date": "2026-01-01", "weight_kg": 80, "value_typed": 80, "unit_typed": "kg"}
    parsed = importer.read(backup_with(weights=[record, record]), Options(), alice.profile)
    assert parsed.errors == [
        "Weight, entry 2 (2026-01-01): a second entry for 2026-01-01 (one per date; the first "
        "is entry 1)."
    ]


def test_a_failure_while_writing_leaves_the_account_untouched(alice, monkeypatch):
    other = make_user("other")
    WeightFactory(user=other)
    ExerciseFactory(user=other)
    parsed = importer.read(json_backup.dumps(json_backup.build(other)), Options(), alice.profile)

    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    # Weights are written before exercise; exercise fails; weights must roll back.
    monkeypatch.setattr(sections.SECTIONS["exercise"], "commit", fail)
    with pytest.raises(ImportProblem, match="Nothing was imported"):
        importer.commit(alice, parsed)
    assert not WeightEntry.objects.filter(user=alice).exists()
    assert not Exercise.objects.filter(user=alice).exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not a valid JSON file"),
        ("[1, 2]", "not a LiverLog backup"),
        ('{"format": "other"}', "not a LiverLog backup"),
        ('{"format": "liverlog-backup"}', "no version number"),
        ('{"format": "liverlog-backup", "version": 2}', "newer LiverLog"),
        ('{"format": "liverlog-backup", "version": 1, "weights": 5}', "“weights” is not a list"),
        ('{"format": "liverlog-backup", "version": 1, "goals": []}', "“goals” is not an object"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ],
)
def test_malformed_backups_get_a_message(alice, text, message):
    with pytest.raises(ImportProblem, match=message):
        importer.read(text, Options(source="backup"), alice.profile)


def test_wrongly_typed_values_are_row_errors_not_crashes(alice):
    text = backup_with(
        profile={"sex": "robot", "time_zone": "Mars/Olympus"},
        goals={"weight": [{"baseline_date": "soon", "baseline_kg": "x"}]},
        checkins=[{"date": "2026-01-01", "stress": "very"}],
        labs=[{"date": "2026-01-01", "results": 7}],
        visit_questions=[{"text": "x" * 400, "created_at": "2026-01-01T00:00:00+00:00"}],
    )
    parsed = importer.read(text, Options(), alice.profile)
    assert [error.split(":")[0] for error in parsed.errors] == [
        "Profile",
        "Weight goals, entry 1 (soon)",
        "Questions for your doctor, entry 1",
        "Daily check-ins, entry 1 (2026-01-01)",
        "Lab reports, entry 1 (2026-01-01)",
    ]


def test_a_check_in_without_an_alcohol_answer_stays_not_recorded():
    donor = make_user("donor")
    CheckInFactory(user=donor, date=dt.date(2026, 11, 1), alcohol_drinks=None, sleep_hours=7)
    CheckInFactory(user=donor, date=dt.date(2026, 11, 2), alcohol_drinks=0)
    person = make_user("person")
    text = json_backup.dumps(json_backup.build(donor))
    importer.commit(person, importer.read(text, Options(source="backup"), person.profile))
    drinks = dict(CheckIn.objects.filter(user=person).values_list("date", "alcohol_drinks"))
    assert drinks == {dt.date(2026, 11, 1): None, dt.date(2026, 11, 2): 0}
    rows = csv_export.export_csv(donor, donor.profile, "checkins", csv_export.DISPLAY)
    assert "2026-11-01,7,2,,,\r\n" in rows and "2026-11-02," in rows
