"""Django's database cache, with a cheaper `set`.

Django's DatabaseCache.set counts every row of the table before each write (to decide
whether to cull), then looks the key up and updates or inserts it inside a transaction:
five statements on SQLite (BEGIN and COMMIT included) for every dashboard rendered after a
change. Here a write is one upsert, and the count (with the cull it may start) runs on one
write in CULL_CHECK_EVERY of each cache connection (one per thread), so the table may pass
MAX_ENTRIES by at most that many rows per thread before a third of it is culled, as before.
`add`, `touch`, `get` and the rest are Django's.
"""

from __future__ import annotations

import base64
import itertools
import pickle
import threading
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

CULL_CHECK_EVERY = 50  # writes of one process between two counts of the table


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._writes = itertools.count(1)
        self._counting = threading.Lock()

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with self._counting:
            check = next(self._writes) % CULL_CHECK_EVERY == 0
        if check:
            self._cull_if_full(db)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(self._table)} ({quote('cache_key')}, {quote('value')}, "
            f"{quote('expires')}) VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) "
            f"DO UPDATE SET {quote('value')} = excluded.{quote('value')}, "
            f"{quote('expires')} = excluded.{quote('expires')}"
        )
        pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        params = [key, pickled, expires]
        try:
            # Inside a transaction, a savepoint keeps a failed write from breaking it.
            if connection.in_atomic_block:
                with transaction.atomic(using=db), connection.cursor() as cursor:
                    cursor.execute(sql, params)
            else:
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
        except DatabaseError:
            pass  # as Django's: a cache that cannot be written is only slower

    def _cull_if_full(self, db: str) -> None:
        connection = connections[db]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(self._table)}")
            rows = cursor.fetchone()[0]
            if rows > self._max_entries:
                self._cull(db, cursor, tz_now().replace(microsecond=0), rows)
