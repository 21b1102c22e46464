"""Facts gathered from the database: weights, exercise, check-ins and labs, only the
person's own, in a handful of queries; and the notes the demo account gets."""

import re
from datetime import date, timedelta

import pytest

from tests.factories import (
    BloodPressureFactory,
    CheckInFactory,
    ExerciseFactory,
    MealFactory,
    MeasurementFactory,
    WeightFactory,
    record_of,
    weight_goal,
)
from tracker.demo import logs as demo
from tracker.guidance import notes_by_metric
from tracker.guidance.facts import gather
from tracker.models import ActivityGoal, LabReport, LabResult
from tracker.record import NUMBER_OF_QUERIES

TODAY = date(2026, 11, 21)  # a Saturday: the last complete weeks start 2 and 9 November


def add_report(user, day, fasting=True, **values):
    report = LabReport.objects.create(user=user, date=day, fasting=fasting)
    for key, value in values.items():
        LabResult.objects.create(
            user=user, report=report, test_key=key, value=value, value_typed=value, unit_typed="-"
        )
    return report


def weigh(user, start_kg, kg_per_day, days, end=TODAY):
    first = end - timedelta(days=days - 1)
    for i in range(days):
        WeightFactory(
            user=user, date=first + timedelta(days=i), weight_kg=start_kg + kg_per_day * i
        )


def facts_of(user):
    return gather(record_of(user, end=TODAY))


def test_an_empty_account_has_no_data_and_no_facts(alice):
    found = facts_of(alice)
    assert not found.has_any_data
    assert found.sex == "female"
    assert found.weight is found.activity is found.alcohol is found.alt is None
    assert notes_by_metric(record_of(alice, end=TODAY))["overview"][0].rule_id == "first_run"


def test_any_single_log_counts_as_data(alice):
    MealFactory(user=alice)
    assert facts_of(alice).has_any_data


def test_weight_progress_is_measured_from_the_first_weighing(alice):
    weigh(alice, 100.0, -0.1, 70)  # 100 kg down to 93.1 kg
    weight = facts_of(alice).weight
    assert weight.baseline_kg == 100.0
    assert weight.baseline_date == TODAY - timedelta(days=69)
    assert 5 < weight.lost_percent < 7  # the smoothed trend lags the last weighing a little
    assert weight.weekly_rate_kg == pytest.approx(-0.7, abs=0.05)
    assert not weight.pace_caution
    assert weight.next_milestone_percent == 7
    assert weight.next_milestone_kg == pytest.approx(93.0)
    assert weight.unit == "kg"


def test_the_current_weight_goal_sets_the_baseline(alice):
    weigh(alice, 100.0, -0.1, 30)
    weight_goal(alice, date(2026, 1, 1), baseline_date=date(2026, 1, 1), baseline_kg=110.0)
    weight = facts_of(alice).weight
    assert weight.baseline_kg == 110.0 and weight.baseline_date == date(2026, 1, 1)
    assert weight.lost_percent > 10


def test_a_sustained_fast_loss_sets_the_pace_caution(alice):
    weigh(alice, 100.0, -0.3, 40)  # 2.1 kg a week
    assert facts_of(alice).weight.pace_caution


def test_the_weight_unit_comes_from_the_profile(alice):
    alice.profile.weight_unit = "lb"
    weigh(alice, 100.0, -0.1, 10)
    assert facts_of(alice).weight.unit == "lb"


def test_activity_counts_the_last_two_complete_weeks_with_vigorous_minutes_doubled(alice):
    ExerciseFactory(user=alice, date=date(2026, 10, 20), minutes=300)  # long before
    ExerciseFactory(user=alice, date=date(2026, 11, 3), minutes=60, intensity="moderate")
    ExerciseFactory(user=alice, date=date(2026, 11, 5), minutes=20, intensity="vigorous")
    ExerciseFactory(user=alice, date=date(2026, 11, 6), minutes=45, intensity="light")
    ExerciseFactory(user=alice, date=date(2026, 11, 15), minutes=30)
    ExerciseFactory(user=alice, date=date(2026, 11, 18), minutes=500)  # this week: not yet
    activity = facts_of(alice).activity
    assert activity.goal_minutes == 150
    assert [(week.week_start, week.minutes) for week in activity.weeks] == [
        (date(2026, 11, 2), 100.0),
        (date(2026, 11, 9), 30.0),
    ]
    assert "activity_below_goal_2_weeks" in {
        note.rule_id for note in notes_by_metric(record_of(alice, end=TODAY))["exercise"]
    }


def test_the_activity_goal_comes_from_the_current_goal(alice):
    ExerciseFactory(user=alice, date=date(2026, 11, 3))
    ActivityGoal.objects.create(user=alice, minutes_per_week=200)
    assert facts_of(alice).activity.goal_minutes == 200


