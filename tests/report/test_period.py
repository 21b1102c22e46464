"""The period a report covers: at most five years, with a clear message, and a default
that reads at most a year however long LiverLog has been used."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages

from tracker.models import Job, WeightGoal
from tracker.report import build as reports
from tracker.report.forms import longest_start, period_problem

TODAY = date(2026, 11, 21)


def test_five_years_to_the_day_is_allowed_and_one_day_more_is_not():
    end = date(2026, 6, 30)
    assert period_problem(date(2021, 6, 30), end) is None
    problem = period_problem(date(2021, 6, 29), end)
    assert "at most 5 years" in problem and "30 Jun 2021" in problem


def test_a_period_ending_on_29_february_reaches_back_to_28_february():
    assert longest_start(date(2028, 2, 29)) == date(2023, 2, 28)


def test_a_reversed_period_is_refused():
    assert "before its end" in period_problem(date(2026, 6, 2), date(2026, 6, 1))


def test_the_page_explains_a_too_long_period_and_shows_the_default(owner, alice):
    response = owner.get("/report/", {"start": "2015-01-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "A report covers at most 5 years" in response.content.decode()
    default_start, default_end = reports.default_period(alice)
    assert response.context["report"].start == default_start
    assert response.context["report"].end == default_end


def test_a_start_alone_is_held_to_the_cap_too(owner):
    response = owner.get("/report/", {"start": "1990-01-01"})
    assert "A report covers at most 5 years" in response.content.decode()


def test_a_five_year_period_is_reported_as_asked(owner):
    response = owner.get("/report/", {"start": "2021-01-01", "end": "2026-01-01"})
    assert response.context["report"].start == date(2021, 1, 1)
    assert "at most 5 years" not in response.content.decode()


def test_the_pdf_of_a_too_long_period_is_refused_with_the_message(owner):
    response = owner.post("/report/pdf/?start=2015-01-01&end=2026-01-01")
    assert response.status_code == 302 and response.url.startswith("/report/?")
    assert not Job.objects.exists()  # no PDF is made of another period than asked
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("at most 5 years" in text for text in texts)


def goal_from(user, baseline):
    WeightGoal.objects.create(user=user, baseline_date=baseline, baseline_kg=90, target_percent=7)


@pytest.mark.parametrize(
    "baseline_days_ago, expected_days",
    [
        (0, 183),  # a goal set today does not shrink the report to one day
        (100, 183),  # six months still covers it
        (270, 270),  # since the baseline, when that is longer
        (365, 365),
        (3650, 365),  # a baseline ten years back: still a year, so the cost stays bounded
    ],
)
def test_the_default_period_reaches_back_to_the_baseline_up_to_a_year(
    alice, baseline_days_ago, expected_days
):
    goal_from(alice, TODAY - timedelta(days=baseline_days_ago))
    start, end = reports.default_period(alice, today=TODAY)
    assert end == TODAY
    assert (end - start).days == expected_days


def test_the_default_period_reaches_back_to_the_latest_lab_report_within_a_year(alice):
    from tests.factories import LabReportFactory

    LabReportFactory(user=alice, date=TODAY - timedelta(days=250))
    start, _ = reports.default_period(alice, today=TODAY)
    assert start == TODAY - timedelta(days=250)
    LabReportFactory(user=alice, date=TODAY - timedelta(days=1))  # the latest now
    start, _ = reports.default_period(alice, today=TODAY)
    assert (TODAY - start).days == 183  # six months: the latest lab is inside them


@pytest.mark.parametrize("lab_days_ago", [400, 1000, 1800])
def test_the_default_period_always_includes_the_latest_lab_report(alice, lab_days_ago):
    from tests.factories import LabReportFactory

    goal_from(alice, TODAY - timedelta(days=3650))  # a baseline long ago reads one year
    LabReportFactory(user=alice, date=TODAY - timedelta(days=lab_days_ago))
    start, end = reports.default_period(alice, today=TODAY)
    assert (start, end) == (TODAY - timedelta(days=lab_days_ago), TODAY)
    assert period_problem(start, end) is None


def test_a_lab_report_older_than_a_report_may_reach_is_its_dated_look_back(owner, alice):
    from django.utils import timezone

    from tests.factories import LabReportFactory, LabResultFactory

    today = timezone.localdate()
    old = LabReportFactory(user=alice, date=today - timedelta(days=7 * 365))
    LabResultFactory(user=alice, report=old, test_key="triglycerides", value=180)
    start, end = reports.default_period(alice)
    assert (start, end) == (longest_start(today), today)
    html = owner.get("/report/").content.decode()
    assert f"The latest lab report before this period is from {old.date:%-d %b %Y}" in html
    assert f'({old.date:%-d %b %Y}, <span class="before-period">before this period</span>)' in html
