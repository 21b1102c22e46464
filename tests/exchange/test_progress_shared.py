"""A large import's progress reaches the page polled through another process while the
import's all-or-nothing transaction is still open: the progress cache writes through a
connection of its own (tracker/server/routers.py), not the import's.

The import runs in another thread, with its own database connections as the task worker
has, and is held after its first batch; meanwhile this process's polls and another
Python process read the progress. On SQLite (where the import's transaction holds the
whole database file) and on PostgreSQL.
"""

import json
import os
import subprocess
import sys
import threading
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from tests.conftest import HTMX
from tests.exchange.test_import_job import upload
from tracker.exchange import import_job, pending, sections
from tracker.models import Job, WeightEntry

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 6


@pytest.fixture
def held_after_first_batch(monkeypatch):
    """Imports go to the worker from 3 rows, write 2 rows a batch, and pause after the
    first batch until told to go on."""
    monkeypatch.setattr(import_job, "LARGE", 2)
    monkeypatch.setattr(sections, "BATCH", 2)
    written, go_on = threading.Event(), threading.Event()
    advance = pending.Progress.advance

    def pausing(self, count):
        advance(self, count)
        if self.done == 2:
            written.set()
            assert go_on.wait(60), "the test never let the import go on"

    monkeypatch.setattr(pending.Progress, "advance", pausing)
    return written, go_on


def confirm_in_another_thread(user, preview: str):
    worker = Client()
    worker.force_login(user)
    failures: list[BaseException] = []

    def run():
        try:
            worker.post(f"{preview}confirm/", {"duplicates": "skip"})
        except BaseException as error:  # noqa: BLE001 - the test must see it
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failures


def progress_read_by_another_process(user_id: int, token: str):
    """What a separate Python process, on the same (test) database, reads as progress."""
    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{database['NAME']}"
    else:
        login = f"{quote(database['USER'])}:{quote(database['PASSWORD'])}"
        url = f"postgres://{login}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    code = (
        "import django, json; django.setup(); from tracker.exchange import pending; "
        f"print(json.dumps(pending.progress_of({user_id}, {token!r})))"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_polls_show_rows_written_while_the_import_is_still_open(
    owner, alice, held_after_first_batch
):
    written, go_on = held_after_first_batch
    preview = upload(owner, days=ROWS)
    token = preview.rstrip("/").rsplit("/", 1)[-1]
    thread, failures = confirm_in_another_thread(alice, preview)
    try:
        assert written.wait(60), failures
        # Nothing is committed yet: this connection sees no entry at all.
        assert not WeightEntry.objects.filter(user=alice).exists()
        job = Job.objects.get(user=alice, kind=Job.Kind.IMPORT)
        assert job.state == Job.State.RUNNING

        on_job_page = owner.get(f"/data/import/job/{job.pk}/", **HTMX)
        assert on_job_page.status_code == 200  # still polling
        assert f"2 of {ROWS} rows written" in on_job_page.content.decode()
        on_preview = owner.get(f"/data/import/{token}/progress/", **HTMX)
        assert on_preview.status_code == 200
        assert f"2 of {ROWS} rows written" in on_preview.content.decode()
        elsewhere = progress_read_by_another_process(alice.pk, token)
        assert elsewhere == {"done": 2, "total": ROWS, "finished": False}
    finally:
        go_on.set()
        thread.join(60)
    assert not failures and not thread.is_alive()
    assert WeightEntry.objects.filter(user=alice).count() == ROWS
    finished = owner.get(f"/data/import/job/{job.pk}/", **HTMX)
    assert (
        finished.status_code == 286 and f"Imported {ROWS} new entries" in finished.content.decode()
    )
    assert pending.progress_of(alice.pk, token) == {"done": ROWS, "total": ROWS, "finished": True}
