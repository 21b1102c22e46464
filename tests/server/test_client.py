"""Behind a proxy the client's own address counts; without one, X-Forwarded-For is
ignored, since anyone can send it."""

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory

from tests.conftest import PASSWORD
from tracker.report import sharing
from tracker.server.client import client_address

PROXY = "10.0.0.2"


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.BEHIND_PROXY, settings.TRUSTED_PROXY_COUNT = True, 1
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_the_outer_ones_entry_counts(settings):
    settings.BEHIND_PROXY, settings.TRUSTED_PROXY_COUNT = True, 2
    forwarded = "1.2.3.4, 198.51.100.7, 10.0.0.1"
    assert client_address(request_from(PROXY, forwarded)) == "198.51.100.7"


def test_behind_a_proxy_a_missing_or_malformed_header_falls_back_to_the_socket(settings):
    settings.BEHIND_PROXY = True
    assert client_address(request_from(PROXY)) == PROXY
    assert client_address(request_from(PROXY, "not-an-address")) == PROXY


def client_behind_proxy(address):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def fail_log_ins(client, times):
    for _ in range(times):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})


@pytest.mark.django_db
def test_behind_a_proxy_an_attacker_locks_out_only_their_own_address(settings, alice):
    settings.BEHIND_PROXY = True
    attacker, owner = client_behind_proxy("198.51.100.66"), client_behind_proxy("203.0.113.5")
    fail_log_ins(attacker, django_settings.AXES_FAILURE_LIMIT)
    locked = attacker.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    logged_in = owner.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert logged_in.status_code == 302


@pytest.mark.django_db
def test_without_a_proxy_a_forged_header_does_not_escape_a_lock_out(settings, alice):
    settings.BEHIND_PROXY = False
    fail_log_ins(Client(REMOTE_ADDR="198.51.100.66"), django_settings.AXES_FAILURE_LIMIT)
    forged = Client(REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="203.0.113.5")
    response = forged.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_a_proxy_share_link_guessing_blocks_only_the_guesser(settings, alice):
    settings.BEHIND_PROXY = True
    _, token = sharing.create_link(alice, 7)
    guesser, doctor = client_behind_proxy("198.51.100.66"), client_behind_proxy("203.0.113.5")
    for _ in range(sharing.GUESS_LIMIT):
        assert guesser.get("/shared/abc.def/").status_code == 404
    assert guesser.get(f"/shared/{token}/").status_code == 429
    assert doctor.get(f"/shared/{token}/").status_code == 200


@pytest.mark.django_db
def test_a_request_without_an_address_logs_in(alice):
    # force_login's request has no REMOTE_ADDR; django-axes records the log-in with the
    # address we give it, in a column PostgreSQL checks.
    client = Client()
    client.force_login(alice)
    assert client.get("/today/").status_code == 200
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="")) is None
