"""Unit tests of the pure trend engine (no database)."""

import datetime as dt

import pytest

from tracker.science.trends import (
    PROJECTION_HORIZON_DAYS,
    RATE_WINDOW_DAYS,
    CheckInRec,
    DayWeight,
    DietScore,
    ExerciseRec,
    MealRec,
    Pace,
    TrendPoint,
    classify_pace,
    daily_series,
    progress,
    smoothed_trend,
    week_start,
    weekly_rate,
    weekly_summaries,
)

D0 = dt.date(2025, 1, 1)
MONDAY = dt.date(2025, 3, 3)
SUNDAY = dt.date(2025, 3, 9)
NEXT_MONDAY = dt.date(2025, 3, 10)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def linear_trend(start_kg: float, per_day: float, n: int) -> list[TrendPoint]:
    return [TrendPoint(day(i), start_kg + per_day * i) for i in range(n)]


def trend_of(*kgs: float) -> list[TrendPoint]:
    return [TrendPoint(day(i), kg) for i, kg in enumerate(kgs)]


# --- daily series ---------------------------------------------------------------------


def test_empty_input_gives_empty_series():
    assert daily_series([]) == []
    assert smoothed_trend([]) == []


def test_a_single_weighing_is_a_one_day_series():
    assert daily_series([(D0, 82.4)]) == [DayWeight(D0, 82.4, interpolated=False)]
    assert smoothed_trend(daily_series([(D0, 82.4)])) == [TrendPoint(D0, 82.4)]


def test_a_three_day_gap_is_interpolated_and_marked():
    series = daily_series([(day(0), 80.0), (day(4), 82.0)])
    # 2 kg over 4 days = 0.5 kg a day: 80.5, 81.0, 81.5 on the three missing days.
    assert series == [
        DayWeight(day(0), 80.0, False),
        DayWeight(day(1), 80.5, True),
        DayWeight(day(2), 81.0, True),
        DayWeight(day(3), 81.5, True),
        DayWeight(day(4), 82.0, False),
    ]


def test_unsorted_input_is_put_in_date_order():
    series = daily_series([(day(1), 79.0), (day(0), 80.0)])
    assert [(d.date, d.kg) for d in series] == [(day(0), 80.0), (day(1), 79.0)]


def test_a_duplicate_date_keeps_the_first_entry_given():
    series = daily_series([(day(1), 79.0), (day(0), 80.0), (day(1), 90.0)])
    assert series[1] == DayWeight(day(1), 79.0, False)


# --- trend ----------------------------------------------------------------------------


def test_the_trend_of_a_constant_series_is_a_plateau():
    trend = smoothed_trend(daily_series([(day(i), 90.0) for i in range(20)]))
    assert [p.kg for p in trend] == [90.0] * 20
    result = progress(trend, baseline_kg=90.0)
    assert result.weekly_rate_kg == pytest.approx(0.0)
    assert result.pace is Pace.STABLE
    assert not result.pace_caution
    assert result.implied_daily_energy_kcal == pytest.approx(0.0)
    assert [m.projected_on for m in result.milestones] == [None, None, None]


def test_a_falling_series_trend_by_hand():
    trend = smoothed_trend(daily_series([(day(0), 100.0), (day(1), 99.0), (day(2), 98.0)]))
    # T0 = 100
    # T1 = 100 + 0.1 × (99 − 100)   = 99.9
    # T2 = 99.9 + 0.1 × (98 − 99.9) = 99.71
    assert [p.kg for p in trend] == pytest.approx([100.0, 99.9, 99.71])
    assert [p.date for p in trend] == [day(0), day(1), day(2)]


def test_interpolated_days_take_part_in_the_trend():
    trend = smoothed_trend(daily_series([(day(0), 100.0), (day(2), 98.0)]))
    # Day 1 is interpolated at 99: T1 = 99.9, T2 = 99.9 + 0.1 × (98 − 99.9) = 99.71
    assert [p.kg for p in trend] == pytest.approx([100.0, 99.9, 99.71])


@pytest.mark.parametrize("factor", [0, -0.1, 1.5])
def test_a_smoothing_factor_outside_zero_to_one_is_refused(factor):
    with pytest.raises(ValueError):
        smoothed_trend([DayWeight(D0, 80.0)], factor=factor)


# --- rate -----------------------------------------------------------------------------


def test_the_weekly_rate_of_a_linear_trend_is_its_slope_times_seven():
    # −0.1 kg a day × 7 = −0.7 kg a week
    assert weekly_rate(linear_trend(90.0, -0.1, 20)) == pytest.approx(-0.7)


