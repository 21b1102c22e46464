"""The import progress cache on a connection of its own.

An import writes its progress while its all-or-nothing transaction is open. Written on
the import's own connection, a database cache entry would stay invisible to the page
polling it until the commit; on SQLite, whose writer holds the whole file, nobody else
could even write one. So the "progress" cache's table is reached through the database
alias "progress", a second connection in autocommit: on PostgreSQL to the same
database, on SQLite to a small file of its own beside the main one.

Imported by the settings: nothing here may import models or read settings at import.
"""

from __future__ import annotations

import copy
from pathlib import Path

PROGRESS_DB = "progress"
PROGRESS_TABLE = "liverlog_progress"
SQLITE = "django.db.backends.sqlite3"


def _beside(name: str) -> str:
    """db.sqlite3 -> db.progress.sqlite3, in the same directory."""
    path = Path(name)
    return str(path.with_name(f"{path.stem}.{PROGRESS_DB}{path.suffix or '.sqlite3'}"))


def progress_database(default: dict) -> dict:
    """The "progress" alias's settings, made from the default database's."""
    database = copy.deepcopy(default)
    if database["ENGINE"] == SQLITE:
        database["NAME"] = _beside(str(database["NAME"]))
        test = database.get("TEST") or {}
        if test.get("NAME"):
            database["TEST"] = {**test, "NAME": _beside(test["NAME"])}
    return database


def _is_progress(model) -> bool:
    return getattr(model._meta, "db_table", None) == PROGRESS_TABLE


class ProgressRouter:
    """Sends the progress cache table to the "progress" alias, and nothing else there."""

    def db_for_read(self, model, **hints):
        return PROGRESS_DB if _is_progress(model) else None

    def db_for_write(self, model, **hints):
        return PROGRESS_DB if _is_progress(model) else None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        from django.conf import settings

        model = hints.get("model")
        if model is not None and _is_progress(model):
            # On a server database both aliases reach the one database, whichever
            # creates the table (the test runner creates it through "default").
            return db == PROGRESS_DB or settings.DATABASES[PROGRESS_DB]["ENGINE"] != SQLITE
        if db == PROGRESS_DB:
            return False
        return None
