from datetime import timedelta

from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import WeightFactory
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
