"""The PDF is made by the task worker: the page shows its progress and then the
download; only its owner sees either. Tests run tasks at once (ImmediateBackend)."""

import logging
from datetime import date, timedelta

import pytest

from tests.conftest import HTMX
from tracker import jobs
from tracker.models import Job
from tracker.report import pdf, pdf_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_pdf(monkeypatch):
    """The worker's work without WeasyPrint: what is tested here is the road, not the PDF."""
    monkeypatch.setattr(pdf, "availability", lambda: pdf.Availability(True, False, ""))
    monkeypatch.setattr(pdf, "render_report", lambda request, report: b"%PDF-1.7 made")


def test_asking_for_a_pdf_queues_a_job_and_shows_it(owner, alice, fast_pdf):
    response = owner.post("/report/pdf/?start=2026-06-01&end=2026-06-30")
    job = Job.objects.get()
    assert response.url == f"/report/pdf/{job.pk}/"
    assert (job.user, job.kind, job.state) == (alice, Job.Kind.REPORT_PDF, Job.State.DONE)
    assert job.params == {"start": "2026-06-01", "end": "2026-06-30"}
    page = owner.get(response.url).content.decode()
    assert "Your PDF is ready" in page and f"/report/pdf/{job.pk}/download/" in page
    download = owner.get(f"/report/pdf/{job.pk}/download/")
    assert download.content == b"%PDF-1.7 made"
    assert 'filename="liverlog-report-20260601-20260630.pdf"' in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_a_queued_job_polls_and_offers_no_download_yet(owner, alice):
    job = Job.objects.create(user=alice, kind=Job.Kind.REPORT_PDF)
    page = owner.get(f"/report/pdf/{job.pk}/").content.decode()
    assert "Waiting for its turn" in page
    assert f'hx-get="/report/pdf/{job.pk}/"' in page and 'hx-trigger="every 1s"' in page
    assert owner.get(f"/report/pdf/{job.pk}/download/").status_code == 404


def test_a_finished_job_without_its_pdf_offers_no_download(owner, alice):
    job = Job.objects.create(user=alice, kind=Job.Kind.REPORT_PDF, state=Job.State.DONE)
    assert owner.get(f"/report/pdf/{job.pk}/download/").status_code == 404


def test_polling_gets_the_partial_and_stops_when_finished(owner, alice):
    job = Job.objects.create(user=alice, kind=Job.Kind.REPORT_PDF, state=Job.State.RUNNING)
    running = owner.get(f"/report/pdf/{job.pk}/", **HTMX)
    assert running.status_code == 200
    assert "<html" not in running.content.decode() and "Making your PDF" in running.content.decode()
    job.state = Job.State.DONE
    job.save()
    finished = owner.get(f"/report/pdf/{job.pk}/", **HTMX)
    assert finished.status_code == 286  # htmx stops polling
    assert "hx-trigger" not in finished.content.decode()


def test_a_failure_is_told_plainly_and_logged(owner, fast_pdf, monkeypatch, caplog):
    def broken(request, report):
        raise RuntimeError("the layout crashed")

    monkeypatch.setattr(pdf, "render_report", broken)
    with caplog.at_level(logging.ERROR, logger="liverlog.tasks"):
        response = owner.post("/report/pdf/", follow=True)
    assert pdf_job.FAILURE in response.content.decode()
    assert Job.objects.get().state == Job.State.FAILED
    failed = [r for r in caplog.records if r.name == "liverlog.tasks"]
    assert failed and failed[0].getMessage() == "task failed"


def test_a_job_runs_once(alice, fast_pdf):
    job = pdf_job.request_pdf(alice, date(2026, 6, 1), date(2026, 6, 30))
    Job.objects.filter(pk=job.pk).update(result=b"first")
    pdf_job.make_report_pdf.call(str(job.pk))  # a second delivery of the same task
    assert bytes(Job.objects.get(pk=job.pk).result) == b"first"


def test_another_user_gets_404(other, alice):
    job = Job.objects.create(user=alice, kind=Job.Kind.REPORT_PDF, state=Job.State.DONE)
    assert other.get(f"/report/pdf/{job.pk}/").status_code == 404
    assert other.get(f"/report/pdf/{job.pk}/download/").status_code == 404


def test_anonymous_is_sent_to_log_in(anon, alice):
    job = Job.objects.create(user=alice, kind=Job.Kind.REPORT_PDF, state=Job.State.DONE)
    for url in (f"/report/pdf/{job.pk}/", f"/report/pdf/{job.pk}/download/", "/report/pdf/"):
        assert anon.get(url).url.startswith("/accounts/login/")


def test_an_old_link_to_the_pdf_goes_back_to_the_report(owner):
    response = owner.get("/report/pdf/?start=2026-06-01")
    assert response.status_code == 302 and response.url == "/report/?start=2026-06-01"
    assert not Job.objects.exists()


def test_finished_jobs_older_than_a_day_are_deleted_at_the_next_request(alice, bob, fast_pdf):
    from django.utils import timezone

    old = Job.objects.create(user=alice, kind=Job.Kind.REPORT_PDF, state=Job.State.DONE)
    bobs = Job.objects.create(user=bob, kind=Job.Kind.REPORT_PDF, state=Job.State.DONE)
    Job.objects.filter(pk__in=[old.pk, bobs.pk]).update(
        created_at=timezone.now() - jobs.KEPT_FOR - timedelta(minutes=1)
    )
    new = pdf_job.request_pdf(alice, date(2026, 6, 1), date(2026, 6, 30))
    assert set(Job.objects.values_list("pk", flat=True)) == {new.pk, bobs.pk}


def test_a_share_links_pdf_is_made_by_the_worker_once_for_everyone(anon, alice, fast_pdf):
    from tracker.report import sharing

    link, token = sharing.create_link(alice, 7)
    first = anon.get(f"/shared/{token}/pdf/")
    again = anon.get(f"/shared/{token}/pdf/")
    assert first.content == again.content == b"%PDF-1.7 made"
    assert first["Cache-Control"] == "private, no-store"
    job = Job.objects.get()
    assert (job.user, job.params["link"]) == (alice, link.pk)


def test_a_share_links_pdf_that_failed_says_so(anon, alice, fast_pdf, monkeypatch):
    from tracker.report import sharing

    def broken(request, report):
        raise RuntimeError("no PDF engine")

    monkeypatch.setattr(pdf, "render_report", broken)
    _, token = sharing.create_link(alice, 7)
    response = anon.get(f"/shared/{token}/pdf/")
    assert response.status_code == 503
    assert pdf_job.FAILURE in response.content.decode()
