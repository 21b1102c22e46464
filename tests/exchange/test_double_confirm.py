"""Several confirms of one pending import at once (a double click, two app servers)
write it once: the import is claimed in the same transaction that writes. Two real
database connections race here, on SQLite and on PostgreSQL."""

import datetime as dt
import logging

import pytest

from tests.conftest import make_user
from tests.factories import MealFactory
from tests.test_concurrency import assert_no_lock_error, logged_in_clients, run_together
from tracker.exchange import importer, json_backup, pending
from tracker.exchange.parsed import Options
from tracker.models import Meal, PendingImport

pytestmark = pytest.mark.django_db(transaction=True)
MEALS = 196


@pytest.fixture
def meals_import():
    """A backup of 196 meals (rows that only an identical row duplicates), waiting in
    a fresh account for confirmation."""
    donor = make_user("donor")
    start = dt.date(2024, 1, 1)
    for n in range(MEALS):
        MealFactory(user=donor, date=start + dt.timedelta(days=n // 2), description=f"meal {n}")
    text = json_backup.dumps(json_backup.build(donor))
    person = make_user("person")
    parsed = importer.read(text, Options(source="backup"), person.profile)
    return person, pending.create(person, "backup.json", text, parsed).token


@pytest.mark.parametrize("confirms", [2, 5])
def test_confirms_at_once_store_the_file_once(meals_import, confirms, caplog):
    caplog.set_level(logging.WARNING)
    person, token = meals_import
    clients = logged_in_clients([person] * confirms)

    def work(index, barrier):
        barrier.wait()
        response = clients[index].post(
            f"/data/import/{token}/confirm/", {"duplicates": "skip"}, follow=True
        )
        return [response.content.decode()]

    pages, errors = run_together(confirms, work)

    assert_no_lock_error(errors, caplog)
    assert Meal.objects.filter(user=person).count() == MEALS
    already = [p for p in pages if f"This import is already done. Imported {MEALS} " in p]
    imported = [p for p in pages if p not in already and f"Imported {MEALS} new" in p]
    assert len(imported) == 1 and len(already) == confirms - 1
    assert PendingImport.objects.get(token=token).status == "done"
