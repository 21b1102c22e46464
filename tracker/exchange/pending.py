"""Imports waiting for the person's confirmation, and the progress of a running one.

A pending import is kept on the server, never sent back by the browser: a JSON file
(the uploaded text, the options and the validated records) in a private folder per
user, named by a random token. Another user's token is simply not found. Files are
deleted on confirm or cancel, and any left for more than a day are removed.

Progress lives in Django's cache under the token. With the default per-process
LocMemCache it is seen by requests served by the same process (runserver, or one
gunicorn worker with threads); with several worker processes, configure a shared cache.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_AGE_SECONDS = 24 * 60 * 60


def base_dir() -> Path:
    configured = getattr(settings, "LIVERLOG_IMPORT_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "liverlog-imports"


def _folder(user_id: int) -> Path:
    folder = base_dir() / str(int(user_id))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _path(user_id: int, token: str) -> Path | None:
    if not TOKEN.fullmatch(token or ""):
        return None
    return _folder(user_id) / f"{token}.json"


def save(user_id: int, data: dict, token: str | None = None) -> str:
    token = token or secrets.token_urlsafe(18)
    path = _path(user_id, token)
    remove_stale(user_id)
    scratch = path.with_suffix(".tmp")
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(data, out)
    os.replace(scratch, path)  # a reader never sees half a file
    return token


def load(user_id: int, token: str) -> dict | None:
    path = _path(user_id, token)
    if path is None or not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def exists(user_id: int, token: str) -> bool:
    path = _path(user_id, token)
    return path is not None and path.exists()


def delete(user_id: int, token: str) -> None:
    path = _path(user_id, token)
    if path is not None:
        path.unlink(missing_ok=True)


def remove_stale(user_id: int) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _folder(user_id).glob("*.json"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue


# --- Progress ----------------------------------------------------------------------------


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
        cache.set(self.key, value, timeout=MAX_AGE_SECONDS)

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        self._store(finished=False)

    def finish(self) -> None:
        self.done = self.total
        self._store(finished=True)

    def forget(self) -> None:
        """After a failed import: nothing was written, so there is no progress to show."""
        cache.delete(self.key)


def progress_of(user_id: int, token: str) -> dict | None:
    return cache.get(_progress_key(user_id, token))