def test_the_weekly_rate_uses_only_the_last_14_values():
    # 10 flat days, then 14 days falling 0.2 kg a day: only the fall counts → −1.4 kg/week.
    flat = [TrendPoint(day(i), 100.0) for i in range(10)]
    falling = [TrendPoint(day(10 + i), 100.0 - 0.2 * i) for i in range(14)]
    assert weekly_rate(flat + falling) == pytest.approx(-1.4)


def test_with_fewer_than_14_values_the_rate_uses_what_there_is():
    # two values a day apart, 0.3 kg lower → −0.3 kg/day → −2.1 kg/week
    assert weekly_rate(trend_of(80.0, 79.7)) == pytest.approx(-2.1)


def test_a_single_value_has_no_rate():
    assert weekly_rate(trend_of(80.0)) is None
    result = progress(trend_of(80.0), baseline_kg=80.0)
    assert result.weekly_rate_kg is None
    assert result.pace is None
    assert result.implied_daily_energy_kcal is None


# --- progress and milestones ----------------------------------------------------------


def test_progress_reports_the_change_from_baseline():
    result = progress(trend_of(100.0, 96.0), baseline_kg=100.0)
    assert result.as_of == day(1)
    assert result.current_kg == 96.0
    assert result.change_kg == pytest.approx(-4.0)
    assert result.change_percent == pytest.approx(-4.0)
    assert result.lost_percent == pytest.approx(4.0)


def test_progress_needs_a_trend_and_a_positive_baseline():
    with pytest.raises(ValueError):
        progress([], baseline_kg=100.0)
    with pytest.raises(ValueError):
        progress(trend_of(100.0), baseline_kg=0)


def test_a_trend_exactly_at_the_target_counts_as_reached():
    # baseline 100 → 5 % line at 95.0; the trend touches 95.0 on day 2, then drifts up.
    result = progress(trend_of(100.0, 97.0, 95.0, 95.5), baseline_kg=100.0)
    five = result.milestones[0]
    assert (five.percent, five.target_kg) == (5.0, 95.0)
    assert five.reached_on == day(2)
    assert five.distance_kg == pytest.approx(0.5)  # regained since; still shown as reached
    assert five.projected_on is None  # a reached milestone is not projected
    assert result.next_milestone.percent == 7.0


def test_a_trend_just_above_the_target_is_not_reached():
    result = progress(trend_of(100.0, 95.001), baseline_kg=100.0)
    assert result.milestones[0].reached_on is None
    assert result.milestones[0].distance_kg == pytest.approx(0.001)
    assert result.next_milestone.percent == 5.0


def test_milestones_are_projected_from_the_daily_slope():
    # 14 days falling 0.1 kg a day from 100: last value 98.7 on day 13.
    # 5 %  → 95: (98.7 − 95) / 0.1 = 37 days → day 50
    # 7 %  → 93: 5.7 / 0.1 = 57 days → day 70
    # 10 % → 90: 8.7 / 0.1 = 87 days → day 100
    result = progress(linear_trend(100.0, -0.1, 14), baseline_kg=100.0)
    assert [m.target_kg for m in result.milestones] == [95.0, 93.0, 90.0]
    assert [m.distance_kg for m in result.milestones] == pytest.approx([3.7, 5.7, 8.7])
    assert [m.projected_on for m in result.milestones] == [day(50), day(70), day(100)]


def test_a_period_already_over_keeps_its_figures_and_projects_nothing():
    result = progress(linear_trend(100.0, -0.1, 14), baseline_kg=100.0)
    ended = result.as_of_period_end()
    assert ended.ended and not result.ended
    assert all(m.projected_on is None for m in ended.milestones)
    assert [m.distance_kg for m in ended.milestones] == [m.distance_kg for m in result.milestones]
    assert (ended.current_kg, ended.weekly_rate_kg) == (result.current_kg, result.weekly_rate_kg)


def test_a_projection_rounds_up_to_a_whole_day():
    # 0.5 kg to go at 0.2 kg a day = 2.5 days → 3 days after the last value.
    result = progress(trend_of(95.7, 95.5), baseline_kg=100.0, targets_percent=(5,))
    assert result.milestones[0].projected_on == day(1 + 3)


