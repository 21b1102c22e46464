"""A person who signed up today: the dashboard and the report read as a start, not as
weeks of failure, and no figure is compared with itself or counted in the wrong number."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import (
    BloodPressureFactory,
    ExerciseFactory,
    LabResultFactory,
    MeasurementFactory,
    WeightFactory,
)
from tracker.models import WeightGoal
from tracker.report import build as reports

FAILURE_AND_SELF_COMPARISON = [
    re.compile(r"\b0 of \d+ weeks"),  # weeks before the first entry are not missed goals
    re.compile(r"\b0 min / 150"),
    re.compile(r"[−-]0\.0 ?%"),
    re.compile(r"\(1 days\)"),
    re.compile(r"\b1 (readings|weeks|days|results|weighings|values)\b"),
    re.compile(r"The last 1 weeks"),
    re.compile(r"(last|of) 1 (reading|week|day)\b"),
    re.compile(r"0\.0 cm (more|less) than"),
    re.compile(r"±0\.0|[+−-]0\.0 (cm|kg|%)"),
]


@pytest.fixture
def newcomer(alice):
    cache.clear()
    today = timezone.localdate()
    WeightFactory(user=alice, date=today, weight_kg=95.3)
    MeasurementFactory(user=alice, date=today, waist_cm=102)
    BloodPressureFactory(user=alice, date=today)
    ExerciseFactory(user=alice, date=today, minutes=30)
    LabResultFactory(user=alice, report__date=today - timedelta(days=1), value=52.0)
    WeightGoal.objects.create(user=alice, baseline_date=today, baseline_kg=95.3, target_percent=7)
    return alice


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_reads_as_a_start(text: str):
    for pattern in FAILURE_AND_SELF_COMPARISON:
        found = pattern.search(text)
        assert found is None, (
            f"{found.group(0)!r} in …{text[max(0, found.start() - 80) : found.end() + 80]}…"
        )


def test_a_new_accounts_dashboard_and_report_read_as_a_start(owner, newcomer):
    dashboard = owner.get("/progress/")
    assert dashboard.status_code == 200
    assert_reads_as_a_start(text_of(dashboard.content.decode()))

    page = owner.get("/report/")
    assert page.status_code == 200
    assert_reads_as_a_start(text_of(page.content.decode()))


def test_the_default_period_keeps_recent_data_after_a_goal_set_today(newcomer):
    today = timezone.localdate()
    start, end = reports.default_period(newcomer)
    assert end == today
    assert start <= today - timedelta(days=180)
    report = reports.report_for(newcomer, newcomer.profile, None, None)
    assert report.lab_columns, "the lab report from yesterday is in the default period"
