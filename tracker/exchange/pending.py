"""Imports waiting for the person's confirmation, and the progress of a running one.

A pending import is a database row (tracker.models.PendingImport): the uploaded text,
how it was read, and the validated records, found by a random token and its owner, so
any app server can preview, confirm or cancel it. Another user's token is simply not
found. Pending imports expire for everyone a day after the upload, and each person
may keep only a few (MAX_PENDING, MAX_PENDING_BYTES) waiting at once.

Confirming is idempotent: confirm() claims the row (a conditional UPDATE from
"pending" to "done") in the same transaction that writes the records, so of two
confirms at once (a double click, two servers) one writes and the other finds the
import already done. A failed write rolls the claim back with everything else.

The whole API, for views, commands and a task worker: create(), find(), reread(),
cancel(), confirm(), exists(), purge_expired(), Progress and progress_of().

Progress lives in the "progress" cache under the token, seen by every process: Redis
when configured, else a database cache reached through a connection of its own (see
tracker/server/routers.py), since it is written while the import's transaction is open.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from tracker.models import PendingImport

from . import importer
from .parsed import Parsed
from .reading import MAX_BYTES, ImportProblem, megabytes, plural

MAX_AGE = dt.timedelta(days=1)
MAX_PENDING = 5
MAX_PENDING_BYTES = 2 * MAX_BYTES
PENDING = PendingImport.Status.PENDING
DONE = PendingImport.Status.DONE


class AlreadyDone(ImportProblem):
    """A second confirm of an import that was already written: nothing more to do."""


def _fresh():
    return PendingImport.objects.filter(created_at__gte=timezone.now() - MAX_AGE)


def purge_expired() -> int:
    """Forget every import uploaded more than a day ago, whoever it belongs to."""
    deleted, _ = PendingImport.objects.filter(created_at__lt=timezone.now() - MAX_AGE).delete()
    return deleted


def _check_room(user, size: int) -> None:
    waiting = _fresh().filter(user=user, status=PENDING)
    count = waiting.count()
    used = waiting.aggregate(total=Sum("size"))["total"] or 0
    if count >= MAX_PENDING:
        raise ImportProblem(
            f"You already have {plural(count, 'import', 'imports')} waiting for confirmation "
            f"(at most {MAX_PENDING}). Import or cancel one of them first, or wait a day "
            "for them to expire."
        )
    if used + size > MAX_PENDING_BYTES:
        raise ImportProblem(
            f"Your imports waiting for confirmation hold {megabytes(used)}; with this file "
            f"they would hold more than {megabytes(MAX_PENDING_BYTES)}. Import or cancel "
            "one of them first."
        )


def create(
    user, filename: str, text: str, parsed: Parsed, uploaded_bytes: int = 0
) -> PendingImport:
    """Keep an uploaded, validated file for its preview. Raises ImportProblem when the
    person already has too many imports waiting. The size counted is the larger of the
    upload and the text kept (an archive keeps no text but was uploaded whole)."""
    purge_expired()
    # The UTF-8 size, without encoding a big ASCII text into a copy just to measure it.
    size = max(uploaded_bytes, len(text) if text.isascii() else len(text.encode("utf-8")))
    _check_room(user, size)
    return PendingImport.objects.create(
        user=user,
        token=secrets.token_urlsafe(18),
        filename=filename[:200],
        text=text,
        size=size,
        parsed=parsed.to_dict(),
    )


def find(user, token: str) -> PendingImport | None:
    """The person's import still waiting for confirmation, or None. Each look also
    forgets what expired, so nobody's upload outlives its day for long."""
    purge_expired()
    # The file's text is loaded only if it is read again: a preview needs the records.
    return _fresh().filter(user=user, token=token, status=PENDING).defer("text").first()


def exists(user, token: str) -> bool:
    """Whether the person has this import, waiting or done (its progress can be shown)."""
    return _fresh().filter(user=user, token=token).exists()


def reread(item: PendingImport, parsed: Parsed) -> None:
    """Keep the file as read again with other options (only while it is waiting)."""
    PendingImport.objects.filter(pk=item.pk, status=PENDING).update(parsed=parsed.to_dict())
    item.parsed = parsed.to_dict()


def cancel(user, token: str) -> bool:
    deleted, _ = _fresh().filter(user=user, token=token, status=PENDING).delete()
    return bool(deleted)


def _claim(user, token: str) -> PendingImport:
    """Mark the import done inside the caller's transaction; only one confirm can."""
    claimed = _fresh().filter(user=user, token=token, status=PENDING).update(status=DONE, text="")
    if not claimed:
        done = _fresh().filter(user=user, token=token, status=DONE).first()
        if done is not None:
            raise AlreadyDone(f"This import is already done. {done.summary}".strip())
        raise ImportProblem("No such import: it was cancelled or has expired.")
    return PendingImport.objects.get(user=user, token=token)


def confirm(user, token: str, policy: str = "skip", with_profile: bool = False):
    """Write a pending import all or nothing, once. Returns importer.Result; raises
    AlreadyDone for a second confirm, ImportProblem when nothing could be written."""
    progress = None
    try:
        with transaction.atomic():
            item = _claim(user, token)
            parsed = Parsed.from_dict(item.parsed)
            total = importer.writes(user, parsed, policy)
            progress = Progress(user.pk, token, total)
            result = importer.commit(user, parsed, policy, with_profile, progress)
            item.summary = result.summary()[:300]
            item.parsed = {}
            item.save(update_fields=["summary", "parsed"])
    except AlreadyDone:
        raise
    except ImportProblem:
        if progress is not None:
            progress.forget()
        raise
    progress.finish()
    return result


# --- Progress ----------------------------------------------------------------------------


def _progress_store():
    return caches["progress"] if "progress" in settings.CACHES else cache


def _progress_key(user_id: int, token: str) -> str:
    return f"liverlog:import-progress:{int(user_id)}:{token}"


class Progress:
    """Rows written so far, for the progress bar polled while a confirm runs."""

    def __init__(self, user_id: int, token: str, total: int):
        self.key = _progress_key(user_id, token)
        self.done, self.total = 0, total
        self._store(finished=False)

    def _store(self, finished: bool) -> None:
        value = {"done": self.done, "total": self.total, "finished": finished}
        _progress_store().set(self.key, value, timeout=int(MAX_AGE.total_seconds()))

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        self._store(finished=False)

    def finish(self) -> None:
        self.done = self.total
        self._store(finished=True)

    def forget(self) -> None:
        """After a failed import: nothing was written, so there is no progress to show."""
        _progress_store().delete(self.key)


def progress_of(user_id: int, token: str) -> dict | None:
    return _progress_store().get(_progress_key(user_id, token))


def forget_progress(user_id: int, tokens) -> None:
    _progress_store().delete_many([_progress_key(user_id, token) for token in tokens])