def test_weeks_before_the_first_exercise_are_left_out(alice):
    ExerciseFactory(user=alice, date=date(2026, 11, 12), minutes=20)
    assert [week.week_start for week in facts_of(alice).activity.weeks] == [date(2026, 11, 9)]


def test_no_exercise_ever_means_no_activity_facts(alice):
    WeightFactory(user=alice)
    assert facts_of(alice).activity is None


def test_alcohol_adds_up_the_last_7_days_at_14_g_a_drink(alice):
    CheckInFactory(user=alice, date=TODAY - timedelta(days=7), alcohol_drinks=9)  # day 8: out
    CheckInFactory(user=alice, date=TODAY - timedelta(days=6), alcohol_drinks=3)
    CheckInFactory(user=alice, date=TODAY - timedelta(days=2), alcohol_drinks="1.5")
    CheckInFactory(user=alice, date=TODAY, alcohol_drinks=0)
    alcohol = facts_of(alice).alcohol
    assert alcohol.drinks == 4.5 and alcohol.grams == 63.0 and alcohol.days_logged == 3


def test_no_recent_check_in_means_no_alcohol_facts(alice):
    CheckInFactory(user=alice, date=TODAY - timedelta(days=10), alcohol_drinks=20)
    assert facts_of(alice).alcohol is None


def test_labs_give_the_latest_alt_fib4_homa_ir_and_report_date(alice):
    alice.profile.date_of_birth = date(1970, 6, 1)
    add_report(alice, date(2025, 9, 1), alt=80, ast=40, platelets=200, glucose=90, insulin=5)
    add_report(alice, date(2026, 9, 1), alt=36, ast=30, platelets=180, glucose=110, insulin=12)
    add_report(alice, date(2026, 10, 1), hdl=45)
    found = facts_of(alice)
    assert (found.alt.value, found.alt.date) == (36, date(2026, 9, 1))
    assert found.last_lab_date == date(2026, 10, 1)
    # FIB-4 = 56 × 30 / (180 × √36) = 1.556: the indeterminate range.
    assert found.fib4.reading.value == pytest.approx(1.5556, abs=1e-3)
    assert found.fib4.category == "indeterminate" and found.fib4.age == 56
    assert found.homa_ir.value == pytest.approx(110 / 18.016 * 12 / 22.5)
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert [note.rule_id for note in notes["alt"]] == ["alt_above_limit"]
    assert [note.rule_id for note in notes["fib4"]] == ["fib4_indeterminate"]
    assert [note.rule_id for note in notes["homa_ir"]] == ["homa_ir_high"]
    assert "labs" not in notes  # the labs are recent


def test_without_a_date_of_birth_there_is_no_fib4(alice):
    add_report(alice, date(2026, 9, 1), alt=36, ast=30, platelets=180)
    assert facts_of(alice).fib4 is None


def test_homa_ir_skips_a_report_marked_not_fasting(alice):
    add_report(alice, date(2026, 9, 1), fasting=False, glucose=140, insulin=30)
    assert facts_of(alice).homa_ir is None


def test_the_metabolic_syndrome_count_uses_the_latest_values(alice):
    MeasurementFactory(user=alice, date=TODAY - timedelta(days=3), waist_cm=95)  # ≥88 women
    BloodPressureFactory(user=alice, date=TODAY - timedelta(days=2), systolic=135, diastolic=80)
    add_report(alice, date(2026, 10, 1), triglycerides=160, hdl=55, glucose=95)
    syndrome = facts_of(alice).metabolic_syndrome
    assert syndrome.met == ("Waist circumference", "Triglycerides", "Blood pressure")
    assert (syndrome.total, syndrome.needed) == (5, 3)
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert notes["metabolic_syndrome"][0].rule_id == "metabolic_syndrome_met"


def test_old_labs_bring_the_reminder(alice):
    add_report(alice, TODAY - timedelta(days=200), alt=20)
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert [note.rule_id for note in notes["labs"]] == ["no_recent_labs"]


def test_another_persons_data_never_enters_the_facts(alice, bob):
    weigh(bob, 100.0, -0.3, 40)
    add_report(bob, date(2026, 10, 1), alt=90)
    CheckInFactory(user=bob, date=TODAY, alcohol_drinks=20)
    ExerciseFactory(user=bob, date=date(2026, 11, 3))
    found = facts_of(alice)
    assert not found.has_any_data
    assert found.weight is found.alt is found.alcohol is found.activity is None


def test_the_facts_take_a_bounded_number_of_queries(alice, django_assert_max_num_queries):
    alice.profile.date_of_birth = date(1970, 6, 1)
    weigh(alice, 100.0, -0.1, 200)
    for day in range(1, 60):
        CheckInFactory(user=alice, date=TODAY - timedelta(days=day))
        ExerciseFactory(user=alice, date=TODAY - timedelta(days=day))
    for month in range(1, 10):
        add_report(alice, date(2026, month, 1), alt=30, ast=25, platelets=200, glucose=95)
    with django_assert_max_num_queries(NUMBER_OF_QUERIES):
        record = record_of(alice, end=TODAY)
    with django_assert_max_num_queries(0):
        gather(record)


