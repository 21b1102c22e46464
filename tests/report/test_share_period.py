"""The person chooses a share link's period: held to the report's rules and to days up to
today, with a clear message, and nothing created on bad input."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.report import past_period
from tracker.models import ShareLink
from tracker.report import build as reports
from tracker.report import frozen


def create(client, **period):
    return client.post("/share/", {"days": 7, "label": "Dr Rossi", **period})


def token_in(response) -> str:
    match = re.search(r'value="http://testserver(/shared/[^"]+/)"', response.content.decode())
    assert match is not None, "no new link on the page"
    return match.group(1)


def test_the_form_offers_the_default_period(owner, alice):
    html = owner.get("/share/").content.decode()
    start, end = reports.default_period(alice)
    assert f'name="start" value="{start.isoformat()}"' in html
    assert f'name="end" value="{end.isoformat()}"' in html


def test_the_owner_shares_a_past_period(owner, anon, alice):
    past_period.seed(alice)
    response = create(owner, **past_period.PERIOD)
    link = ShareLink.objects.get(user=alice)
    assert (link.period_start, link.period_end) == (past_period.START, past_period.END)
    copy = frozen.thaw(link.snapshot)
    assert (copy.start, copy.end) == (past_period.START, past_period.END)
    page = anon.get(token_in(response)).content.decode()
    assert "1 May 2025 – 1 Oct 2025" in page
    assert "1 May 2025 – 1 Oct 2025" in owner.get("/share/").content.decode()


def test_a_blank_period_is_the_default_one(owner, alice):
    create(owner)
    link = ShareLink.objects.get(user=alice)
    assert (link.period_start, link.period_end) == reports.default_period(alice)


def test_one_day_is_a_period(owner, alice):
    day = timezone.localdate() - timedelta(days=3)
    create(owner, start=day.isoformat(), end=day.isoformat())
    link = ShareLink.objects.get(user=alice)
    assert link.period_start == link.period_end == day


def later(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "period, message",
    [
        ({"start": "2025-10-01", "end": "2025-05-01"}, "The start of the period must be before"),
        ({"start": "2025-05-01", "end": later(1)}, "ends today"),
        ({"start": later(1), "end": later(2)}, "ends today"),
        ({"start": "2015-01-01", "end": "2025-01-01"}, "at most 5 years"),
        ({"start": "2025-13-01", "end": "2025-10-01"}, "Enter a valid date"),
        ({"start": "2025-05-01", "end": "yesterday"}, "Enter a valid date"),
        ({"end": "1999-01-01"}, "The start of the period must be before"),
    ],
)
def test_a_bad_period_is_explained_and_creates_nothing(owner, alice, period, message):
    response = create(owner, **period)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Your new link" not in html
    assert not ShareLink.objects.exists()


def test_the_end_may_be_today_and_not_later(owner, alice):
    today = timezone.localdate()
    create(owner, start=(today - timedelta(days=30)).isoformat(), end=today.isoformat())
    assert ShareLink.objects.get(user=alice).period_end == today
    html = owner.get("/share/").content.decode()
    assert f'max="{today.isoformat()}"' in html


def test_a_link_of_another_user_shows_their_own_data_only(other, bob, alice):
    past_period.seed(alice)
    response = create(other, **past_period.PERIOD)
    link = ShareLink.objects.get()
    assert link.user == bob
    assert "Alice Example" not in response.content.decode()
    assert "Alice Example" not in link.snapshot["body"]
    assert "No weighings in this period" in link.snapshot["body"]


def test_another_user_cannot_revoke_a_link_with_a_period(owner, other, alice):
    create(owner, **past_period.PERIOD)
    link = ShareLink.objects.get(user=alice)
    assert other.post(f"/share/{link.pk}/revoke/").status_code == 404
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None


def test_anonymous_cannot_create_a_link(anon, alice):
    response = anon.post("/share/", {"days": 7, **past_period.PERIOD})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not ShareLink.objects.exists()


def test_the_last_day_of_five_years_is_accepted(owner, alice):
    end = date(2025, 6, 30)
    create(owner, start="2020-06-30", end=end.isoformat())
    assert ShareLink.objects.get(user=alice).period_start == date(2020, 6, 30)
