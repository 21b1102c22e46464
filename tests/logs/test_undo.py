"""Undo after a delete: the entry comes back as it was, for its owner only, for a while."""

from datetime import date, timedelta

import pytest

from tests.conftest import HTMX
from tests.factories import MealFactory, WeightFactory
from tracker.logs import undo
from tracker.models import Meal, WeightEntry

DAY = date(2026, 11, 1)


@pytest.fixture
def weight(alice):
    return WeightFactory(user=alice, date=DAY, weight_kg=84.2)


def delete(client, slug, pk, **extra):
    return client.delete(f"/log/{slug}/{pk}/delete/", **HTMX, **extra)


def test_undo_brings_the_same_entry_back_in_its_row(owner, weight):
    delete(owner, "weight", weight.pk)
    assert not WeightEntry.objects.exists()
    response = owner.post(f"/log/weight/{weight.pk}/undo/", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="row-{weight.pk}">') and "84.2 kg" in html
    back = WeightEntry.objects.get()
    assert (back.pk, back.weight_kg) == (weight.pk, 84.2)
    # Kept as it was (to the millisecond the JSON serializer keeps), not reset to now.
    assert abs(back.created_at - weight.created_at) < timedelta(milliseconds=1)
    assert "logged" in response.headers["HX-Trigger"]


def test_the_undo_row_names_what_was_deleted(owner, weight):
    html = delete(owner, "weight", weight.pk).content.decode()
    assert "Deleted 1 Nov 2026: 84.2 kg." in html
    assert f'data-expires="{undo.SHOWN_SECONDS}"' in html


def test_undo_works_once(owner, weight):
    delete(owner, "weight", weight.pk)
    owner.post(f"/log/weight/{weight.pk}/undo/", **HTMX)
    again = owner.post(f"/log/weight/{weight.pk}/undo/", **HTMX).content.decode()
    assert "nothing to undo" in again
    assert WeightEntry.objects.count() == 1


def test_a_meal_comes_back_with_its_tags(owner, alice):
    meal = MealFactory(user=alice, date=DAY, tags=["legumes", "fish"])
    delete(owner, "meals", meal.pk)
    owner.post(f"/log/meals/{meal.pk}/undo/", **HTMX)
    assert Meal.objects.get(pk=meal.pk).tags == ["legumes", "fish"]


def test_another_user_cannot_undo_someone_elses_delete(owner, other, weight):
    delete(owner, "weight", weight.pk)
    response = other.post(f"/log/weight/{weight.pk}/undo/")
    assert response.status_code == 404
    assert not WeightEntry.objects.exists()


def test_anonymous_is_sent_to_login(anon, weight):
    response = anon.post(f"/log/weight/{weight.pk}/undo/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_undo_takes_only_post(owner, weight):
    delete(owner, "weight", weight.pk)
    assert owner.get(f"/log/weight/{weight.pk}/undo/").status_code == 405
    assert not WeightEntry.objects.exists()


def test_undo_expires(owner, weight, monkeypatch):
    delete(owner, "weight", weight.pk)
    later = undo.time.time() + undo.KEPT_SECONDS + 1
    monkeypatch.setattr(undo.time, "time", lambda: later)
    html = owner.post(f"/log/weight/{weight.pk}/undo/", **HTMX).content.decode()
    assert "nothing to undo" in html
    assert not WeightEntry.objects.exists()


def test_undo_never_overwrites_a_newer_entry_of_the_same_day(owner, alice, weight):
    delete(owner, "weight", weight.pk)
    newer = WeightFactory(user=alice, date=DAY, weight_kg=83.0)
    html = owner.post(f"/log/weight/{weight.pk}/undo/", **HTMX).content.decode()
    assert "the deleted one stays deleted" in html
    assert list(WeightEntry.objects.values_list("pk", flat=True)) == [newer.pk]


def test_undo_on_another_log_restores_nothing(owner, weight):
    delete(owner, "weight", weight.pk)
    owner.post(f"/log/meals/{weight.pk}/undo/")
    assert not WeightEntry.objects.exists()


def test_without_javascript_the_history_page_offers_undo(owner, weight):
    response = owner.post(f"/log/weight/{weight.pk}/delete/", follow=True)
    html = response.content.decode()
    assert "Deleted 1 Nov 2026: 84.2 kg." in html
    assert f'action="/log/weight/{weight.pk}/undo/"' in html
    response = owner.post(f"/log/weight/{weight.pk}/undo/", follow=True)
    assert "The weight is back." in response.content.decode()
    assert WeightEntry.objects.get().pk == weight.pk


def test_undo_gives_the_person_a_new_data_version(owner, alice, weight):
    from tracker.models.version import version_of

    delete(owner, "weight", weight.pk)
    before = version_of(alice)
    owner.post(f"/log/weight/{weight.pk}/undo/", **HTMX)
    assert version_of(alice) != before
