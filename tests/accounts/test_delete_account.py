"""Deleting an account removes every row of that person, including those that do not
point at the user with a foreign key: sessions on every device, log-in records, and the
pending imports that hold files they uploaded."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client

from tests.conftest import PASSWORD, make_user
from tracker.exchange import importer, pending
from tracker.exchange.parsed import Options
from tracker.models import PendingImport

pytestmark = pytest.mark.django_db
WEIGHTS = "date,weight (kg)\n2024-01-01,80\n"


def log_in_record(model, username, **extra):
    fields = {"user_agent": "test", "ip_address": "10.0.0.1", "http_accept": "*/*"}
    return model.objects.create(username=username, path_info="/accounts/login/", **fields, **extra)


def attempt(username):
    return log_in_record(AccessAttempt, username, get_data="", post_data="", failures_since_start=1)


def waiting_import(user):
    parsed = importer.read(WEIGHTS, Options(), user.profile)
    item = pending.create(user, "w.csv", WEIGHTS, parsed)
    pending.Progress(user.pk, item.token, total=1)
    return item


def delete(client):
    return client.post("/accounts/delete/", {"password": PASSWORD})


def test_it_removes_the_pending_imports_and_their_progress(owner, alice, bob):
    mine, theirs = waiting_import(alice), waiting_import(bob)
    delete(owner)
    assert not PendingImport.objects.filter(pk=mine.pk).exists()
    assert pending.progress_of(alice.pk, mine.token) is None
    assert PendingImport.objects.filter(pk=theirs.pk).exists()
    assert pending.progress_of(bob.pk, theirs.token) is not None


def test_it_ends_the_persons_sessions_on_every_device(owner, alice, bob):
    phone = Client()
    phone.force_login(alice)
    bobs = Client()
    bobs.force_login(bob)
    assert Session.objects.count() == 3
    delete(owner)
    assert phone.get("/today/").status_code == 302  # sent to log in
    remaining = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(alice.pk) not in remaining and str(bob.pk) in remaining
    assert bobs.get("/today/").status_code == 200


def test_it_removes_the_persons_log_in_records(owner, alice, bob):
    for model in (AccessLog, AccessFailureLog):
        log_in_record(model, "alice")
        log_in_record(model, "bob")
    attempt("alice")
    attempt("ALICE")  # the same name typed in capitals
    attempt("bob")
    delete(owner)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        names = set(model.objects.values_list("username", flat=True))
        assert names == {"bob"}, model


def test_records_of_another_account_whose_name_differs_in_case_stay(owner, alice):
    make_user("Alice")
    attempt("alice")
    attempt("Alice")
    delete(owner)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["Alice"]


def test_a_wrong_password_removes_nothing(owner, alice):
    item = waiting_import(alice)
    attempt("alice")
    owner.post("/accounts/delete/", {"password": "wrong"})
    assert PendingImport.objects.filter(pk=item.pk).exists()
    assert AccessAttempt.objects.filter(username="alice").exists()
    assert Session.objects.exists()
