"""A long history read compactly gives the same figures as the trend built day by day.

The record keeps the daily weight series and trend of the whole history as floats
(tracker/science/trends.py, DailySeries and DailyTrend); these tests build the same figures
from the plain lists of daily_series and smoothed_trend and compare every one.
"""

import datetime as dt
import random

from tests.factories import record_of, weight_goal
from tracker.models import WeightEntry
from tracker.progress import board as progress
from tracker.progress.charts import Window
from tracker.science.trends import daily_series, smoothed_trend
from tracker.science.trends import progress as progress_of

TODAY = dt.date(2026, 11, 20)
YEARS = 4


def long_history(user) -> None:
    """Four years of weighings with gaps (a day, a week, two months): losing, regaining
    and losing again, so that milestones are reached years ago."""
    rng = random.Random(11)
    rows, kg, day = [], 104.0, TODAY - dt.timedelta(days=365 * YEARS)
    while day <= TODAY:
        kg += rng.uniform(-0.35, 0.3) + (0.04 if day.year == TODAY.year - 2 else -0.02)
        rows.append(WeightEntry(user=user, date=day, weight_kg=round(kg, 1)))
        day += dt.timedelta(days=rng.choice([1, 1, 1, 2, 7]) if rng.random() > 0.002 else 60)
    for row in rows:
        row.unit_typed = "kg"
        row.value_typed = row.weight_kg
    WeightEntry.objects.bulk_create(rows)


def full(user) -> tuple[list, list]:
    rows = WeightEntry.objects.filter(user=user).order_by("date", "id")
    series = daily_series((row.date, row.weight_kg) for row in rows)
    return series, smoothed_trend(series)


def test_the_compact_series_and_trend_are_the_day_by_day_ones(alice):
    long_history(alice)
    record = record_of(alice, *progress.period_for("3m", TODAY))
    series, trend = full(alice)
    assert len(series) > 365 * YEARS
    assert record.weight_series == series
    assert record.trend == trend
    window = Window(TODAY - dt.timedelta(days=90), TODAY)
    assert list(window.within(record.trend)) == list(window.within(trend))
    assert list(window.within(record.weight_series)) == list(window.within(series))


def test_the_dashboards_weight_figures_are_those_of_the_whole_trend(alice):
    long_history(alice)
    first = WeightEntry.objects.filter(user=alice).order_by("date", "id").first()
    series, trend = full(alice)
    expected = progress_of(trend, first.weight_kg, today=TODAY, baseline_date=first.date)
    reached = [m.reached_on for m in expected.milestones]
    assert any(day is not None and day < TODAY - dt.timedelta(days=365) for day in reached)

    board = progress.build(record_of(alice, *progress.period_for("3m", TODAY)), "3m")
    assert progress.weight_view(board.record).progress == expected
    stats = {s.label: s.value for s in board.stats}
    assert stats["Trend weight"] == f"{trend[-1].kg:.1f} kg"
    assert stats["Baseline"] == f"{first.weight_kg:.1f} kg"


def test_a_chosen_baseline_years_back_counts_milestones_from_it(alice):
    long_history(alice)
    baseline_day = TODAY - dt.timedelta(days=365 * 2)
    weight_goal(alice, baseline_day, baseline_date=baseline_day, baseline_kg=103, target_kg=88)
    series, trend = full(alice)
    expected = progress_of(trend, 103, target_kg=88, today=TODAY, baseline_date=baseline_day)
    record = record_of(alice, *progress.period_for("3m", TODAY))
    assert progress.weight_view(record).progress == expected


def test_weighings_read_as_day_numbers_are_the_dates_stored(alice):
    """The record reads dates as day numbers counted by the database (SQLite's julianday,
    PostgreSQL's date difference): the same days as the ORM's, at the calendar's edges too."""
    long_history(alice)
    for day in (dt.date(1900, 1, 1), dt.date(1904, 2, 29), dt.date(2000, 2, 29)):
        WeightEntry.objects.create(
            user=alice, date=day, weight_kg=90, value_typed=90, unit_typed="kg"
        )
    stored = [
        (row.date, row.weight_kg)
        for row in WeightEntry.objects.filter(user=alice).order_by("date", "id")
    ]
    weighings = record_of(alice).weighings
    assert list(weighings) == stored
    assert (weighings[0], weighings[-1]) == (stored[0], stored[-1])
    assert weighings[1:3] == stored[1:3]
    # The compact series built from them is the one built from plain pairs.
    assert daily_series(weighings) == daily_series(stored)
