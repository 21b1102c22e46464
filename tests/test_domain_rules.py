"""One set of domain rules at every door: forms, imports, backups and the database.

Each case of the "backups accept what forms refuse" and "dates with no floor" reports,
at its edge, on whichever database the suite runs on (CI runs it on both)."""

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    BloodPressureFactory,
    CheckInFactory,
    ExerciseFactory,
    LabReportFactory,
    WeightFactory,
)
from tracker.demo import logs as demo
from tracker.exchange import importer
from tracker.exchange.parsed import Options
from tracker.exchange.reading import ImportProblem
from tracker.models import (
    ActivityGoal,
    LabReport,
    LabResult,
    Profile,
    WeightEntry,
    WeightGoal,
)
from tracker.science import rules

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


# --- The database -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "edge_ok", "past_edge"),
    [
        (lambda u, v: WeightFactory(user=u, weight_kg=v), 350, 350.01),
        (lambda u, v: CheckInFactory(user=u, sleep_hours=v), 24, 99.9),
        (lambda u, v: ExerciseFactory(user=u, minutes=v), 600, 32767),
        (lambda u, v: BloodPressureFactory(user=u, systolic=130, diastolic=v), 129, 130),
        (
            lambda u, v: ActivityGoal.objects.create(user=u, minutes_per_week=v),
            1500,
            32767,
        ),
        (
            lambda u, v: ActivityGoal.objects.create(user=u, strength_sessions_per_week=v),
            7,
            32767,
        ),
        (
            lambda u, v: WeightGoal.objects.create(
                user=u, baseline_date=dt.date(2026, 1, 1), baseline_kg=90, target_percent=v
            ),
            40,
            999.9,
        ),
        (lambda u, v: LabReportFactory(user=u, date=v), rules.EARLIEST_DATE, dt.date(1, 1, 1)),
        (lambda u, v: WeightFactory(user=u, date=v), rules.LATEST_DATE, dt.date(9999, 12, 31)),
    ],
)
def test_the_database_refuses_a_value_past_its_rule(alice, make, edge_ok, past_edge):
    assert not refused(lambda: make(alice, edge_ok))
    assert refused(lambda: make(alice, past_edge))


def test_the_database_refuses_a_birth_date_or_height_past_the_rules(alice):
    def set_profile(**values):
        Profile.objects.filter(user=alice).update(**values)

    assert refused(lambda: set_profile(date_of_birth=dt.date(1, 1, 1)))
    assert refused(lambda: set_profile(height_cm=20))
    assert not refused(lambda: set_profile(date_of_birth=dt.date(1950, 1, 1), height_cm=250))


def test_the_demo_account_keeps_every_rule(db):
    """Seeded through the constraints: any row past a rule would fail here."""
    user = demo.seed(dt.date(2026, 11, 21))
    assert WeightEntry.objects.filter(user=user).count() > 300
    assert LabResult.objects.filter(user=user).exists()
    for model in (WeightEntry, LabReport, WeightGoal, ActivityGoal):
        for row in model.objects.filter(user=user):
            assert row.rule_problems() == [], (model.__name__, row.pk)


# --- Forms --------------------------------------------------------------------------------


@pytest.fixture
def owner(client, alice):
    client.force_login(alice)
    return client


def test_a_weight_dated_before_1900_is_refused_with_a_message(owner, alice):
    response = owner.post("/log/weight/add/", {"date": "1899-12-31", "weight": "80", "unit": "kg"})
    assert "Date 1899-12-31 is before 1900: check the year." in response.content.decode()
    assert not WeightEntry.objects.filter(user=alice).exists()


def test_a_weight_dated_before_the_birth_date_is_refused(owner, alice):
    Profile.objects.filter(user=alice).update(date_of_birth=dt.date(1980, 5, 1))
    response = owner.post("/log/weight/add/", {"date": "1980-04-30", "weight": "80", "unit": "kg"})
    assert "before your date of birth (1 May 1980)" in response.content.decode()
    assert not WeightEntry.objects.filter(user=alice).exists()
    owner.post("/log/weight/add/", {"date": "1980-05-01", "weight": "80", "unit": "kg"})
    assert WeightEntry.objects.filter(user=alice).count() == 1


def test_a_lab_report_dated_0001_is_refused(owner, alice):
    data = {
        "date": "0001-01-01",
        "lab_name": "",
        "fasting": "unknown",
        "r-TOTAL_FORMS": "1",
        "r-INITIAL_FORMS": "0",
        "r-0-test": "alt",
        "r-0-value": "40",
        "r-0-unit": "U/L",
    }
    response = owner.post("/labs/add/", data)
    assert "is before 1900: check the year." in response.content.decode()
    assert not LabReport.objects.filter(user=alice).exists()


def test_the_oldest_storable_dates_break_no_page(owner, alice):
    day = rules.EARLIEST_DATE
    WeightFactory(user=alice, date=day, weight_kg=80)
    WeightFactory(user=alice, date=dt.date(2026, 1, 1), weight_kg=78)
    report = LabReportFactory(user=alice, date=day)
    for key, value in (("alt", 40), ("ast", 30), ("platelets", 200)):
        LabResult.objects.create(
            user=alice, report=report, test_key=key, value=value, value_typed=value, unit_typed="x"
        )
    pages = ["/labs/", "/labs/indices/", "/labs/test/alt/", f"/labs/report/{report.pk}/"]
    pages += ["/progress/?range=all", "/report/", "/today/"]
    for page in pages:
        assert owner.get(page).status_code == 200, page


