import pytest
from django.contrib.auth.models import User

from tracker.models import Profile

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def test_settings(settings):
    # A fast hasher for fixtures; production uses the configured (slow, safe) one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(username, **profile):
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    Profile.objects.update_or_create(user=user, defaults={"time_zone": "UTC", **profile})
    return user


@pytest.fixture
def alice(db):
    return make_user("alice", sex="female", height_cm=165)


@pytest.fixture
def bob(db):
    return make_user("bob", sex="male")


@pytest.fixture
def owner(client, alice):
    """A client logged in as Alice, the owner of the objects under test."""
    client.force_login(alice)
    return client


@pytest.fixture
def other(bob):
    """A client logged in as Bob, who must never see Alice's data."""
    from django.test import Client

    c = Client()
    c.force_login(bob)
    return c


@pytest.fixture
def anon(db):
    from django.test import Client

    return Client()


HTMX = {"HTTP_HX_REQUEST": "true"}