def test_a_rising_trend_gives_no_projection_for_loss_milestones():
    result = progress(linear_trend(98.0, 0.05, 14), baseline_kg=100.0)
    assert result.pace is Pace.GAINING
    assert all(m.projected_on is None for m in result.milestones)
    assert all(m.reached_on is None for m in result.milestones)


# Slope 1/64 kg a day and targets in binary fractions, so the day counts are exact.
SLOW_TREND = trend_of(100.0, 100.0 - 1 / 64)  # last value 99.984375 on day 1


def test_a_projection_exactly_three_years_away_is_kept():
    # 1095 days × 1/64 kg = 17.109375 kg below the last value
    goal = 99.984375 - PROJECTION_HORIZON_DAYS / 64
    result = progress(SLOW_TREND, baseline_kg=100.0, targets_percent=(), target_kg=goal)
    assert result.milestones[0].projected_on == day(1 + 1095)


def test_a_projection_beyond_three_years_is_dropped():
    goal = 99.984375 - (PROJECTION_HORIZON_DAYS + 1) / 64  # 1096 days away
    result = progress(SLOW_TREND, baseline_kg=100.0, targets_percent=(), target_kg=goal)
    assert result.milestones[0].projected_on is None


def test_projections_run_from_today_not_from_the_last_weighing():
    # 14 days falling 0.1 kg a day: 98.7 on day 13; 5 % (95) is 37 days away at that rate.
    trend = linear_trend(100.0, -0.1, 14)
    result = progress(trend, baseline_kg=100.0, targets_percent=(5,), today=day(20))
    assert result.milestones[0].projected_on == day(20 + 37)
    assert not result.stale


@pytest.mark.parametrize(("days_old", "stale"), [(14, False), (15, True)])
def test_no_projection_once_the_latest_weighing_is_over_14_days_old(days_old, stale):
    trend = linear_trend(100.0, -0.1, 14)
    result = progress(trend, baseline_kg=100.0, targets_percent=(5,), today=day(13 + days_old))
    assert result.stale is stale
    assert (result.milestones[0].projected_on is None) is stale
    assert result.weekly_rate_kg == pytest.approx(-0.7)  # the rate itself is still shown


def test_the_horizon_counts_from_today():
    goal = 99.984375 - PROJECTION_HORIZON_DAYS / 64  # 1095 days at 1/64 kg a day
    result = progress(
        SLOW_TREND, baseline_kg=100.0, targets_percent=(), target_kg=goal, today=day(10)
    )
    assert result.milestones[0].projected_on == day(10 + 1095)


def test_a_recent_baseline_does_not_cut_the_rate():
    # Losing 1.0 kg a week for weeks; the baseline was set 3 days ago.
    trend = linear_trend(100.0, -1 / 7, 60)
    result = progress(trend, baseline_kg=trend[-4].kg, baseline_date=day(56))
    assert result.rate_days == RATE_WINDOW_DAYS
    assert result.weekly_rate_kg == pytest.approx(-1.0)
    faster = progress(linear_trend(100.0, -1.2 / 7, 60), baseline_kg=95.0, baseline_date=day(56))
    assert faster.pace is Pace.TOO_FAST and faster.pace_caution


def test_milestones_count_only_from_the_baseline_date():
    # The trend dipped to 94 before the baseline (day 2) and is back at 99.
    trend = trend_of(100.0, 94.0, 99.0, 99.0)
    result = progress(trend, baseline_kg=100.0, targets_percent=(5,), baseline_date=day(2))
    assert result.milestones[0].reached_on is None
    assert progress(trend, baseline_kg=100.0, targets_percent=(5,)).milestones[0].reached


def test_a_tiny_slope_does_not_overflow_the_date():
    result = progress(trend_of(100.0, 100.0 - 1e-12), baseline_kg=100.0)
    assert all(m.projected_on is None for m in result.milestones)


def test_a_custom_target_is_an_extra_milestone_in_order():
    # baseline 100, goal 92 kg → (100 − 92) / 100 = 8 %: between the 7 and 10 % lines.
    # From 98.7 at −0.1 kg/day: 6.7 kg → 67 days → day 13 + 67 = day 80.
    result = progress(linear_trend(100.0, -0.1, 14), baseline_kg=100.0, target_kg=92.0)
    assert [m.percent for m in result.milestones] == pytest.approx([5.0, 7.0, 8.0, 10.0])
    custom = result.milestones[2]
    assert custom.custom
    assert not any(m.custom for m in result.milestones if m is not custom)
    assert custom.target_kg == 92.0
    assert custom.distance_kg == pytest.approx(6.7)
    assert custom.projected_on == day(80)


