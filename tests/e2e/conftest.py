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


@pytest.fixture
def signed_up(page, live_server):
    """A newcomer who has just signed up, on the profile page."""
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill("a-long-browser-pass-1")
    page.get_by_label("Password confirmation").fill("a-long-browser-pass-1")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/profile/")
    return page
