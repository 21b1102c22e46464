"""The rate limits' counters: every event at once counted exactly once, on SQLite and
PostgreSQL, and a fresh window once the last has ended."""

import pytest

from tests.test_concurrency import run_together
from tracker.server import counters

pytestmark = pytest.mark.django_db(transaction=True)
THREADS, PER_THREAD = 8, 25


def test_increments_at_once_each_get_their_own_count():
    def work(index, barrier):
        barrier.wait()
        return [counters.hit("guess:203.0.113.9", 600) for _ in range(PER_THREAD)]

    counts, errors = run_together(THREADS, work)

    assert not errors
    # No two increments saw the same count: none was lost to a read-then-write race.
    assert sorted(counts) == list(range(1, THREADS * PER_THREAD + 1))
    assert counters.current("guess:203.0.113.9") == THREADS * PER_THREAD


def test_a_window_counts_from_its_first_event_and_then_starts_again(monkeypatch):
    clock = [1_000_000]
    monkeypatch.setattr(counters, "_now", lambda: clock[0])
    assert [counters.hit("reset:a", 60) for _ in range(3)] == [1, 2, 3]
    clock[0] += 59
    assert (counters.hit("reset:a", 60), counters.current("reset:a")) == (4, 4)
    clock[0] += 1  # the window began at 1_000_000 and lasted 60 s
    assert counters.current("reset:a") == 0
    assert counters.hit("reset:a", 60) == 1
    assert counters.hit("reset:b", 60) == 1  # keys count apart