def test_a_custom_target_above_the_baseline_is_reached_upward():
    # Goal 102 kg from a baseline of 100 (−2 %); the trend rises 0.5 kg a day.
    # From 101.0 on day 2: 1 kg / 0.5 = 2 days → day 4.
    result = progress(
        trend_of(100.0, 100.5, 101.0), baseline_kg=100.0, targets_percent=(), target_kg=102.0
    )
    goal = result.milestones[0]
    assert goal.percent == pytest.approx(-2.0)
    assert goal.reached_on is None
    assert goal.distance_kg == pytest.approx(1.0)
    assert goal.projected_on == day(4)


def test_next_milestone_is_none_once_all_are_reached():
    result = progress(trend_of(100.0, 89.0), baseline_kg=100.0)
    assert all(m.reached for m in result.milestones)
    assert result.next_milestone is None


def test_the_implied_energy_balance_uses_7716_kcal_per_kg():
    # −0.1 kg a day × 7716 kcal/kg = −771.6 kcal a day (a deficit)
    result = progress(linear_trend(100.0, -0.1, 14), baseline_kg=100.0)
    assert result.implied_daily_energy_kcal == pytest.approx(-771.6)


# --- pace -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "pace"),
    [
        (-1.0001, Pace.TOO_FAST),
        (-1.0, Pace.STEADY),  # exactly 1 kg/week is steady
        (-0.75, Pace.STEADY),
        (-0.5, Pace.STEADY),  # exactly 0.5 kg/week is steady
        (-0.4999, Pace.SLOW),
        (-0.0501, Pace.SLOW),
        (-0.05, Pace.STABLE),
        (0.0, Pace.STABLE),
        (0.05, Pace.STABLE),
        (0.0501, Pace.GAINING),
    ],
)
def test_pace_thresholds_at_their_edges(rate, pace):
    assert classify_pace(rate) is pace


def test_pace_is_a_plain_string_too():
    assert Pace.TOO_FAST == "too fast"


def test_a_sustained_fast_loss_raises_a_caution():
    # −0.2 kg a day = −1.4 kg a week over the full 14 days
    result = progress(linear_trend(100.0, -0.2, 14), baseline_kg=100.0)
    assert result.rate_days == 14
    assert result.pace is Pace.TOO_FAST
    assert result.pace_caution


def test_a_fast_loss_over_a_few_days_is_not_yet_a_caution():
    result = progress(linear_trend(100.0, -0.2, 5), baseline_kg=100.0)
    assert result.rate_days == 5
    assert result.pace is Pace.TOO_FAST
    assert not result.pace_caution


def test_a_steady_loss_raises_no_caution():
    result = progress(linear_trend(100.0, -0.1, 30), baseline_kg=100.0)
    assert result.pace is Pace.STEADY  # −0.7 kg/week
    assert not result.pace_caution


# --- weekly summaries -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "monday"),
    [
        (MONDAY, MONDAY),
        (dt.date(2025, 3, 5), MONDAY),
        (SUNDAY, MONDAY),
        (NEXT_MONDAY, NEXT_MONDAY),
        (dt.date(2025, 1, 1), dt.date(2024, 12, 30)),  # across a year boundary
    ],
)
def test_week_start_is_the_monday(d, monday):
    assert week_start(d) == monday


def test_no_records_give_no_weeks():
    assert weekly_summaries() == []


def test_activity_minutes_by_intensity():
    weeks = weekly_summaries(
        exercise=[
            ExerciseRec(MONDAY, 30, "moderate", "walk"),
            ExerciseRec(dt.date(2025, 3, 5), 20, "vigorous", "run"),
            ExerciseRec(SUNDAY, 45, "light", "yoga"),
        ]
    )
    (week,) = weeks
    # 30 moderate + 20 vigorous × 2 = 70; the 45 light minutes do not count toward it
    assert week.moderate_equivalent_minutes == 70
    assert (week.light_minutes, week.moderate_minutes, week.vigorous_minutes) == (45, 30, 20)
    assert not week.meets_activity_target


def test_75_vigorous_minutes_meet_the_activity_target():
    (week,) = weekly_summaries(exercise=[ExerciseRec(MONDAY, 75, "vigorous")])
    assert week.moderate_equivalent_minutes == 150  # 75 × 2
    assert week.meets_activity_target


def test_an_unknown_intensity_is_refused():
    with pytest.raises(ValueError):
        weekly_summaries(exercise=[ExerciseRec(MONDAY, 30, "extreme")])


