"""Settings read from the environment: a real server never runs on a known key, secrets
can come from files, SMTP is configured from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def settings_in_child(env: dict, expression: str) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "DEBUG"))}
    clean |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    code = f"import config.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_it_refuses_to_start_with_debug_off_and_no_secret_key():
    child = settings_in_child({}, "s.SECRET_KEY")
    assert child.returncode != 0
    assert "refuses to start without a secret key" in child.stderr
    assert "SECRET_KEY_FILE" in child.stderr


def test_it_runs_on_the_development_key_only_with_debug_on():
    child = settings_in_child({"DEBUG": "1"}, "s.SECRET_KEY")
    assert child.returncode == 0, child.stderr
    assert "development" in child.stdout


def test_it_reads_secrets_from_files(tmp_path):
    key = tmp_path / "key"
    key.write_text("a-key-from-a-file-0123456789-abcdefghijklmnopqrstuvwxyz\n")
    password = tmp_path / "smtp"
    password.write_text("smtp-password\n")
    child = settings_in_child(
        {"SECRET_KEY_FILE": str(key), "EMAIL_HOST_PASSWORD_FILE": str(password)},
        "(s.SECRET_KEY, s.EMAIL_HOST_PASSWORD)",
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == str(
        ("a-key-from-a-file-0123456789-abcdefghijklmnopqrstuvwxyz", "smtp-password")
    )


def test_an_unreadable_secret_file_is_named():
    child = settings_in_child({"SECRET_KEY_FILE": "/nonexistent/key"}, "s.SECRET_KEY")
    assert child.returncode != 0
    assert "SECRET_KEY_FILE=/nonexistent/key cannot be read" in child.stderr


def test_smtp_comes_from_the_environment():
    env = {
        "SECRET_KEY": "k" * 50,
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "465",
        "EMAIL_HOST_USER": "liverlog",
        "EMAIL_HOST_PASSWORD": "pw",
        "EMAIL_USE_TLS": "1",
        "DEFAULT_FROM_EMAIL": "LiverLog <no-reply@example.org>",
    }
    names = "EMAIL_BACKEND EMAIL_HOST EMAIL_PORT EMAIL_HOST_USER EMAIL_USE_TLS DEFAULT_FROM_EMAIL"
    child = settings_in_child(env, "[getattr(s, n) for n in " + repr(names.split()) + "]")
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == str(
        [
            "django.core.mail.backends.smtp.EmailBackend",
            "smtp.example.org",
            465,
            "liverlog",
            True,
            "LiverLog <no-reply@example.org>",
        ]
    )


def test_without_an_smtp_host_mail_is_printed():
    child = settings_in_child({"SECRET_KEY": "k" * 50}, "s.EMAIL_BACKEND")
    assert child.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.django_db
def test_seed_demo_refuses_on_a_production_server(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--on-production"):
        call_command("seed_demo")
    from django.contrib.auth.models import User

    assert not User.objects.exists()


def test_the_cache_is_the_database_by_default_and_redis_with_redis_url():
    expression = 's.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]'
    by_default = settings_in_child({"SECRET_KEY": "k" * 50}, expression)
    with_redis = settings_in_child(
        {"SECRET_KEY": "k" * 50, "REDIS_URL": "redis://127.0.0.1:6379/0"}, expression
    )
    assert (by_default.stdout.strip(), with_redis.stdout.strip()) == ("DatabaseCache", "RedisCache")


def test_import_progress_has_a_connection_of_its_own_without_redis():
    """On SQLite a file beside the database (the import's transaction holds the main
    file); on PostgreSQL the same database; with Redis, Redis."""
    expression = (
        's.CACHES["progress"]["BACKEND"].rsplit(".", 1)[-1], '
        's.DATABASES.get("progress", {}).get("NAME"), s.DATABASE_ROUTERS'
    )
    env = {"SECRET_KEY": "k" * 50}
    sqlite = settings_in_child({**env, "DATABASE_URL": "sqlite:////srv/ll/db.sqlite3"}, expression)
    postgres = settings_in_child({**env, "DATABASE_URL": "postgres://u:p@h/ll"}, expression)
    redis = settings_in_child({**env, "REDIS_URL": "redis://127.0.0.1:6379/0"}, "s.CACHES")
    router = "['tracker.server.routers.ProgressRouter']"
    assert sqlite.stdout.strip() == f"DatabaseCache /srv/ll/db.progress.sqlite3 {router}"
    assert postgres.stdout.strip() == f"DatabaseCache ll {router}"
    assert "LocMem" not in redis.stdout and redis.stdout.count("RedisCache") == 2


@pytest.mark.django_db
def test_the_test_suite_uses_the_shared_database_cache():
    from django.core.cache import cache
    from django.db import connection

    cache.set("shared-probe", "seen by every process", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM liverlog_cache")
        assert cursor.fetchone()[0] >= 1
