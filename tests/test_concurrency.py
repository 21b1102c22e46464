"""Concurrent writers through the real views: nothing is lost, nobody sees an error.

On SQLite this needs a database file (WAL and the write lock mean nothing in memory);
config/settings.py names one for tests. The same tests run on PostgreSQL in CI.
"""

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from tests.conftest import make_user
from tracker.models import Exercise, WeightEntry

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
PER_THREAD = 25
LOCKED = "database is locked"


def run_together(count: int, work: Callable[[int, threading.Barrier], list[int]]):
    """Run work(i, barrier) in `count` threads started at once; return statuses and errors.

    Each thread closes its own database connection at the end, as a server thread would.
    """
    barrier = threading.Barrier(count, timeout=60)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(index: int):
        try:
            got = work(index, barrier)
            with lock:
                statuses.extend(got)
        except BaseException as error:  # noqa: BLE001 - every failure must reach the test
            with lock:
                errors.append(error)
            barrier.abort()  # free the others rather than leave them waiting
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return statuses, errors


def logged_in_clients(users) -> list[Client]:
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def day(offset: int) -> str:
    return (timezone.localdate() - timedelta(days=offset)).isoformat()


@pytest.fixture
def writers():
    return [make_user(f"writer{i}") for i in range(THREADS)]


def assert_no_lock_error(errors, caplog):
    texts = [repr(error) for error in errors] + [record.getMessage() for record in caplog.records]
    assert not any(LOCKED in text for text in texts), texts
    assert errors == []


def test_sqlite_test_database_is_a_file_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip("WAL is SQLite's; PostgreSQL has its own concurrency control.")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert "memory" not in str(connection.settings_dict["NAME"])


def test_eight_people_logging_at_once_lose_nothing(writers, caplog):
    caplog.set_level(logging.WARNING)
    clients = logged_in_clients(writers)

    def work(index, barrier):
        client = clients[index]
        barrier.wait()
        statuses = []
        for n in range(PER_THREAD):
            weight = {"date": day(n), "weight": f"{80 + index + n / 10:.1f}", "unit": "kg"}
            statuses.append(client.post("/log/weight/add/", weight).status_code)
            exercise = {
                "date": day(n),
                "activity": f"Walking {index}-{n}",
                "kind": "aerobic",
                "minutes": str(10 + n),
                "intensity": "moderate",
            }
            statuses.append(client.post("/log/exercise/add/", exercise).status_code)
        return statuses

    statuses, errors = run_together(THREADS, work)

    assert_no_lock_error(errors, caplog)
    assert len(statuses) == THREADS * PER_THREAD * 2
    assert set(statuses) == {302}
    assert WeightEntry.objects.count() == THREADS * PER_THREAD
    assert Exercise.objects.count() == THREADS * PER_THREAD
    for user in writers:
        assert WeightEntry.objects.filter(user=user).count() == PER_THREAD
        assert Exercise.objects.filter(user=user, activity__startswith="Walking").count() == (
            PER_THREAD
        )


def test_one_person_logging_the_same_weight_date_from_many_tabs_keeps_one_row(writers, caplog):
    caplog.set_level(logging.WARNING)
    person = writers[0]
    clients = logged_in_clients([person] * THREADS)
    rounds = 10

    def work(index, barrier):
        client = clients[index]
        statuses = []
        for n in range(rounds):
            barrier.wait()  # every tab posts the same date at the same moment
            data = {"date": day(n), "weight": f"{70 + index}", "unit": "kg"}
            statuses.append(client.post("/log/weight/add/", data).status_code)
        return statuses

    statuses, errors = run_together(THREADS, work)

    assert_no_lock_error(errors, caplog)
    assert statuses == [302] * (THREADS * rounds)
    weights = WeightEntry.objects.filter(user=person)
    assert weights.count() == rounds
    assert sorted(str(w.date) for w in weights) == sorted(day(n) for n in range(rounds))
    # The row holds one of the posted weights, whole: value, typed value and unit agree.
    for weight in weights:
        assert 70 <= weight.weight_kg < 70 + THREADS
        assert float(weight.value_typed) == weight.weight_kg
        assert weight.unit_typed == "kg"
