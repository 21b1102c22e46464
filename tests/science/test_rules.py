"""The domain rules, each limit tried on both sides of its edge. Pure: no database."""

import datetime as dt
from decimal import Decimal

import pytest

from tracker.science import labs, rules

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("rule", "inside", "outside"),
    [
        (rules.WEIGHT_KG, (20, 350), (19.99, 350.01)),
        (rules.SLEEP_HOURS, (0, 24), (-0.1, 24.1)),
        (rules.GOAL_MINUTES_PER_WEEK, (10, 1500), (9, 1501)),
        (rules.GOAL_STRENGTH_DAYS, (0, 7), (-1, 8)),
        (rules.TARGET_PERCENT, (1, 40), (0.9, 40.1)),
        (rules.DIASTOLIC, (30, 160), (29, 161)),
    ],
)
def test_a_range_holds_its_ends_and_refuses_just_past_them(rule, inside, outside):
    assert all(rule.problem(value) is None for value in inside)
    assert all(rule.problem(value) == rule.message() for value in outside)


def test_a_typed_measure_is_held_in_its_own_unit_with_limits_rounded_inward():
    assert rules.WEIGHT_KG.problem(Decimal("44.1"), "lb") is None  # 20.0 kg
    assert rules.WEIGHT_KG.problem(Decimal("44.0"), "lb") == (
        "Enter a weight between 44.1 and 771.6 lb."
    )
    assert rules.HEIGHT_CM.problem(70, "in") is None


def test_a_percent_unit_is_named_in_the_message():
    assert rules.BODY_FAT_PERCENT.message() == "Enter body fat between 3 and 70 %."


@pytest.mark.parametrize(
    ("day", "born", "problem"),
    [
        (dt.date(1900, 1, 1), None, None),
        (dt.date(1899, 12, 31), None, "The date 1899-12-31 is before 1900: check the year."),
        (dt.date(1, 1, 1), None, "The date 0001-01-01 is before 1900: check the year."),
        (dt.date(1980, 5, 1), dt.date(1980, 5, 1), None),
        (
            dt.date(1980, 4, 30),
            dt.date(1980, 5, 1),
            "The date 30 Apr 1980 is before your date of birth (1 May 1980).",
        ),
        (TODAY, None, None),
        (
            TODAY + dt.timedelta(days=1),
            None,
            "The date cannot be in the future (today is 21 Nov 2026).",
        ),
    ],
)
def test_a_logged_date_runs_from_1900_and_the_birth_date_to_today(day, born, problem):
    assert rules.date_problem(day, today=TODAY, born=born) == problem


def test_a_birth_date_is_in_the_past_120_years():
    assert rules.birth_date_problem(dt.date(1906, 1, 1), TODAY) is None
    assert rules.birth_date_problem(dt.date(1905, 12, 31), TODAY) is not None
    assert rules.birth_date_problem(TODAY, TODAY) is None
    assert rules.birth_date_problem(dt.date(9999, 12, 31), TODAY) is not None


def test_a_target_date_comes_after_the_baseline_and_within_ten_years():
    start = dt.date(2024, 2, 29)
    assert rules.target_date_problem(start, start) is not None
    assert rules.target_date_problem(start, dt.date(2034, 2, 28)) is None
    assert rules.target_date_problem(start, dt.date(2034, 3, 1)).startswith("Choose a target")
    assert rules.target_date_problem(start, dt.date(9999, 12, 31)) is not None


def test_pairs_diastolic_below_systolic_and_a_stop_after_the_start():
    assert rules.blood_pressure_problem(120, 119) is None
    assert rules.blood_pressure_problem(120, 120) is not None
    assert rules.stop_date_problem(TODAY, TODAY) is None
    assert rules.stop_date_problem(TODAY, TODAY - dt.timedelta(days=1)) is not None


def test_a_lab_value_outside_what_a_lab_reports_names_the_limits_in_the_typed_unit():
    alt = labs.get("alt")
    assert rules.lab_value_problem(alt, 5000, "U/L") is None
    assert "between 1 and 5000 U/L" in rules.lab_value_problem(alt, 5001, "U/L")
    grade = labs.get("ultrasound_grade")
    assert rules.lab_value_problem(grade, Decimal("1.5"), "grade").startswith("Enter the grade")
    assert rules.lab_range_problem(7, 7) is not None
    assert rules.lab_range_problem(7, 8) is None


def test_shifting_a_date_never_overflows():
    assert rules.shift(dt.date(1, 1, 1), -30) == dt.date.min
    assert rules.shift(dt.date(9999, 12, 31), 30) == dt.date.max
    assert rules.shift(dt.date(2000, 1, 31), 1) == dt.date(2000, 2, 1)
