import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from tracker.models import Profile

PASSWORD = "a-long-test-password-1"


DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def pytest_collection_modifyitems(items):
    """A test that uses the database may also use the import-progress connection (the
    "progress" alias, see tracker/server/routers.py), as the app does; pytest-django
    would otherwise allow only "default" and refuse the progress cache's queries."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not DATABASE_FIXTURES & set(item.fixturenames):
            continue
        args, kwargs = (marker.args, dict(marker.kwargs)) if marker else ((), {})
        if "databases" not in kwargs:
            kwargs["databases"] = "__all__"
            item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's, closing every alias's connection before the test database is
    dropped: on PostgreSQL the progress alias's own connection would keep it in use."""
    yield
    connections.close_all()


@pytest.fixture(autouse=True)
def test_settings(settings):
    # A fast hasher for fixtures; production uses the configured (slow, safe) one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


PRODUCTION_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic once per run into a temporary STATIC_ROOT, with the storage a
    deploy uses: hashed names, a manifest, compressed copies."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {"staticfiles": {"BACKEND": PRODUCTION_STATIC}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected_static):
    """Pages and PDFs see what a deploy sees: DEBUG off and the manifest storage over
    the collected files, so a missing or unhashed static name fails here first."""
    settings.DEBUG = False
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC}}


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
