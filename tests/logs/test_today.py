from datetime import timedelta

from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import CheckInFactory, WeightFactory
from tracker.models import Exercise, WeightEntry


def test_today_is_the_home_page_after_login(anon, alice):
    from tests.conftest import PASSWORD

    response = anon.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert response.request["PATH_INFO"] == "/today/"
    assert b"Save weight" in response.content


def test_shows_only_todays_entries_of_the_owner(owner, alice, bob):
    today = timezone.localdate()
    WeightFactory(user=alice, date=today, weight_kg=81.2)
    WeightFactory(user=alice, date=today - timedelta(days=1), weight_kg=82.5)
    WeightFactory(user=bob, date=today, weight_kg=99.9)
    html = owner.get("/today/").content.decode()
    assert "81.2 kg" in html and "82.5 kg" not in html and "99.9 kg" not in html


def test_logging_a_weight_takes_one_field(owner, alice):
    # The quick form carries the date and unit; the person types only the number.
    html = owner.get("/today/").content.decode()
    assert f'name="date" value="{timezone.localdate().isoformat()}"' in html
    response = owner.post(
        "/log/weight/add/",
        {"date": timezone.localdate().isoformat(), "weight": "84.3", "unit": "kg"},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "84.3 kg" in body and "Saved your weight" in body
    assert "logged" in response.headers["HX-Trigger"]
    assert WeightEntry.objects.get(user=alice).weight_kg == 84.3


def test_a_non_htmx_post_goes_back_to_today(owner):
    response = owner.post(
        "/log/exercise/add/",
        {
            "date": timezone.localdate().isoformat(),
            "activity": "Swimming",
            "kind": "aerobic",
            "minutes": 40,
            "intensity": "moderate",
            "next": "/today/",
        },
    )
    assert response.url == "/today/"
    assert Exercise.objects.get().activity == "Swimming"


def test_the_next_parameter_cannot_leave_the_site(owner):
    response = owner.post(
        "/log/exercise/add/",
        {
            "date": timezone.localdate().isoformat(),
            "activity": "Swimming",
            "kind": "aerobic",
            "minutes": 40,
            "intensity": "moderate",
            "next": "https://evil.example/",
        },
    )
    assert response.url == "/log/exercise/"


def test_today_uses_the_persons_time_zone(owner, alice):
    alice.profile.time_zone = "Pacific/Kiritimati"  # UTC+14
    alice.profile.save()
    html = owner.get("/today/").content.decode()
    kiritimati_today = timezone.localdate(
        timezone=__import__("zoneinfo").ZoneInfo("Pacific/Kiritimati")
    )
    assert f'value="{kiritimati_today.isoformat()}"' in html


def test_the_profile_unit_is_preselected(owner, alice):
    alice.profile.weight_unit = "lb"
    alice.profile.save()
    assert '<option value="lb" selected>' in owner.get("/today/").content.decode()


def test_another_day_shows_that_days_entries_and_logs_to_it(owner, alice):
    yesterday = timezone.localdate() - timedelta(days=1)
    WeightFactory(user=alice, date=yesterday, weight_kg=82.5)
    html = owner.get(f"/today/?date={yesterday.isoformat()}").content.decode()
    assert "82.5 kg" in html
    assert f'name="date" value="{yesterday.isoformat()}"' in html
    assert "Back to today" in html


def test_yesterday_is_one_link_away(owner):
    yesterday = timezone.localdate() - timedelta(days=1)
    html = owner.get("/today/").content.decode()
    assert f'href="/today/?date={yesterday.isoformat()}">Yesterday</a>' in html


def test_a_future_or_unreadable_day_falls_back_to_today(owner):
    today = timezone.localdate().isoformat()
    for asked in ("2999-01-01", "not-a-date", "2024-02-30"):
        html = owner.get(f"/today/?date={asked}").content.decode()
        assert f'name="date" value="{today}"' in html, asked


def test_tiles_are_closed_until_opened_except_weight_and_check_in(owner):
    html = owner.get("/today/").content.decode()
    assert 'name="weight"' in html and 'name="stress"' in html
    assert 'name="minutes"' not in html and 'name="systolic"' not in html
    # Without JavaScript the same link opens the tile in the whole page.
    opened = owner.get("/today/?open=exercise").content.decode()
    assert 'name="minutes"' in opened and 'name="systolic"' not in opened


def test_htmx_opens_and_closes_one_tile_in_place(owner):
    html = owner.get("/today/?tile=blood-pressure&open=blood-pressure", **HTMX).content.decode()
    assert html.lstrip().startswith('<section class="card tile tile-blood-pressure is-open"')
    assert 'name="systolic"' in html and "<html" not in html
    closed = owner.get("/today/?tile=blood-pressure", **HTMX).content.decode()
    assert 'name="systolic"' not in closed and "Add<span" in closed


def test_an_unknown_tile_is_not_found(owner):
    assert owner.get("/today/?tile=nope", **HTMX).status_code == 404
    assert owner.get("/today/?tile=diet-check", **HTMX).status_code == 404


def test_today_asks_a_stranger_to_log_in(anon):
    response = anon.get("/today/?tile=weight", **HTMX)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_save_for_yesterday_comes_back_as_yesterdays_tile(owner, alice):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = owner.post(
        "/log/weight/add/", {"date": yesterday.isoformat(), "weight": "83", "unit": "kg"}, **HTMX
    )
    html = response.content.decode()
    assert "83.0 kg" in html and f'value="{yesterday.isoformat()}"' in html
    assert WeightEntry.objects.get(user=alice).date == yesterday


def test_the_check_in_is_taps_that_send_one_answer_each(owner, alice):
    CheckInFactory(user=alice, date=timezone.localdate(), stress=4, sleep_hours=None)
    html = owner.get("/today/").content.decode()
    for name, value in (("sleep_hours", 7), ("stress", 1), ("alcohol_drinks", 3)):
        assert f'name="{name}" value="{value}"' in html
    assert 'name="stress" value="4" aria-pressed="true"' in html
    assert 'name="stress" value="3" aria-pressed="false"' in html
    assert ">3+</button>" in html


def test_the_full_form_opens_on_the_day_asked_for(owner):
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    html = owner.get(f"/log/checkins/add/?date={day}").content.decode()
    assert f'value="{day}"' in html
