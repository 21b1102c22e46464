"""Today on a 360 px phone with no network: it opens from the service worker's cache,
entries wait in the browser with a visible count, and go out when the network returns,
where the server's one-per-day rule applies and the tile shows what happened."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_up
from tests.factories import WeightFactory
from tracker.models import CheckIn, WeightEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
CONTROLLED = "navigator.serviceWorker.controller !== null"


@pytest.fixture
def phone(browser, live_server):
    """A signed-up phone whose browser lets the service worker run."""
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    page = sign_up(context.new_page(), live_server.url)
    yield page
    context.close()


def test_today_opens_offline_and_sends_what_waited(phone, live_server):
    page = phone
    context = page.context
    user = User.objects.get(username="newcomer")
    today = timezone.localdate()
    WeightFactory(user=user, date=today - timedelta(days=1), weight_kg=88.0)
    page.goto(f"{live_server.url}/today/")
    page.wait_for_function(CONTROLLED)
    page.reload()  # this visit, under the worker, is the one it keeps
    expect(page.locator("#card-weight")).to_be_visible()

    # Logged elsewhere meanwhile: a page from the network would show it, a cached one not.
    WeightFactory(user=user, date=today, weight_kg=87.0)
    context.set_offline(True)
    page.reload()
    expect(page.locator("#card-weight")).to_be_visible()
    expect(page.locator("#card-weight .chips")).to_have_count(0)

    page.locator("#card-weight").get_by_label("Weight").fill("86.5")
    page.locator("#card-weight").get_by_role("button", name="Save weight").click()
    expect(page.locator("#offline-queue")).to_have_text("1 entry waiting to be sent")
    page.locator("#card-checkins").get_by_role("group", name="Stress").get_by_role(
        "button", name="2"
    ).click()
    expect(page.locator("#offline-queue")).to_have_text("2 entries waiting to be sent")
    assert WeightEntry.objects.get(date=today).weight_kg == 87.0
    assert not CheckIn.objects.exists()

    context.set_offline(False)
    # Sent on the browser's "online" event, or at the latest at the next retry.
    expect(page.locator("#offline-queue")).to_have_text(
        "Sent the 2 entries that were waiting.", timeout=15_000
    )
    # One weight a day: the one sent now updates the one logged meanwhile, and says so.
    expect(page.locator("#card-weight .card-status")).to_contain_text(
        "You already had a weight for"
    )
    expect(page.locator("#card-weight .card-status")).to_contain_text("updated to 86.5 kg")
    expect(page.locator("#card-checkins .chips")).to_contain_text("stress 2")
    assert WeightEntry.objects.get(date=today).weight_kg == 86.5
    assert CheckIn.objects.get().stress == 2


SAY_OFFLINE = """(value) => Object.defineProperty(Navigator.prototype, "onLine",
    {configurable: true, get: () => value})"""


def test_a_phone_that_knows_it_is_offline_keeps_the_entry_without_trying(phone, live_server):
    page = phone
    page.goto(f"{live_server.url}/today/")
    page.wait_for_function(CONTROLLED)
    asked = []
    page.on("request", lambda request: asked.append(request.method))
    page.evaluate(SAY_OFFLINE, False)  # what a phone in airplane mode reports
    tile = page.locator("#card-measurements")
    tile.get_by_role("link", name="Add measurement").click()
    tile.get_by_label("Waist").fill("95")
    tile.get_by_role("button", name="Save measurement").click()
    expect(page.locator("#offline-queue")).to_have_text("1 entry waiting to be sent")
    expect(page.locator("#card-measurements .card-status")).to_contain_text("Kept on this phone")
    assert "POST" not in asked

    page.evaluate(SAY_OFFLINE, True)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#offline-queue")).to_have_text("Sent the entry that was waiting.")
    expect(page.locator("#card-measurements .chips")).to_contain_text("waist 95.0 cm")