# --- Backups ------------------------------------------------------------------------------


def backup(**lists):
    return json.dumps({"format": "liverlog-backup", "version": 1, **lists})


def goal(**values):
    return {"created_at": "2026-01-01T00:00:00+00:00", **values}


WEIGHT_GOAL = {"baseline_date": "2026-01-01", "baseline_kg": 90, "target_percent": 10}
ACTIVITY_GOAL = {"minutes_per_week": 150, "strength_sessions_per_week": 2}


@pytest.mark.parametrize(
    ("lists", "message"),
    [
        (
            {"goals": {"activity": [goal(**{**ACTIVITY_GOAL, "minutes_per_week": 32767})]}},
            "Enter active minutes a week between 10 and 1500.",
        ),
        (
            {
                "goals": {
                    "activity": [goal(**{**ACTIVITY_GOAL, "strength_sessions_per_week": 32767})]
                }
            },
            "Enter strength sessions a week between 0 and 7.",
        ),
        ({"checkins": [{"date": "2026-01-01", "sleep_hours": 99.9}]}, "Enter sleep between 0"),
        (
            {"goals": {"weight": [goal(**{**WEIGHT_GOAL, "target_percent": 999.9})]}},
            "Enter a percentage between 1 and 40.",
        ),
        (
            {"goals": {"weight": [goal(**{**WEIGHT_GOAL, "target_percent": -99.9})]}},
            "Enter a percentage between 1 and 40.",
        ),
        (
            {"goals": {"weight": [goal(**{**WEIGHT_GOAL, "baseline_date": "0001-01-01"})]}},
            "is before 1900",
        ),
        (
            {"goals": {"weight": [goal(**{**WEIGHT_GOAL, "target_date": "9999-12-31"})]}},
            "Choose a target date within 10 years",
        ),
        ({"profile": {"date_of_birth": "9999-12-31"}}, "Date of birth 9999-12-31"),
        ({"labs": [{"date": "0001-01-01", "results": []}]}, "is before 1900"),
    ],
)
def test_a_backup_is_held_to_the_rules_the_forms_apply(alice, lists, message):
    parsed = importer.read(backup(**lists), Options(), alice.profile)
    assert len(parsed.errors) == 1 and message in parsed.errors[0]
    with pytest.raises(ImportProblem):
        importer.commit(alice, parsed, with_profile=True)
    assert not WeightGoal.objects.filter(user=alice).exists()
    assert not ActivityGoal.objects.filter(user=alice).exists()


def test_a_backup_entry_before_the_birth_date_is_refused(alice):
    Profile.objects.filter(user=alice).update(date_of_birth=dt.date(1980, 5, 1))
    alice.profile.refresh_from_db()
    record = {"date": "1980-04-30", "weight_kg": 80, "value_typed": 80, "unit_typed": "kg"}
    parsed = importer.read(backup(weights=[record]), Options(), alice.profile)
    assert parsed.errors == [
        "Weight, entry 1 (1980-04-30): the date 30 Apr 1980 is before your date of birth "
        "(1 May 1980)."
    ]


def test_a_csv_row_before_the_birth_date_is_refused(alice):
    Profile.objects.filter(user=alice).update(date_of_birth=dt.date(1980, 5, 1))
    alice.profile.refresh_from_db()
    text = "date,test,value,unit\n1980-04-30,ALT,40,U/L\n1980-05-01,ALT,41,U/L\n"
    parsed = importer.read(text, Options(source="labs"), alice.profile)
    assert len(parsed.errors) == 1 and "before your date of birth" in parsed.errors[0]


# --- Preview and confirm agree ---------------------------------------------------------------


@pytest.mark.parametrize("lab_name", ["absent", None])
def test_a_lab_report_without_a_lab_name_previews_and_imports(alice, lab_name):
    report = {"date": "2026-01-01", "results": [{"test_key": "alt", "value_typed": 40}]}
    report["results"][0]["unit_typed"] = "U/L"
    if lab_name is None:
        report["lab_name"] = None
    parsed = importer.read(backup(labs=[report]), Options(), alice.profile)
    assert parsed.errors == []
    importer.commit(alice, parsed)
    assert LabReport.objects.get(user=alice).lab_name == ""


def test_a_refusal_at_confirm_names_the_real_problem(alice):
    record = {"date": "2026-01-01", "weight_kg": 80, "value_typed": 80, "unit_typed": "kg"}
    parsed = importer.read(backup(weights=[record]), Options(), alice.profile)
    parsed.sections["weights"][0]["fields"]["weight_kg"] = 999  # past the preview's checks
    with pytest.raises(ImportProblem) as refusal:
        importer.commit(alice, parsed)
    assert "the database refused a row" in str(refusal.value)
    assert "weight_kg_plausible" in str(refusal.value)
    assert "changed while you were looking" not in str(refusal.value)
    assert not WeightEntry.objects.filter(user=alice).exists()
