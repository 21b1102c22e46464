"""Atomic counters for rate limits, in the database, whatever the cache is.

The cache's add-then-incr is a read and a write on the database cache: two requests at
once can both read 4 and both write 5, and a guesser gets extra tries. Here one
INSERT … ON CONFLICT DO UPDATE … RETURNING (PostgreSQL, and SQLite since 3.35) adds one
and reads the new count in a single statement, starting a fresh window when the last
one has ended. With Redis configured the counts stay here too: they are rare events,
and one code path is tested on both databases.
"""

from __future__ import annotations

import time

from django.db import connections, router

from tracker.models import RateCount


def _now() -> int:
    return int(time.time())


def hit(key: str, window_seconds: int) -> int:
    """Count one event under `key`; return how many there were in the current window,
    this one included. A window starts at the first event and lasts `window_seconds`."""
    database = router.db_for_write(RateCount)
    connection = connections[database]
    quote = connection.ops.quote_name
    table = quote(RateCount._meta.db_table)
    key_, count, ends = quote("key"), quote("count"), quote("window_ends")
    ended = f"{table}.{ends} <= %s"
    now = _now()
    RateCount.objects.using(database).filter(window_ends__lte=now).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {count}, {ends}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_}) DO UPDATE SET "
            f"{count} = CASE WHEN {ended} THEN 1 ELSE {table}.{count} + 1 END, "
            f"{ends} = CASE WHEN {ended} THEN excluded.{ends} ELSE {table}.{ends} END "
            f"RETURNING {count}",
            [key, now + window_seconds, now, now],
        )
        return cursor.fetchone()[0]


def current(key: str) -> int:
    """Events under `key` in its current window (0 once the window has ended)."""
    found = RateCount.objects.filter(key=key, window_ends__gt=_now()).values_list("count")
    return next((n for (n,) in found), 0)