# --- The demo account -----------------------------------------------------------------------


def test_the_demo_account_gets_the_expected_notes(db):
    user = demo.seed(TODAY)
    found = facts_of(user)
    # The demo's labs (tracker/demo_labs.py) end with a normal ALT, a low FIB-4 and a
    # HOMA-IR under 2.5, two weeks ago; they were read, and none of them brings a note.
    assert found.alt.value == 24 and found.fib4.category == "low" and found.homa_ir.value < 2.5
    assert (TODAY - found.last_lab_date).days < 30
    notes = notes_by_metric(record_of(user, end=TODAY))
    # Alex lost about 9 % over the year, at a gentle pace by the end; walks and cycles well
    # past 150 minutes a week and drinks at most a drink a day: a note on the weight. A BMI
    # still above 25 and some fat on the FibroScan bring the body-size, CAP and MASLD notes.
    assert {metric: [note.rule_id for note in group] for metric, group in notes.items()} == {
        "weight": ["weight_between_milestones"],
        "cap": ["cap_fat"],
        "masld_risk": ["masld_criteria_met"],
        "bmi": ["bmi_above_cutoff"],
    }
    assert re.search(r"\b[89]\.\d % \(", notes["weight"][0].text)


# --- Facts for the newer rules --------------------------------------------------------------


def test_labs_imaging_blood_pressure_and_sleep_are_read_for_the_rules(alice):
    alice.profile.date_of_birth = date(1970, 6, 1)
    alice.profile.lab_units = "mmol/L"
    add_report(alice, date(2026, 9, 1), lsm=9.5, cap=300, triglycerides=180, hdl=45, glucose=130)
    add_report(alice, date(2026, 10, 1), lsm=7.0, hba1c=6.0)
    BloodPressureFactory(user=alice, date=TODAY - timedelta(days=2), systolic=142, diastolic=91)
    for day in range(4):
        CheckInFactory(user=alice, date=TODAY - timedelta(days=day), sleep_hours=6)
    found = facts_of(alice)
    assert (found.lsm.value, found.lsm.date) == (7.0, date(2026, 10, 1))  # the newest
    assert found.cap.value == 300
    assert found.glucose.value == 130 and found.hba1c.value == 6.0
    assert found.triglycerides.value == 180 and found.hdl.value == 45
    assert (found.blood_pressure.systolic, found.blood_pressure.diastolic) == (142, 91)
    assert found.sleep.average_hours == 6 and found.sleep.nights == 4
    assert "glucose" in found.si
    assert found.masld.met_count >= 2
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert [n.rule_id for n in notes["blood_pressure"]] == ["blood_pressure_stage_2"]
    assert "7.2 mmol/L" in notes["glucose"][0].text  # 130 mg/dL in the person's SI units


def test_a_latest_result_given_as_a_bound_keeps_its_sign_in_the_notes(alice):
    """FibroScan gives "> 75 kPa" at the top of its range and a lab "< 8": the notes read
    them as bounds, not as the numbers 75 and 8 (an LSM of exactly 8 is indeterminate)."""
    report = add_report(alice, date(2026, 9, 1), lsm=75.0)
    LabResult.objects.filter(report=report).update(qualifier=">")
    found = facts_of(alice)
    assert (found.lsm.value, found.lsm.qualifier) == (75.0, ">")
    notes = notes_by_metric(record_of(alice, end=TODAY))
    texts = [n.text for n in notes["lsm"] if n.rule_id == "lsm_high"]
    assert texts and "> 75.0 kPa" in texts[0]
    report = add_report(alice, date(2026, 10, 1), lsm=8.0)
    LabResult.objects.filter(report=report).update(qualifier="<")
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert not {n.rule_id for n in notes.get("lsm", [])} & {"lsm_indeterminate", "lsm_high"}


def test_a_glucose_from_a_report_not_fasting_brings_no_diabetes_note(alice):
    add_report(alice, date(2026, 9, 1), fasting=False, glucose=200)
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert "glucose" not in notes


def test_conditions_come_from_the_profile_and_the_medicines(alice):
    from tests.factories import MedicationFactory

    alice.profile.diagnosis = "type2"
    MedicationFactory(user=alice, name="ramipril", start_date=date(2025, 1, 1))
    WeightFactory(user=alice, date=TODAY)
    found = facts_of(alice)
    assert found.conditions.diabetes and found.conditions.on("blood_pressure")
    notes = notes_by_metric(record_of(alice, end=TODAY))
    assert "diabetes_check_fib4" in {n.rule_id for n in notes["labs"]}
