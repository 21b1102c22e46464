"""Every log view, tried by its owner, by another user and anonymously."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import BY_KIND, WeightFactory
from tracker.logs.kinds import BY_SLUG, KINDS

SLUGS = [kind.slug for kind in KINDS]


@pytest.fixture(params=SLUGS)
def entry(request, alice):
    return BY_SLUG[request.param], BY_KIND[request.param](user=alice)


def urls_for(kind, entry):
    return [
        f"/log/{kind.slug}/{entry.pk}/edit/",
        f"/log/{kind.slug}/{entry.pk}/delete/",
    ]


def test_owner_sees_history_edit_and_delete_pages(owner, entry):
    kind, obj = entry
    response = owner.get(f"/log/{kind.slug}/")
    assert response.status_code == 200
    assert f"/log/{kind.slug}/{obj.pk}/edit/" in response.content.decode()
    for url in urls_for(kind, obj):
        assert owner.get(url).status_code == 200


def test_another_user_gets_404_and_changes_nothing(other, entry):
    kind, obj = entry
    for url in urls_for(kind, obj):
        assert other.get(url).status_code == 404
        assert other.post(url, {}).status_code == 404
    assert other.delete(f"/log/{kind.slug}/{obj.pk}/delete/").status_code == 404
    assert kind.model.objects.filter(pk=obj.pk).exists()
    assert f"/{obj.pk}/edit/" not in other.get(f"/log/{kind.slug}/").content.decode()


def test_anonymous_is_sent_to_login(anon, entry):
    kind, obj = entry
    for url in [f"/log/{kind.slug}/", f"/log/{kind.slug}/add/", *urls_for(kind, obj)]:
        response = anon.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    anon.post(f"/log/{kind.slug}/{obj.pk}/delete/")
    assert kind.model.objects.filter(pk=obj.pk).exists()


def test_owner_deletes_after_confirmation(owner, entry):
    kind, obj = entry
    response = owner.post(f"/log/{kind.slug}/{obj.pk}/delete/")
    assert response.status_code == 302
    assert not kind.model.objects.filter(pk=obj.pk).exists()


def test_htmx_delete_answers_an_undo_row_and_triggers_refresh(owner, entry):
    kind, obj = entry
    response = owner.delete(f"/log/{kind.slug}/{obj.pk}/delete/", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<tr class="undo-row"') and "Undo</button>" in html
    assert "logged" in response.headers["HX-Trigger"]
    assert not kind.model.objects.filter(pk=obj.pk).exists()


def test_add_page_renders_for_every_log(owner):
    for slug in SLUGS:
        assert owner.get(f"/log/{slug}/add/").status_code == 200


def test_unknown_log_is_404(owner):
    assert owner.get("/log/nonsense/").status_code == 404


def test_views_reject_wrong_methods(owner, alice):
    entry = WeightFactory(user=alice)
    assert owner.put("/log/weight/add/").status_code == 405
    assert owner.post("/log/weight/").status_code == 405
    assert owner.put(f"/log/weight/{entry.pk}/edit/").status_code == 405


class TestHistory:
    def test_filters_by_dates(self, owner, alice):
        today = timezone.localdate()
        for days_ago in (1, 10, 40):
            WeightFactory(
                user=alice, date=today - timedelta(days=days_ago), weight_kg=80 + days_ago
            )
        start = (today - timedelta(days=15)).isoformat()
        html = owner.get("/log/weight/", {"start": start}).content.decode()
        assert "81.0 kg" in html and "90.0 kg" in html and "120.0 kg" not in html
        end = (today - timedelta(days=5)).isoformat()
        html = owner.get("/log/weight/", {"start": start, "end": end}).content.decode()
        assert "90.0 kg" in html and "81.0 kg" not in html

    def test_paginates_25_a_page_newest_first(self, owner, alice):
        today = timezone.localdate()
        for days_ago in range(30):
            WeightFactory(
                user=alice, date=today - timedelta(days=days_ago), weight_kg=60 + days_ago
            )
        first = owner.get("/log/weight/").content.decode()
        assert "60.0 kg" in first and "84.0 kg" in first and "85.0 kg" not in first
        assert "Page 1 of 2" in first
        second = owner.get("/log/weight/", {"page": 2}).content.decode()
        assert "85.0 kg" in second and "89.0 kg" in second and "60.0 kg" not in second

    def test_htmx_gets_only_the_entries_partial(self, owner, alice):
        WeightFactory(user=alice, weight_kg=77)
        html = owner.get("/log/weight/", **HTMX).content.decode()
        assert html.lstrip().startswith('<div id="entries">')
        assert "<html" not in html and "77.0 kg" in html

    def test_a_bad_filter_date_is_ignored_not_an_error(self, owner):
        assert owner.get("/log/weight/", {"start": "31/02/2026", "page": "x"}).status_code == 200

    def test_shows_weights_in_the_profile_unit(self, owner, alice):
        alice.profile.weight_unit = "lb"
        alice.profile.save()
        WeightFactory(user=alice, weight_kg=100)
        assert "220.5 lb" in owner.get("/log/weight/").content.decode()

    def test_empty_history_invites_a_first_entry(self, owner):
        assert "No weight yet" in owner.get("/log/weight/").content.decode()
