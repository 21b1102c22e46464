"""The hourly reminder run, as a task of the task worker. Each run enqueues the next one
for the top of the following hour, so one `schedule_reminders` after deploying keeps
reminders going for as long as a worker runs."""

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from tracker.reminders.sending import send_due


def next_hour(now: dt.datetime) -> dt.datetime:
    return now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)


@task()
def send_reminders() -> int:
    sent = send_due()
    schedule_next()
    return sent


def schedule_next(now: dt.datetime | None = None):
    """Enqueue the next run, where the backend can hold a task until a given time (the
    database backend can; the immediate one used in tests would run it at once, forever).
    A run already waiting is the next one: a second `schedule_reminders` after another
    deploy must not start a second hourly chain."""
    if not send_reminders.get_backend().supports_defer:
        return None
    waiting = _waiting_run()
    if waiting is not None:
        return waiting
    when = next_hour(now or timezone.now())
    return send_reminders.using(run_after=when).enqueue()


def _waiting_run():
    """The queued run of the database backend (the one our settings use), if any."""
    row = (
        DBTaskResult.objects.filter(
            task_path=send_reminders.module_path, status=TaskResultStatus.READY
        )
        .order_by("run_after")
        .first()
    )
    return None if row is None else row.task_result
