"""A wrong password on password change or account deletion counts as a failed log-in;
password-reset e-mails are limited per address and per account."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LIMIT = settings.AXES_FAILURE_LIMIT
NEW_PASSWORD = "another-long-password-9"


def change(client, old):
    return client.post(
        "/accounts/password_change/",
        {"old_password": old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def delete(client, password):
    return client.post("/accounts/delete/", {"password": password})


def test_password_change_locks_after_five_wrong_passwords(owner, alice):
    for _ in range(LIMIT - 1):
        assert change(owner, "wrong").status_code == 200
    assert change(owner, "wrong").status_code == 429
    locked = change(owner, PASSWORD)  # even the right one, for the hour
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_account_deletion_locks_after_five_wrong_passwords(owner, alice):
    for _ in range(LIMIT - 1):
        assert delete(owner, "wrong").status_code == 200
    assert delete(owner, "wrong").status_code == 429
    assert delete(owner, PASSWORD).status_code == 429
    assert User.objects.filter(pk=alice.pk).exists()


def test_wrong_passwords_on_either_form_lock_the_log_in_too(owner, anon, alice):
    for attempt in range(LIMIT):
        (change if attempt % 2 else delete)(owner, "wrong")
    response = anon.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429


def test_a_right_password_after_a_few_wrong_ones_still_works(owner, alice):
    for _ in range(LIMIT - 2):
        change(owner, "wrong")
    assert change(owner, PASSWORD).status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_other_form_errors_are_not_counted(owner, alice):
    for _ in range(LIMIT + 1):
        response = owner.post(
            "/accounts/password_change/",
            {"old_password": PASSWORD, "new_password1": "x", "new_password2": "y"},
        )
        assert response.status_code == 200
    assert change(owner, PASSWORD).status_code == 302


def reset(client, email):
    return client.post("/accounts/password_reset/", {"email": email})


def test_reset_e_mails_are_limited_per_address(anon, alice):
    for _ in range(6):
        response = reset(anon, "ALICE@example.com")
        assert response.status_code == 302  # the same answer whether sent or not
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {"alice@example.com"}


def test_reset_e_mails_are_limited_per_account(anon, alice):
    for _ in range(3):
        reset(anon, "alice@example.com")
    # A new address for the same account: the address limit alone would not stop it.
    alice.email = "alice@example.net"
    alice.save()
    reset(anon, "alice@example.net")
    assert len(mail.outbox) == 3


def test_one_person_hitting_the_limit_does_not_stop_another(anon, alice, bob):
    for _ in range(4):
        reset(anon, "alice@example.com")
    reset(anon, "bob@example.com")
    assert [message.to for message in mail.outbox][-1] == ["bob@example.com"]
    assert len(mail.outbox) == 4
