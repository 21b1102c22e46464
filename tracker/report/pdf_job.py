"""The report PDF, made by the task worker: WeasyPrint and a Chromium for the charts run
there, one warm Chromium for the worker process, never one per web server process."""

import datetime as dt

from django_tasks import task

from tracker import jobs
from tracker.models import Job, Profile
from tracker.report import build as reports
from tracker.report import pdf

FAILURE = "The PDF could not be made. Try again later, or print this page instead."


def request_pdf(user, start: dt.date, end: dt.date) -> Job:
    params = {"start": start.isoformat(), "end": end.isoformat()}
    return jobs.start(user, Job.Kind.REPORT_PDF, make_report_pdf, params)


@task()
def make_report_pdf(job_id: str) -> None:
    jobs.run(job_id, _render, FAILURE)


def _render(job: Job) -> None:
    start = dt.date.fromisoformat(job.params["start"])
    end = dt.date.fromisoformat(job.params["end"])
    profile, _ = Profile.objects.get_or_create(user=job.user)
    jobs.report_progress(job, 1, 3)
    built = reports.build_report(job.user, profile, start, end)
    jobs.report_progress(job, 2, 3)
    job.result = pdf.render_report(None, built)
    job.filename = f"liverlog-report-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    job.done = 3
