import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def test_passwords_are_hashed_with_argon2(settings):
    from config import settings as configured  # the tests swap in a fast hasher

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    assert make_password("correct horse").startswith("argon2$")


def test_login_locks_out_after_repeated_failures(anon, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = anon.post("/accounts/login/", {"username": "alice", "password": "wrong"})
        assert response.status_code == 200
    last = anon.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert last.status_code == 429
    locked = anon.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in anon.session


def test_a_success_before_the_limit_resets_the_count(anon, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        anon.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert (
        anon.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )


def test_pages_carry_a_content_security_policy_without_inline_script(owner):
    response = owner.get("/today/")
    policy = response["Content-Security-Policy"]
    script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script.split() == ["script-src", "'self'"]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_or_handler():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        for line in text.splitlines():
            if "<script" in line:
                assert "src=" in line, f"inline script in {template}"
            assert " onclick=" not in line and " onload=" not in line, template


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; production never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "k3Jx9-Lq2Vt8Zr5Wm1Np7Ys4Hb6Dc0Fg-Ae2Ru9Io3Ul5Ek8Sw1Qz7Xv4Cy6Bn0",
        "ALLOWED_HOSTS": "liverlog.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
