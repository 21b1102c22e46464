"""Browser tests: Playwright drives the system Chromium against live_server."""

import os
import shutil

import pytest

# Playwright runs an event loop in the test thread; Django's ORM calls from the test
# body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The service worker keeps pages for offline use; elsewhere it would stand between
    # the page and what Playwright sees of the network. tests/e2e/test_offline.py lets
    # it run in contexts of its own.
    return {**browser_context_args, "service_workers": "block"}


def sign_up(page, base, username="newcomer"):
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill("a-long-browser-pass-1")
    page.get_by_label("Password confirmation").fill("a-long-browser-pass-1")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/profile/")
    return page


@pytest.fixture
def signed_up(page, live_server):
    """A newcomer who has just signed up, on the profile page."""
    return sign_up(page, live_server.url)
