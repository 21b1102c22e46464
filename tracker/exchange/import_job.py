"""Large imports are confirmed in the task worker, so that writing tens of thousands of
rows never holds a web server process (or its request) for long; small ones are
written at once, in the request, as before."""

from django_tasks import task

from tracker import jobs
from tracker.exchange import pending
from tracker.exchange.parsed import Parsed
from tracker.exchange.reading import ImportProblem
from tracker.models import Job, PendingImport

# Records above which the worker writes the import (a year of daily weighings is 365).
LARGE = 2_000
FAILURE = "The import could not be finished, and nothing was saved. Try again later."


def is_large(item: PendingImport) -> bool:
    return Parsed.records_in(item.parsed) > LARGE


def request_import(user, token: str, policy: str, with_profile: bool) -> Job:
    params = {"token": token, "policy": policy, "with_profile": with_profile}
    return jobs.start(user, Job.Kind.IMPORT, confirm_import, params)


@task()
def confirm_import(job_id: str) -> None:
    jobs.run(job_id, _confirm, FAILURE)


def _confirm(job: Job) -> None:
    params = job.params
    try:
        result = pending.confirm(
            job.user, params["token"], params["policy"], params["with_profile"]
        )
    except pending.AlreadyDone as done:
        job.message = str(done)[:500]
        return
    except ImportProblem as problem:
        raise jobs.Refused(str(problem)) from None
    job.message = result.summary()[:500]
