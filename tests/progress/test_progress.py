"""The dashboard glue: what it loads, how many queries that takes, and which goal applies."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CheckInFactory,
    ExerciseFactory,
    MealFactory,
    MeasurementFactory,
    MedicationFactory,
    WeightFactory,
    record_of,
    weight_goal,
)
from tracker.models import ActivityGoal, LabReport, LabResult, Meal, WeightEntry, WeightGoal
from tracker.models.version import version_of
from tracker.progress import board as progress

TODAY = dt.date(2026, 11, 20)  # a Friday


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def log_days(user, days):
    """One of each daily log per day for `days` days up to TODAY."""
    for n in range(days):
        WeightFactory(user=user, date=days_ago(n), weight_kg=90 + n * 0.02)
        ExerciseFactory(user=user, date=days_ago(n), minutes=30)
        CheckInFactory(user=user, date=days_ago(n))
        MealFactory(user=user, date=days_ago(n), fibre_g=8)
        if n % 7 == 0:
            MeasurementFactory(user=user, date=days_ago(n))


def lab(user, day, fasting=True, **values):
    report = LabReport.objects.create(user=user, date=day, fasting=fasting)
    for key, value in values.items():
        LabResult.objects.create(
            user=user, report=report, test_key=key, value=value, value_typed=value, unit_typed="x"
        )


def build(user, key="3m", **kwargs):
    record = record_of(user, *progress.period_for(key, TODAY))
    return progress.build(record, key, **kwargs)


def count_queries(user, key):
    with CaptureQueriesContext(connection) as queries:
        build(user, key)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_data(alice, bob):
    log_days(alice, 5)
    log_days(bob, 120)
    assert count_queries(alice, "all") == count_queries(bob, "all")
    assert count_queries(alice, "4w") == count_queries(bob, "4w")
    # A period first asks for each test's latest lab date before it (its look-back).
    assert count_queries(bob, "4w") == count_queries(bob, "all") + 1


def test_lab_charts_cost_a_fixed_number_of_queries_however_many_tests(alice, bob):
    log_days(alice, 3)
    log_days(bob, 3)
    lab(alice, days_ago(10), alt=40)
    for n in range(6):
        lab(bob, days_ago(10 + n), alt=40, ast=30, platelets=200, glucose=100, insulin=12)
    assert count_queries(alice, "3m") == count_queries(bob, "3m")


def test_the_record_holds_the_profile_as_plain_data_not_the_model(alice):
    import dataclasses

    from tracker.models import Profile
    from tracker.record import ProfileRow

    alice.profile.sex, alice.profile.date_of_birth = "female", dt.date(1970, 11, 21)
    alice.profile.lipid_lowering = "no"
    profile = record_of(alice).profile
    assert isinstance(profile, ProfileRow) and not isinstance(profile, Profile)
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.weight_unit = "lb"
    assert (profile.sex, profile.sex_label, profile.weight_unit) == ("female", "Female", "kg")
    assert profile.age_on(TODAY) == 55  # her birthday is tomorrow
    assert profile.stated_treatments()["lipid_lowering"] == "no"


def test_an_empty_account_is_a_first_run(alice):
    assert not record_of(alice).has_any_data
    board = build(alice)
    assert board.sections == []
    assert not board.has_weight


def test_goals_alone_do_not_end_the_first_run(alice):
    ActivityGoal.objects.create(user=alice)
    assert not record_of(alice).has_any_data
    CheckInFactory(user=alice, date=days_ago(400))
    assert record_of(alice).has_any_data


@pytest.mark.parametrize(
    "change",
    [
        lambda user, entry: WeightFactory(user=user, date=days_ago(1)),
        lambda user, entry: entry.delete(),
        lambda user, entry: (setattr(entry, "weight_kg", 70), entry.save()),
        lambda user, entry: WeightGoal.objects.create(
            user=user, baseline_date=days_ago(5), baseline_kg=90, target_percent=5
        ),
        lambda user, entry: lab(user, days_ago(3), alt=30),
        lambda user, entry: LabResult.objects.create(
            user=user,
            report=LabReport.objects.get(user=user),
            test_key="ast",
            value=20,
            value_typed=20,
            unit_typed="U/L",
        ),
    ],
    ids=["add", "delete", "edit", "goal", "lab report", "lab result"],
)
def test_the_data_version_moves_on_every_change(alice, bob, change):
    entry = WeightFactory(user=alice, date=days_ago(0))
    lab(alice, days_ago(10), alt=40)
    WeightFactory(user=bob, date=days_ago(0))
    before = version_of(alice)
    change(alice, entry)
    assert version_of(alice) != before


def test_another_persons_entries_leave_the_version_alone(alice, bob):
    WeightFactory(user=alice, date=days_ago(0))
    before = version_of(alice)
    WeightFactory(user=bob, date=days_ago(0))
    lab(bob, days_ago(2), alt=50)
    LabResult.objects.filter(user=bob).update(value=51)
    assert version_of(alice) == before


def test_editing_a_lab_value_moves_the_version(alice):
    lab(alice, days_ago(10), alt=40)
    before = version_of(alice)
    LabResult.objects.filter(user=alice).update(value=41)
    assert version_of(alice) != before


@pytest.mark.parametrize(
    "write",
    [
        lambda user: Meal.objects.bulk_create(
            [Meal(user=user, date=days_ago(2), meal="lunch", description="Soup")]
        ),
        lambda user: WeightEntry.objects.bulk_update(
            [(entry := WeightEntry.objects.get(user=user), setattr(entry, "weight_kg", 71))[0]],
            ["weight_kg"],
        ),
        lambda user: WeightEntry.objects.filter(user=user).delete(),
        lambda user: LabReport.objects.filter(user=user).first().results.all().delete(),
    ],
    ids=["bulk create", "bulk update", "queryset delete", "related delete"],
)
def test_bulk_writes_move_the_version_too(alice, write):
    WeightFactory(user=alice, date=days_ago(0))
    lab(alice, days_ago(10), alt=40)
    before = version_of(alice)
    write(alice)
    assert version_of(alice) != before


def test_the_baseline_defaults_to_the_first_weighing(alice):
    WeightFactory(user=alice, date=days_ago(30), weight_kg=100)
    WeightFactory(user=alice, date=days_ago(0), weight_kg=96)
    baseline = build(alice).stats[0]
    assert (baseline.label, baseline.value) == ("Baseline", "100.0 kg")
    assert "your first weighing" in baseline.detail


def test_a_chosen_baseline_and_target_drive_the_milestones(alice):
    # An old low long before the baseline, then a regain to 100 kg.
    WeightFactory(user=alice, date=days_ago(200), weight_kg=80)
    WeightFactory(user=alice, date=days_ago(120), weight_kg=100)
    WeightFactory(user=alice, date=days_ago(30), weight_kg=100)
    WeightFactory(user=alice, date=days_ago(0), weight_kg=97)
    weight_goal(alice, days_ago(30), baseline_date=days_ago(30), baseline_kg=100, target_kg=85)
    board = build(alice)
    view = progress.weight_view(board.record)
    # The 80 kg low before the baseline does not count as reaching any milestone.
    assert not any(m.reached for m in view.progress.milestones)
    assert [round(m.target_kg, 1) for m in view.progress.milestones] == [95, 93, 90, 85]
    stats = {s.label: s for s in board.stats}
    assert stats["Baseline"].value == "100.0 kg"
    assert stats["Your target"].value == "85.0 kg"
    assert board.chart("weight") is not None


def test_a_recent_baseline_keeps_the_weekly_rate_and_its_caution(alice):
    # Losing 1.2 kg a week for 8 weeks; the baseline was chosen 3 days ago.
    for n in range(57):
        WeightFactory(user=alice, date=days_ago(n), weight_kg=90 + n * 1.2 / 7)
    weight_goal(alice, days_ago(3), baseline_date=days_ago(3), baseline_kg=90.5)
    stats = {s.label: s for s in build(alice).stats}
    assert stats["Weekly rate"].value == "−1.2 kg"
    assert "over the last 14 days" in stats["Weekly rate"].detail
    assert stats["Weekly rate"].caution


def test_no_projected_date_when_the_latest_weighing_is_old(alice):
    WeightFactory(user=alice, date=days_ago(60), weight_kg=100)
    WeightFactory(user=alice, date=days_ago(15), weight_kg=98)
    stats = {s.label: s for s in build(alice).stats}
    assert "projected around" not in stats["Next milestone"].detail
    assert "more than two weeks old" in stats["Next milestone"].detail


def test_a_projection_counts_from_today(alice):
    # 0.1 kg a day from 100: the trend is near 98.7 kg ten days ago, and keeps that slope.
    for n in range(10, 60):
        WeightFactory(user=alice, date=days_ago(n), weight_kg=100 - (59 - n) * 0.1)
    view = progress.weight_view(record_of(alice, end=TODAY))
    upcoming = view.progress.next_milestone
    days = (upcoming.projected_on - TODAY).days
    assert days > 0 and upcoming.projected_on > TODAY
    assert days == pytest.approx(upcoming.distance_kg / -view.progress.daily_slope, abs=1)


def test_a_custom_percentage_is_a_target_of_its_own(alice):
    WeightFactory(user=alice, date=days_ago(10), weight_kg=100)
    WeightFactory(user=alice, date=days_ago(0), weight_kg=99)
    weight_goal(alice, days_ago(10), baseline_date=days_ago(10), baseline_kg=100, target_percent=8)
    stats = {s.label: s for s in build(alice).stats}
    assert stats["Your target"].value == "92.0 kg"


def test_header_speaks_the_persons_weight_unit(alice):
    alice.profile.weight_unit = "lb"
    alice.profile.save()
    WeightFactory(user=alice, date=days_ago(10), weight_kg=100)
    WeightFactory(user=alice, date=days_ago(0), weight_kg=98)
    assert build(alice).stats[0].value == "220.5 lb"


def test_each_week_is_measured_against_the_activity_goal_that_applied_then(alice):
    log_days(alice, 28)  # from Friday 23 Oct, so the week of 19 Oct is on the record
    old = ActivityGoal.objects.create(user=alice, minutes_per_week=100)
    new = ActivityGoal.objects.create(user=alice, minutes_per_week=300)
    ActivityGoal.objects.filter(pk=old.pk).update(
        created_at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
    )
    ActivityGoal.objects.filter(pk=new.pk).update(
        created_at=dt.datetime(2026, 11, 12, 12, tzinfo=dt.UTC)
    )
    rows = build(alice, "4w").chart("activity").table.rows
    # Weeks of 19 Oct (before any goal: the guideline 150), 26 Oct, 2 Nov (goal set on
    # Sunday 1 Nov applies to the week it ends), 9 Nov (300 set on Thursday 12 Nov), 16 Nov.
    assert [(row[0], row[5]) for row in rows] == [
        ("19 Oct 2026", "150"),
        ("26 Oct 2026", "100"),
        ("2 Nov 2026", "100"),
        ("9 Nov 2026", "300"),
        ("16 Nov 2026", "300"),
    ]


def test_charts_without_data_in_the_range_are_listed_not_drawn(alice):
    WeightFactory(user=alice, date=days_ago(0))
    MeasurementFactory(user=alice, date=days_ago(200))
    board = build(alice, "3m")
    assert board.chart("waist") is None
    assert "Waist" in board.not_in_range
    assert build(alice, "1y").chart("waist") is not None


def test_lab_charts_only_for_tests_with_two_results_and_not_for_non_fasting_glucose(alice):
    WeightFactory(user=alice, date=days_ago(0))
    lab(alice, days_ago(40), alt=50, ast=33)
    lab(alice, days_ago(20), alt=44, ast=30, ggt=41)
    lab(alice, days_ago(10), fasting=False, glucose=160)
    lab(alice, days_ago(300), hba1c=6.0)
    board = build(alice, "3m")
    keys = [c.key for s in board.sections for c in s.charts if c.key.startswith("lab-")]
    assert keys == ["lab-alt", "lab-ast"]
    # One result in the range: a row of the "latest results" table, not a lone dot.
    assert [(lab.name, lab.day, lab.value) for lab in board.latest_labs] == [
        ("GGT", days_ago(20), "41 U/L")
    ]
    assert board.older_labs == ["HbA1c"]
    assert board.chart("index-ast_alt_ratio") is not None


def test_fib4_is_charted_when_its_inputs_exist(alice):
    alice.profile.date_of_birth = dt.date(1970, 1, 1)
    alice.profile.save()
    WeightFactory(user=alice, date=days_ago(0))
    lab(alice, days_ago(20), alt=44, ast=30, platelets=200)
    chart = build(alice, "3m").chart("index-fib4")
    assert chart is not None
    assert chart.table.rows[0][1] == "1.27"  # 56 × 30 / (200 × √44)


def test_every_chart_marks_a_medication_started_in_its_dates(alice):
    log_days(alice, 30)
    lab(alice, days_ago(20), alt=44, ast=30)
    MedicationFactory(user=alice, name="Metformin", dose="500 mg", start_date=days_ago(14))
    MedicationFactory(user=alice, name="Old pill", start_date=days_ago(400))
    built = [c for s in build(alice, "3m").sections for c in s.charts]
    assert len(built) >= 8
    for chart in built:
        texts = [a["text"] for a in chart.spec["layout"].get("annotations", ())]
        assert texts.count("Metformin started") == 1, chart.key
        assert any(n.startswith("Metformin 500 mg started on") for n in chart.notes), chart.key
        assert not any("Old pill" in t for t in texts), chart.key


def test_weeks_before_the_first_entry_are_not_counted_as_missed(alice):
    ExerciseFactory(user=alice, date=days_ago(3), minutes=200)
    chart = build(alice, "3m").chart("activity")
    assert [row[0] for row in chart.table.rows] == ["16 Nov 2026"]
    assert "Goal met in" not in chart.summary
    # This week has not ended: it is given as it stands, not counted as met or missed.
    assert chart.summary == "Week of 16 Nov, so far (to 20 Nov): 200 of 150 minutes."


def test_weeks_without_activity_after_the_first_entry_count(alice):
    WeightFactory(user=alice, date=days_ago(40), weight_kg=90)
    ExerciseFactory(user=alice, date=days_ago(3), minutes=200)
    chart = build(alice, "4w").chart("activity")
    assert len(chart.table.rows) == 5  # 19 Oct to 16 Nov: four weeks with no activity
    # The 200 minutes are this week's, which has not ended: four complete weeks are counted.
    assert chart.summary.startswith("Goal met in 0 of 4 complete weeks. Week of 16 Nov, so far")


@pytest.mark.parametrize("key", list(progress.RANGES))
def test_every_range_builds(alice, key):
    log_days(alice, 10)
    board = build(alice, key)
    assert board.range_key == key
    assert board.window.end == TODAY


def test_an_unknown_range_falls_back_to_the_default():
    assert progress.range_key("10y") == progress.DEFAULT_RANGE
    assert progress.range_key(None) == progress.DEFAULT_RANGE


def test_a_result_given_as_a_bound_stays_a_bound_on_the_dashboard(alice):
    WeightFactory(user=alice, date=days_ago(0))
    lab(alice, days_ago(40), alt=50, ggt=30)
    lab(alice, days_ago(20), alt=5)
    LabResult.objects.filter(test_key="alt", value=5).update(qualifier="<")
    LabResult.objects.filter(test_key="ggt").update(qualifier=">")
    board = build(alice, "3m")
    chart = board.chart("lab-alt")
    assert list(trace_named(chart, "ALT").y) == [50.0]
    bound = trace_named(chart, "Below the lab's limit (the value is under the bound)")
    assert list(bound.customdata) == ["< 5 U/L"]
    assert [(lab.name, lab.value) for lab in board.latest_labs] == [("GGT", "> 30 U/L")]


def trace_named(chart, name):
    return next(t for t in chart.figure.data if t.name == name)
