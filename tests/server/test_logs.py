"""Logs: events with counts and key ids, JSON lines on request, and no share-link secret
in any line, whoever writes it."""

import datetime
import io
import json
import logging
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.conftest import PASSWORD
from tracker.report import sharing
from tracker.server.logs import JsonFormatter, PlainFormatter, RedactShareTokens, redact

ROOT = Path(__file__).resolve().parents[2]


def test_redact_keeps_the_key_and_drops_the_secret():
    assert (
        redact("Not Found: /shared/Ab3_x.s3cr3t-Value/") == "Not Found: /shared/Ab3_x.[redacted]/"
    )
    assert redact('"GET /shared/guess HTTP/1.1" 404') == '"GET /shared/[redacted] HTTP/1.1" 404'
    assert redact("GET /today/ 200") == "GET /today/ 200"


@pytest.fixture
def console():
    """What the configured console handler writes."""
    handler = next(h for h in logging.getLogger().handlers if h.filters)
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


@pytest.mark.django_db
def test_request_lines_for_a_revoked_link_show_no_secret(console, owner, anon, alice):
    link, token = sharing.create_link(alice, 7)
    sharing.revoke(link)
    assert anon.get(f"/shared/{token}/").status_code == 410
    secret = token.partition(".")[2]
    written = console.getvalue()
    assert f"Gone: /shared/{link.key}.[redacted]/" in written
    assert secret not in written


@pytest.mark.django_db
def test_too_many_requests_lines_show_no_secret(console, anon, alice):
    _, token = sharing.create_link(alice, 7)
    for _ in range(sharing.GUESS_LIMIT):
        anon.get("/shared/wrong.guess/")
    assert anon.get(f"/shared/{token}/").status_code == 429
    written = console.getvalue()
    assert "Too Many Requests: /shared/" in written
    assert token.partition(".")[2] not in written
    assert "guess" not in written


def record(message, *args, **extra):
    item = logging.LogRecord("liverlog.sharing", logging.INFO, __file__, 1, message, args, None)
    item.__dict__.update(extra)
    return item


def test_json_lines_carry_the_message_and_the_fields():
    line = JsonFormatter().format(record("share link opened", key="k1", client="203.0.113.5"))
    parsed = json.loads(line)
    assert parsed["message"] == "share link opened"
    assert parsed["logger"] == "liverlog.sharing"
    assert (parsed["key"], parsed["client"], parsed["level"]) == ("k1", "203.0.113.5", "INFO")


def test_plain_lines_carry_the_fields_as_key_value():
    line = PlainFormatter().format(record("import", added=3, skipped=1))
    assert line.endswith("liverlog.sharing: import added=3 skipped=1")


def test_the_filter_rewrites_formatted_arguments():
    item = record("Not Found: %s", "/shared/key.secret/")
    assert RedactShareTokens().filter(item)
    assert item.getMessage() == "Not Found: /shared/key.[redacted]/"


def test_log_format_json_selects_the_json_formatter(settings):
    from tracker.server.logs import configuration

    assert (
        configuration(json_lines=True, level="INFO")["handlers"]["console"]["formatter"] == "json"
    )


def events(caplog, name):
    return [r for r in caplog.records if r.name == f"liverlog.{name}"]


@pytest.mark.django_db
def test_share_links_are_logged_by_key_never_by_secret(caplog, owner, anon, alice):
    caplog.set_level(logging.INFO)
    link, token = sharing.create_link(alice, 7)
    anon.get(f"/shared/{token}/")
    owner.post(f"/share/{link.pk}/revoke/")
    logged = events(caplog, "sharing")
    assert [r.getMessage() for r in logged] == [
        "share link created",
        "share link opened",
        "share link revoked",
    ]
    assert {r.key for r in logged} == {link.key}
    secret = token.partition(".")[2]
    assert not any(secret in JsonFormatter().format(r) for r in caplog.records)


@pytest.mark.django_db
def test_imports_and_exports_are_logged_with_counts(caplog, owner, alice):
    caplog.set_level(logging.INFO)
    csv = io.BytesIO(b"date,weight\n2026-11-01,80.5\n2026-11-02,80.1\n")
    csv.name = "weights.csv"
    token = owner.post("/data/import/", {"source": "auto", "unit": "kg", "file": csv}).url
    owner.post(f"{token}confirm/", {"duplicates": "skip"})
    owner.get("/data/export/weight.csv")
    imported, exported = events(caplog, "exchange")
    assert (imported.getMessage(), imported.added, imported.user_id) == ("import", 2, alice.pk)
    assert (exported.getMessage(), exported.rows, exported.format) == ("export", 2, "csv")


@pytest.mark.django_db
def test_a_lock_out_is_logged(caplog, anon, alice):
    caplog.set_level(logging.INFO)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        anon.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    anon.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    locked = [r for r in events(caplog, "security") if "lock-out" in r.getMessage()]
    assert locked and locked[0].username == "alice"


def test_gunicorn_access_lines_are_redacted():
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    logger = config["RedactingLogger"].__new__(config["RedactingLogger"])

    class Response:
        status, sent, headers = "404 Not Found", 0, []

    class Request:
        method, path, query, version, headers, uri = "GET", "/shared/k.secret/", "", (1, 1), [], ""

    environ = {
        "RAW_URI": "/shared/k.secret/",
        "PATH_INFO": "/shared/k.secret/",
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = logger.atoms(Response(), Request(), environ, datetime.timedelta(seconds=0.1))
    assert "secret" not in atoms["r"] and "secret" not in atoms["U"]
    assert atoms["U"] == "/shared/k.[redacted]/"
