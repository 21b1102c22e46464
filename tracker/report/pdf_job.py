"""The report PDF, made by the task worker: WeasyPrint's layout and the charts' drawing
(matplotlib, in the worker's own process) run there, never in a web server process."""

import datetime as dt
import time

from django.utils import timezone
from django_tasks import task

from tracker import jobs
from tracker.models import Job, Profile, ShareLink
from tracker.report import build as reports
from tracker.report import frozen, pdf

FAILURE = "The PDF could not be made. Try again later, or print this page instead."
# A share link's PDF is made once for everyone who opens it within this time.
SHARED_PDF_REUSE = dt.timedelta(minutes=10)
SHARED_PDF_WAIT_SECONDS = 60


def request_pdf(user, start: dt.date, end: dt.date) -> Job:
    params = {"start": start.isoformat(), "end": end.isoformat()}
    return jobs.start(user, Job.Kind.REPORT_PDF, make_report_pdf, params)


@task()
def make_report_pdf(job_id: str) -> None:
    jobs.run(job_id, _render, FAILURE)


def pdf_for_link(link) -> Job:
    """The PDF of a share link's report, made by the worker, waited for here (a doctor's
    plain download link). Everyone opening the link within SHARED_PDF_REUSE gets the same
    job, so a link cannot fill the queue. Returns the job, finished or not."""
    job = (
        Job.objects.filter(
            user=link.user,
            kind=Job.Kind.REPORT_PDF,
            params__link=link.pk,
            created_at__gte=timezone.now() - SHARED_PDF_REUSE,
        )
        .exclude(state=Job.State.FAILED)
        .order_by("-created_at")
        .first()
    )
    if job is None:
        params = {"start": _iso(link.period_start), "end": _iso(link.period_end), "link": link.pk}
        job = jobs.start(link.user, Job.Kind.REPORT_PDF, make_report_pdf, params)
    deadline = time.monotonic() + SHARED_PDF_WAIT_SECONDS
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()
    return job


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _report_of(job: Job):
    """The report a job prints: a share link's as it was shared, else the period's now."""
    if "link" in job.params:
        link = ShareLink.objects.filter(pk=job.params["link"], user=job.user).first()
        if link is not None and link.snapshot is not None:
            return frozen.thaw(link.snapshot)
    profile, _ = Profile.objects.get_or_create(user=job.user)
    return reports.report_for(
        job.user, profile, _date(job.params["start"]), _date(job.params["end"])
    )


def _render(job: Job) -> None:
    jobs.report_progress(job, 1, 3)
    built = _report_of(job)
    jobs.report_progress(job, 2, 3)
    job.result = pdf.render_report(None, built)
    job.filename = f"liverlog-report-{built.start:%Y%m%d}-{built.end:%Y%m%d}.pdf"
    job.done = 3
