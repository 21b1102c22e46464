"""Cache-Control: private, no-store on everything a signed-in person receives and on
every download of personal data."""

from datetime import date

import pytest

from tests.factories import WeightFactory
from tracker.report import sharing

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


@pytest.mark.parametrize("path", ["/today/", "/progress/", "/labs/", "/data/", "/report/"])
def test_pages_of_a_signed_in_person_are_private(owner, path):
    response = owner.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_the_json_backup_is_private(owner, alice):
    WeightFactory(user=alice, date=date(2026, 11, 1))
    response = owner.get("/data/export/backup.json")
    assert response.status_code == 200, response
    assert response["Cache-Control"] == PRIVATE


def test_a_shared_report_is_private(anon, alice):
    _, token = sharing.create_link(alice, 7)
    response = anon.get(f"/shared/{token}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_public_pages_for_anonymous_visitors_are_not_marked(anon):
    response = anon.get("/accounts/login/")
    assert response.status_code == 200
    assert PRIVATE not in response.get("Cache-Control", "")