def test_strength_sessions_count_distinct_days():
    (week,) = weekly_summaries(
        exercise=[
            ExerciseRec(dt.date(2025, 3, 6), 30, "moderate", "resistance"),
            ExerciseRec(dt.date(2025, 3, 6), 15, "moderate", "resistance"),  # same day
            ExerciseRec(SUNDAY, 25, "moderate", "resistance"),
            ExerciseRec(MONDAY, 40, "moderate", "walk"),
        ]
    )
    assert week.strength_days == 2  # Thursday and Sunday
    assert week.meets_strength_target
    assert week.moderate_minutes == 110  # resistance minutes count by their intensity


def test_alcohol_totals_and_alcohol_free_days():
    (week,) = weekly_summaries(
        checkins=[
            CheckInRec(MONDAY, sleep_hours=7, stress=2, alcohol_drinks=0),
            CheckInRec(dt.date(2025, 3, 4), sleep_hours=6, stress=4, alcohol_drinks=2),
            CheckInRec(dt.date(2025, 3, 5), sleep_hours=8, stress=3, alcohol_drinks=0),
            CheckInRec(dt.date(2025, 3, 6)),  # nothing answered: not an alcohol-free day
        ]
    )
    assert week.alcohol_drinks == 2
    assert week.alcohol_days_logged == 3
    assert week.alcohol_free_days == 2  # Monday and Wednesday
    assert week.avg_sleep_hours == pytest.approx(7.0)  # (7 + 6 + 8) / 3
    assert week.avg_stress == pytest.approx(3.0)  # (2 + 4 + 3) / 3


def test_a_week_without_alcohol_answers_has_no_total():
    (week,) = weekly_summaries(checkins=[CheckInRec(MONDAY, sleep_hours=7)])
    assert week.alcohol_drinks is None
    assert week.alcohol_free_days == 0


def test_fibre_is_summed_per_day_and_averaged_over_days_with_meals():
    (week,) = weekly_summaries(
        meals=[
            MealRec(MONDAY, 10),
            MealRec(MONDAY, 12),  # Monday: 22 g
            MealRec(dt.date(2025, 3, 4), 8),  # Tuesday: 8 g
            MealRec(dt.date(2025, 3, 5), None),  # fibre unknown: the day is left out
        ]
    )
    assert week.avg_daily_fibre_g == pytest.approx(15.0)  # (22 + 8) / 2
    assert week.fibre_days == 2


def test_the_diet_score_lands_in_its_week():
    (week,) = weekly_summaries(diet_scores=[DietScore(dt.date(2025, 3, 5), 7)])
    assert week.week_start == MONDAY  # a Wednesday date is normalised to its Monday
    assert week.diet_score == 7


def test_weeks_run_monday_to_sunday():
    weeks = weekly_summaries(
        exercise=[
            ExerciseRec(MONDAY, 10, "moderate"),
            ExerciseRec(SUNDAY, 20, "moderate"),
            ExerciseRec(NEXT_MONDAY, 40, "moderate"),
        ]
    )
    assert [(w.week_start, w.week_end) for w in weeks] == [
        (MONDAY, SUNDAY),
        (NEXT_MONDAY, dt.date(2025, 3, 16)),
    ]
    assert [w.moderate_minutes for w in weeks] == [30, 40]


def test_empty_weeks_between_records_are_included():
    weeks = weekly_summaries(
        exercise=[ExerciseRec(MONDAY, 30, "moderate")],
        meals=[MealRec(MONDAY + dt.timedelta(weeks=2), 20)],
    )
    assert [w.week_start for w in weeks] == [MONDAY + dt.timedelta(weeks=i) for i in range(3)]
    empty = weeks[1]
    assert empty.moderate_equivalent_minutes == 0
    assert empty.avg_daily_fibre_g is None
    assert empty.avg_sleep_hours is None
    assert empty.diet_score is None


def test_a_given_range_sets_the_weeks_and_drops_records_outside():
    weeks = weekly_summaries(
        exercise=[
            ExerciseRec(MONDAY - dt.timedelta(days=1), 99, "moderate"),  # the Sunday before
            ExerciseRec(NEXT_MONDAY, 30, "moderate"),
        ],
        start=dt.date(2025, 3, 5),
        end=dt.date(2025, 3, 12),
    )
    assert [w.week_start for w in weeks] == [MONDAY, NEXT_MONDAY]
    assert [w.moderate_minutes for w in weeks] == [0, 30]
