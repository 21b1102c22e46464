"""The database cache's cheaper write: one statement, the same entries as Django's, and the
table still culled when it grows past its limit."""

import itertools

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tracker.server import cache as database_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache():
    shared = caches["default"]
    shared.clear()
    yield shared
    shared.clear()


def rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM liverlog_cache")
        return cursor.fetchone()[0]


def test_it_is_the_cache_the_settings_name(cache):
    assert isinstance(cache, database_cache.DatabaseCache)


def test_a_write_is_read_back_and_a_second_write_replaces_it(cache):
    cache.set("dashboard:a", {"charts": b"\x00zipped"}, 60)
    assert cache.get("dashboard:a") == {"charts": b"\x00zipped"}
    cache.set("dashboard:a", "newer", 60)
    assert cache.get("dashboard:a") == "newer"
    assert rows() == 1


def test_an_expired_entry_is_not_read(cache):
    cache.set("gone", "soon", -1)
    assert cache.get("gone") is None


def test_an_entry_without_timeout_is_kept(cache):
    cache.set("kept", "always", None)
    assert cache.get("kept") == "always"


@pytest.mark.django_db(transaction=True)  # outside a transaction, as a page view writes
def test_a_write_is_one_statement(cache, monkeypatch):
    # Not the write in CULL_CHECK_EVERY that counts the table, whatever tests ran before.
    monkeypatch.setattr(cache, "_writes", itertools.count(1))
    with CaptureQueriesContext(connection) as captured:
        cache.set("one", 1, 60)
    assert len(captured) == 1, [q["sql"] for q in captured]


def test_a_write_inside_a_transaction_stays_in_it(cache):
    with transaction.atomic():
        cache.set("inside", "kept", 60)
    assert cache.get("inside") == "kept"


def test_add_and_touch_still_behave_as_djangos(cache):
    assert cache.add("new", 1, 60)
    assert not cache.add("new", 2, 60)
    assert cache.touch("new", 120)
    assert cache.get("new") == 1


def test_the_table_is_culled_once_past_its_limit(cache, monkeypatch):
    monkeypatch.setattr(cache, "_max_entries", 30)
    monkeypatch.setattr(cache, "_cull_frequency", 3)
    monkeypatch.setattr(database_cache, "CULL_CHECK_EVERY", 10)
    for n in range(40):
        cache.set(f"entry-{n}", n, 60)
    # Counted on four of the 40 writes: the first count past 30 rows culls a third.
    assert rows() <= 30
    assert rows() >= 25
