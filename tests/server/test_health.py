from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_it_answers_anonymous_visitors_when_database_and_cache_answer(anon):
    response = anon.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_it_answers_503_when_the_cache_is_down(anon):
    with mock.patch("tracker.server.health.cache.set", side_effect=ConnectionError):
        response = anon.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"] == "failed"


def test_it_answers_503_when_the_database_is_down(anon):
    with mock.patch("tracker.server.health._database", side_effect=OSError("down")):
        response = anon.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "failed", "database": "failed", "cache": "ok"}


def test_it_rejects_post(anon):
    assert anon.post("/health/").status_code == 405
