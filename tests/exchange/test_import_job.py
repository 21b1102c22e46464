"""A large import is written by the task worker; the page shows its state and outcome.
Tests run tasks at once (ImmediateBackend)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import HTMX
from tracker.exchange import import_job, pending
from tracker.models import Job, WeightEntry

pytestmark = pytest.mark.django_db


def upload(client, days=3):
    rows = "".join(f"2026-10-{day:02},{80 + day / 10:.1f}\n" for day in range(1, days + 1))
    file = SimpleUploadedFile("w.csv", f"date,weight (kg)\n{rows}".encode(), "text/csv")
    response = client.post("/data/import/", {"source": "auto", "unit": "kg", "file": file})
    assert response.status_code == 302
    return response.url


@pytest.fixture
def large_from_two(monkeypatch):
    monkeypatch.setattr(import_job, "LARGE", 2)


def test_a_large_import_goes_to_the_worker_and_shows_its_outcome(owner, alice, large_from_two):
    preview = upload(owner)
    response = owner.post(f"{preview}confirm/", {"duplicates": "skip"})
    job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert response.url == f"/data/import/job/{job.pk}/"
    assert (job.user, job.state) == (alice, Job.State.DONE)
    assert WeightEntry.objects.filter(user=alice).count() == 3
    page = owner.get(response.url).content.decode()
    assert "Imported 3 new entries" in page
    polled = owner.get(response.url, **HTMX)
    assert polled.status_code == 286 and "<html" not in polled.content.decode()


def test_a_small_import_is_written_in_the_request(owner, alice, large_from_two):
    preview = upload(owner, days=2)
    assert owner.post(f"{preview}confirm/", {"duplicates": "skip"}).url == "/data/"
    assert not Job.objects.exists()
    assert WeightEntry.objects.filter(user=alice).count() == 2


def test_an_import_cancelled_before_the_worker_came_fails_plainly(owner, alice):
    token = upload(owner).rstrip("/").rsplit("/", 1)[-1]
    pending.cancel(alice, token)
    job = import_job.request_import(alice, token, "skip", False)
    assert job.state == Job.State.FAILED
    assert "cancelled or has expired" in job.message
    assert not WeightEntry.objects.exists()


def test_a_second_delivery_finds_it_done(owner, alice):
    token = upload(owner).rstrip("/").rsplit("/", 1)[-1]
    first = import_job.request_import(alice, token, "skip", False)
    second = import_job.request_import(alice, token, "skip", False)
    assert first.state == second.state == Job.State.DONE
    assert "already done" in second.message
    assert WeightEntry.objects.filter(user=alice).count() == 3


def test_another_user_gets_404_and_anonymous_is_sent_to_log_in(other, anon, alice):
    job = Job.objects.create(user=alice, kind=Job.Kind.IMPORT, state=Job.State.DONE)
    assert other.get(f"/data/import/job/{job.pk}/").status_code == 404
    assert anon.get(f"/data/import/job/{job.pk}/").url.startswith("/accounts/login/")


def test_a_file_with_errors_posted_to_confirm_is_refused_before_any_job(
    owner, alice, large_from_two
):
    rows = (
        "".join(f"2026-10-{day:02},{80 + day / 10:.1f}\n" for day in range(1, 4))
        + "2026-10-04,800\n"
    )
    file = SimpleUploadedFile("w.csv", f"date,weight (kg)\n{rows}".encode(), "text/csv")
    preview = owner.post("/data/import/", {"source": "auto", "unit": "kg", "file": file}).url
    response = owner.post(f"{preview}confirm/", {"duplicates": "skip"}, follow=True)
    assert "this file still has errors to fix" in response.content.decode()
    assert "Row 5" in response.content.decode()  # back on the preview, the bad row named
    assert not Job.objects.exists()
    assert not WeightEntry.objects.exists()
