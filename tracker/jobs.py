"""Running a Job in the task worker: claim it once, record progress, keep the result,
and turn any failure into a plain message for the person and an error in the log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tracker.models import Job

log = logging.getLogger("liverlog.tasks")
STOP_POLLING = 286  # htmx stops polling on this status
# A finished job's result (a PDF is personal data) is kept this long, then deleted.
KEPT_FOR = timedelta(days=1)


def start(user, kind: str, task, params: dict) -> Job:
    """Record a job and queue its task. Views run in autocommit, so the row is committed
    before the worker can look for it."""
    Job.objects.filter(
        user=user,
        state__in=(Job.State.DONE, Job.State.FAILED),
        created_at__lt=timezone.now() - KEPT_FOR,
    ).delete()
    job = Job.objects.create(user=user, kind=kind, params=params)
    task.enqueue(str(job.pk))
    job.refresh_from_db()  # tests run the task at once, inside enqueue()
    return job


class Refused(Exception):
    """The work could not be done for a reason the person should read (not a fault)."""


def run(job_id: str, work: Callable[[Job], None], failure: str) -> None:
    """Run `work` on the job unless another worker already claimed it; `failure` is what
    the person reads if it raises."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(state=Job.State.RUNNING)
    if not claimed:  # already run, or the person deleted their account meanwhile
        return
    job = Job.objects.select_related("user").get(pk=job_id)
    try:
        work(job)
    except Refused as refusal:
        job.state, job.message, job.result = Job.State.FAILED, str(refusal)[:500], None
    except Exception:
        log.exception("task failed", extra={"job": str(job.pk), "kind": job.kind})
        job.state, job.message, job.result = Job.State.FAILED, failure, None
    else:
        job.state = Job.State.DONE
    job.finished_at = timezone.now()
    job.save()


def report_progress(job: Job, done: int, total: int) -> None:
    job.done, job.total = done, total
    Job.objects.filter(pk=job.pk).update(done=done, total=total)


def status_page(request, job: Job, template: str, extra: dict | None = None) -> HttpResponse:
    """A job's page; asked by htmx, just its status part, telling htmx to stop polling
    once the job has finished. `extra` adds to the template's context."""
    context = {"job": job, **(extra or {})}
    if not request.htmx:
        return render(request, template, context)
    response = render(request, f"{template}#status", context)
    if job.finished:
        response.status_code = STOP_POLLING
    return response
