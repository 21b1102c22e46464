"""Pending imports live in the database: any app server finds them, they expire for
everyone after a day, each person may keep only a few, and a confirm writes once."""

import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tracker.exchange import importer, pending
from tracker.exchange.parsed import Options, Parsed
from tracker.models import PendingImport, WeightEntry

pytestmark = pytest.mark.django_db
WEIGHTS = "date,weight (kg)\n2024-01-01,80\n2024-01-02,79.5\n"


def upload(client, name="weights.csv"):
    data = {"file": SimpleUploadedFile(name, WEIGHTS.encode()), "source": "auto", "unit": "kg"}
    return client.post("/data/import/", data)


def token_of(response):
    match = re.fullmatch(r"/data/import/([\w-]+)/", response.url)
    assert match, (response.status_code, response.content[:500])
    return match.group(1)


def stored(user, text=WEIGHTS, name="w.csv"):
    parsed = importer.read(text, Options(), user.profile)
    return pending.create(user, name, text, parsed)


def age(item, hours):
    PendingImport.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours)
    )


def test_an_upload_is_kept_in_the_database_not_on_disk(owner, alice):
    token = token_of(upload(owner))
    item = PendingImport.objects.get(token=token)
    assert item.user == alice and item.status == "pending" and item.filename == "weights.csv"
    assert item.text == WEIGHTS and item.size == len(WEIGHTS)
    weights = Parsed.from_dict(item.parsed).sections["weights"]
    assert [item["fields"]["date"] for item in weights] == ["2024-01-01", "2024-01-02"]
    assert Parsed.records_in(item.parsed) == 2


def test_records_of_one_shape_are_stored_a_column_at_a_time_and_read_back_whole():
    weights = [
        {"row": f"Row {n}", "fields": {"date": f"2024-01-0{n}", "weight_kg": 80.0 + n}}
        for n in (1, 2)
    ]
    labs = [{"row": "Row 1", "fields": {"date": "2024-01-01"}, "results": [{"value": 1}]}]
    parsed = Parsed(kind="health", source="x", sections={"weights": weights, "labs": labs})
    stored = json.loads(json.dumps(parsed.to_dict()))
    assert stored["sections"]["weights"] == {
        "rows": ["Row 1", "Row 2"],
        "fields": {"date": ["2024-01-01", "2024-01-02"], "weight_kg": [81.0, 82.0]},
    }
    assert stored["sections"]["labs"] == labs  # another shape is kept as it is
    assert Parsed.from_dict(stored).sections == {"weights": weights, "labs": labs}
    assert Parsed.records_in(stored) == 3
    # An import stored before, one record after another, still reads.
    earlier = {**stored, "sections": {"weights": weights}}
    assert Parsed.from_dict(earlier).sections == {"weights": weights}


def test_another_user_cannot_see_confirm_or_cancel_it(owner, other, alice):
    token = token_of(upload(owner))
    for url in (f"/data/import/{token}/", f"/data/import/{token}/progress/"):
        assert other.get(url).status_code == 404
    for action in ("confirm", "cancel"):
        response = other.post(f"/data/import/{token}/{action}/", {"duplicates": "skip"})
        assert response.status_code == 404
    assert PendingImport.objects.get(token=token).status == "pending"
    assert not WeightEntry.objects.exists()


def test_anonymous_is_sent_to_log_in(anon, alice):
    item = stored(alice)
    response = anon.post(f"/data/import/{item.token}/confirm/", {"duplicates": "skip"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not WeightEntry.objects.exists()


def test_it_expires_for_everyone_a_day_after_the_upload(owner, alice, bob):
    almost, expired, bobs = stored(alice), stored(alice), stored(bob)
    age(almost, 23.9)
    age(expired, 24.1)
    age(bobs, 25)
    assert owner.get(f"/data/import/{almost.token}/").status_code == 200
    assert owner.get(f"/data/import/{expired.token}/").status_code == 404
    response = owner.post(f"/data/import/{expired.token}/confirm/", {"duplicates": "skip"})
    assert response.status_code == 404 and not WeightEntry.objects.exists()
    # Any preview or upload clears what expired, whoever it belonged to.
    assert not PendingImport.objects.filter(pk__in=[expired.pk, bobs.pk]).exists()
    assert PendingImport.objects.filter(pk=almost.pk).exists()


def test_each_person_may_keep_five_waiting(owner, alice, bob):
    for _ in range(pending.MAX_PENDING - 1):
        stored(alice)
    stored(bob)  # another person's imports do not count
    token_of(upload(owner))  # the fifth
    response = upload(owner)
    assert response.status_code == 200
    assert "You already have 5 imports waiting for confirmation" in response.content.decode()
    assert PendingImport.objects.filter(user=alice).count() == pending.MAX_PENDING


def test_done_and_expired_imports_leave_room(owner, alice):
    items = [stored(alice) for _ in range(pending.MAX_PENDING)]
    age(items[0], 25)
    pending.confirm(alice, items[1].token)
    token_of(upload(owner))
    token_of(upload(owner))


def test_the_bytes_waiting_are_capped_too(owner, alice, monkeypatch):
    monkeypatch.setattr(pending, "MAX_PENDING_BYTES", 2 * len(WEIGHTS))
    token_of(upload(owner))
    token_of(upload(owner))  # exactly at the cap
    response = upload(owner)
    assert "would hold more than" in response.content.decode()
    owner.post(f"/data/import/{PendingImport.objects.first().token}/cancel/")
    token_of(upload(owner))


def test_a_second_confirm_finds_it_done_and_says_so(owner, alice):
    token = token_of(upload(owner))
    first = owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"})
    second = owner.post(f"/data/import/{token}/confirm/", {"duplicates": "replace"}, follow=True)
    assert first.url == "/data/"
    assert "This import is already done. Imported 2 new entries." in second.content.decode()
    assert WeightEntry.objects.filter(user=alice).count() == 2
    item = PendingImport.objects.get(token=token)
    assert item.status == "done" and item.text == "" and item.parsed == {}


def test_a_failed_confirm_can_be_tried_again(alice, monkeypatch):
    from django.db import IntegrityError

    from tracker.exchange import sections

    item = stored(alice)
    real = sections.SECTIONS["weights"].commit

    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(sections.SECTIONS["weights"], "commit", fail)
    with pytest.raises(pending.ImportProblem):
        pending.confirm(alice, item.token)
    assert PendingImport.objects.get(pk=item.pk).status == "pending"
    monkeypatch.setattr(sections.SECTIONS["weights"], "commit", real)
    assert pending.confirm(alice, item.token).added == 2


def test_the_api_finds_only_the_owners_waiting_import(alice, bob):
    item = stored(alice)
    assert pending.find(alice, item.token).pk == item.pk
    assert pending.find(bob, item.token) is None
    assert not pending.cancel(bob, item.token)
    assert pending.cancel(alice, item.token)
    assert pending.find(alice, item.token) is None
