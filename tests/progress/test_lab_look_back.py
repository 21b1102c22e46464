"""A period reads its lab results and a look-back, not the whole lab history, and shows
exactly what it showed when it read everything.

tracker/record.py reads, for a period, the results from NEAR_DAYS before its first day and,
before that, each test's latest lab date with the NEAR_DAYS before it. These tests give a
person six years of lab reports whose latest results before a period are of every awkward
kind (a glucose not fasting after a fasting one, a bound, a test measured once long ago,
score inputs spread over two reports) and compare every page that reads a period with the
same pages built from a record holding every lab result.
"""

import dataclasses
import datetime as dt
import random
import re

import pytest
from django.core.cache import cache

from tests.factories import (
    LabReportFactory,
    LabResultFactory,
    MeasurementFactory,
    WeightFactory,
    record_of,
)
from tracker import record as record_module
from tracker.guidance.facts import gather
from tracker.labs import scores
from tracker.models import LabResult
from tracker.progress import board
from tracker.record import NEAR_DAYS

TODAY = dt.date(2026, 11, 20)
PANEL = {
    "alt": (25, 90),
    "ast": (20, 70),
    "platelets": (150, 320),
    "albumin": (3.8, 4.8),
    "glucose": (85, 140),
    "insulin": (6, 30),
    "hba1c": (5.2, 7.0),
    "triglycerides": (90, 260),
    "hdl": (32, 60),
}


def report(user, day, values, fasting=True):
    made = LabReportFactory(user=user, date=day, fasting=fasting)
    for key, value in values.items():
        qualifier = ""
        if isinstance(value, str):  # "<5": a bound the lab gave
            qualifier, value = value[0], float(value[1:])
        LabResultFactory(user=user, report=made, test_key=key, value=value, qualifier=qualifier)


def six_years_of_labs(user) -> None:
    rng = random.Random(7)
    day = TODAY - dt.timedelta(days=6 * 365)
    while day < TODAY - dt.timedelta(days=400):
        tests = rng.sample(sorted(PANEL), rng.randint(3, len(PANEL)))
        report(user, day, {k: round(rng.uniform(*PANEL[k]), 1) for k in tests})
        day += dt.timedelta(days=rng.randint(40, 150))
    # Before the short periods: the last fasting glucose alone, long before a later one not
    # fasting; a FIB-4 (on the latest ALT) whose AST and platelets come from a report that
    # later ones superseded; a bound. In the 3-month period, a FIB-4 over two reports.
    report(user, TODAY - dt.timedelta(days=300), {"glucose": 101})
    report(user, TODAY - dt.timedelta(days=190), {"ast": 41, "platelets": 210})
    report(user, TODAY - dt.timedelta(days=185), {"alt": 64, "insulin": 19})
    report(user, TODAY - dt.timedelta(days=170), {"ast": 45, "platelets": 190})
    report(user, TODAY - dt.timedelta(days=120), {"glucose": 162, "ggt": "<5"}, fasting=False)
    report(user, TODAY - dt.timedelta(days=100), {"hba1c": ">6.5", "lsm": 9.1, "cap": 301})
    report(user, TODAY - dt.timedelta(days=20), {"alt": 51, "ast": 38})
    report(user, TODAY - dt.timedelta(days=12), {"platelets": 230})
    for days_ago in (700, 188, 95, 10):
        MeasurementFactory(user=user, date=TODAY - dt.timedelta(days=days_ago), waist_cm=96)
    for days_ago in range(800, -1, -3):
        WeightFactory(
            user=user, date=TODAY - dt.timedelta(days=days_ago), weight_kg=88 + days_ago / 100
        )


@pytest.fixture
def history(alice):
    alice.profile.date_of_birth = dt.date(1968, 3, 2)
    alice.profile.save()
    six_years_of_labs(alice)
    return alice


def with_every_lab_result(record, user):
    """The same record, holding every lab result up to its end."""
    every = record_module._lab_entries(user, record.end, None)
    return dataclasses.replace(record, lab_results=tuple(every), _figures={})


def test_a_period_reads_only_its_results_and_the_look_back(history):
    record = record_of(history, *board.period_for("3m", TODAY))
    first_read = record.since - dt.timedelta(days=NEAR_DAYS)
    before = {entry.date for entry in record.lab_results if entry.date < first_read}
    assert LabResult.objects.filter(user=history).count() > 3 * len(record.lab_results)
    # Every test's latest date before the period, and not a report older than that needs.
    latest = record_module.lab_dates_before(
        with_every_lab_result(record, history).lab_results, first_read
    )
    assert set(latest) <= before
    near = dt.timedelta(days=NEAR_DAYS)
    assert all(any(d - near <= day <= d for d in latest) for day in before)


@pytest.mark.parametrize("key", list(board.RANGES))
def test_every_figure_of_a_range_is_what_the_whole_history_gives(history, key):
    windowed = record_of(history, *board.period_for(key, TODAY))
    whole = with_every_lab_result(windowed, history)
    assert scores.index_history(windowed) == scores.index_history(whole)
    assert scores.checklist_inputs(windowed) == scores.checklist_inputs(whole)
    assert gather(windowed) == gather(whole)
    shown, expected = board.build(windowed, key), board.build(whole, key)
    for part in ("stats", "not_in_range", "older_labs", "latest_labs"):
        assert getattr(shown, part) == getattr(expected, part), part
    figures = [[c.figure for c in s.charts] for s in shown.sections]
    assert figures == [[c.figure for c in s.charts] for s in expected.sections]
    # Not vacuous: scores were computed, and a short range lists tests measured before it.
    assert any(point.value is not None for point in scores.index_history(windowed))
    assert shown.older_labs or key not in ("4w", "3m")


def page(client, url) -> str:
    cache.clear()
    html = client.get(url).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+"', "", html)


@pytest.mark.parametrize(
    "url",
    [
        "/progress/",
        "/progress/?range=4w",
        "/progress/?range=1y",
        "/report/",
        f"/report/?start={TODAY - dt.timedelta(days=60)}&end={TODAY - dt.timedelta(days=30)}",
    ],
)
def test_the_pages_are_the_same_as_from_the_whole_history(history, client, monkeypatch, url):
    client.force_login(history)
    shown = page(client, url)
    read_for_period = record_module._lab_entries
    monkeypatch.setattr(
        record_module, "_lab_entries", lambda user, end, since: read_for_period(user, end, None)
    )
    assert shown == page(client, url)
    assert "FIB-4" in shown
