"""A check-in saved in parts: each save changes only what it was given, a blank form
saves nothing, and a blank alcohol answer is "not recorded", never an alcohol-free day."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import CheckInFactory, record_of
from tracker.guidance.facts import _alcohol
from tracker.models import CheckIn
from tracker.science.trends import week_start, weekly_summaries


def add(client, data, **extra):
    return client.post(
        "/log/checkins/add/", {"date": timezone.localdate().isoformat(), **data}, **extra
    )


def test_an_evening_save_keeps_the_mornings_answers(owner, alice):
    add(owner, {"sleep_hours": "7", "stress": "2"})
    response = add(owner, {"alcohol_drinks": "2"}, **HTMX)
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.sleep_hours == Decimal("7") and checkin.stress == 2
    assert checkin.alcohol_drinks == Decimal("2")
    assert "updated to sleep 7.0 h, stress 2, alcohol 2 drinks" in response.content.decode()


def test_a_later_answer_replaces_only_its_own_field(owner, alice):
    add(owner, {"sleep_hours": "7", "alcohol_drinks": "0"})
    add(owner, {"alcohol_drinks": "1", "energy": "4"})
    checkin = CheckIn.objects.get(user=alice)
    assert (checkin.sleep_hours, checkin.energy, checkin.alcohol_drinks) == (7, 4, 1)


def test_a_blank_form_saves_nothing_and_says_so(owner, alice):
    response = add(owner, {}, **HTMX)
    assert "Nothing to save" in response.content.decode()
    assert not CheckIn.objects.filter(user=alice).exists()


def test_a_blank_form_leaves_the_days_check_in_as_it_was(owner, alice):
    add(owner, {"sleep_hours": "6.5", "stress": "3"})
    response = add(owner, {"sleep_hours": "", "stress": "", "alcohol_drinks": ""})
    assert "Nothing to save" in response.content.decode()
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.sleep_hours == Decimal("6.5") and checkin.alcohol_drinks is None


def test_one_answer_is_enough_to_save(owner, alice):
    add(owner, {"energy": "1"})
    assert CheckIn.objects.get(user=alice).energy == 1


def test_a_blank_alcohol_answer_is_not_recorded(owner, alice):
    add(owner, {"sleep_hours": "8"})
    checkin = CheckIn.objects.get(user=alice)
    assert checkin.alcohol_drinks is None and checkin.alcohol_grams is None
    history = owner.get("/log/checkins/").content.decode()
    assert "not recorded" in history and "0 drinks" not in history


def test_zero_drinks_is_an_alcohol_free_day(owner, alice):
    add(owner, {"alcohol_drinks": "0"})
    assert CheckIn.objects.get(user=alice).alcohol_drinks == 0
    assert "0 drinks (0 g)" in owner.get("/log/checkins/").content.decode()


def test_the_history_form_saves_a_blank_alcohol_as_not_recorded(owner, alice):
    checkin = CheckInFactory(user=alice, alcohol_drinks=3, sleep_hours=7)
    response = owner.post(
        f"/log/checkins/{checkin.pk}/edit/",
        {"date": checkin.date.isoformat(), "sleep_hours": "7", "alcohol_drinks": ""},
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.alcohol_drinks is None and checkin.sleep_hours == 7


def test_the_history_form_refuses_emptying_every_answer(owner, alice):
    checkin = CheckInFactory(user=alice, alcohol_drinks=3)
    response = owner.post(f"/log/checkins/{checkin.pk}/edit/", {"date": checkin.date})
    assert "Nothing to save" in response.content.decode()
    checkin.refresh_from_db()
    assert checkin.alcohol_drinks == 3


def test_unrecorded_alcohol_is_not_counted_as_alcohol_free(alice):
    today = timezone.localdate()
    CheckInFactory(user=alice, date=today, alcohol_drinks=None, sleep_hours=7)
    assert _alcohol(record_of(alice, end=today), today) is None
    CheckInFactory(user=alice, date=today - timedelta(days=1), alcohol_drinks=0)
    facts = _alcohol(record_of(alice, end=today), today)
    assert facts.days_logged == 1 and facts.drinks == 0


def test_the_dashboard_counts_only_recorded_zero_days_as_alcohol_free(alice):
    monday = week_start(timezone.localdate()) - timedelta(days=7)
    CheckInFactory(user=alice, date=monday, alcohol_drinks=None, sleep_hours=7)
    CheckInFactory(user=alice, date=monday + timedelta(days=1), alcohol_drinks=0)
    (week,) = weekly_summaries(checkins=record_of(alice).checkins)
    assert week.alcohol_free_days == 1 and week.alcohol_days_logged == 1
