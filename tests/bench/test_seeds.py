"""The bench seeds a person's data the way the app stores it: a bench account's backup
restores into a fresh account, through the same rules as anyone's backup."""

import random
from datetime import date

import pytest

from bench import dashboard
from tests.conftest import make_user
from tracker.exchange import importer, json_backup
from tracker.exchange.parsed import Options
from tracker.models import LabResult
from tracker.science import labs

TODAY = date(2026, 11, 21)


@pytest.fixture
def bench_user(db):
    return dashboard.seed("bench", 200, TODAY, random.Random(7))


def test_seeded_lab_results_are_typed_in_a_unit_their_test_accepts(bench_user):
    results = LabResult.objects.filter(user=bench_user)
    assert results.count() == 3 * len(dashboard.LAB_VALUES)  # days 0, 91 and 182
    for result in results:
        test = labs.get(result.test_key)
        assert result.unit_typed in test.accepted_units
        assert result.value == float(result.value_typed)  # canonical unit: the same number


def test_a_bench_accounts_backup_restores_into_a_fresh_account(bench_user):
    backup = json_backup.build(bench_user)
    fresh = make_user("fresh")
    parsed = importer.read(json_backup.dumps(backup), Options(), fresh.profile)
    assert parsed.errors == []
    importer.commit(fresh, parsed, "skip", True)
    again = json_backup.build(fresh)
    for section in backup.keys() - {"exported_at"}:
        assert again[section] == backup[section], section


def test_a_seed_outside_the_rules_is_refused(db):
    user = make_user("seeder")
    with pytest.raises(ValueError, match="outside what a lab can report"):
        dashboard.lab_result(user, None, "alt", 100_000)
