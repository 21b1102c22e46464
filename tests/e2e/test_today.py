"""Today on a 360 × 740 phone: compact tiles, a weight in one tap, another day one tap
away, tiles that open in place, the check-in as taps, and the same without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tracker.models import BloodPressure, CheckIn, WeightEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
SCREENS_AT_MOST = 2.5


@pytest.fixture
def phone(signed_up):
    page = signed_up
    page.set_viewport_size(PHONE)
    page.goto(page.url.replace("/accounts/profile/", "/today/"))
    page.evaluate("window.stillHere = true")  # gone if anything reloads the page
    return page


def test_the_whole_page_fits_in_two_and_a_half_phone_screens(phone):
    tile = phone.locator("#card-weight")
    tile.get_by_label("Weight").fill("88.2")
    tile.get_by_role("button", name="Save weight").click()
    expect(phone.locator("#card-weight .logged")).to_contain_text("88.2 kg")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= SCREENS_AT_MOST * PHONE["height"], f"Today is {height} px tall"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_weight_is_a_number_and_one_tap(phone):
    tile = phone.locator("#card-weight")
    tile.get_by_label("Weight").fill("87.6")
    tile.get_by_role("button", name="Save weight").click()
    expect(phone.locator("#card-weight .card-status")).to_contain_text("Saved your weight")
    expect(phone.locator("#card-weight .chips")).to_contain_text("87.6 kg")
    assert phone.evaluate("window.stillHere") is True
    assert WeightEntry.objects.get().date == timezone.localdate()


def test_yesterday_is_one_tap_away(phone):
    yesterday = timezone.localdate() - timedelta(days=1)
    phone.get_by_role("link", name="Yesterday").click()
    expect(phone.get_by_label("Log for")).to_have_value(yesterday.isoformat())
    tile = phone.locator("#card-weight")
    tile.get_by_label("Weight").fill("88.0")
    tile.get_by_role("button", name="Save weight").click()
    expect(phone.locator("#card-weight .chips")).to_contain_text("88.0 kg")
    assert WeightEntry.objects.get().date == yesterday

    # Any other day through the date control, which shows that day at once.
    three_days_ago = timezone.localdate() - timedelta(days=3)
    phone.get_by_label("Log for").fill(three_days_ago.isoformat())
    phone.wait_for_url(f"**/today/?date={three_days_ago.isoformat()}")
    expect(phone.locator("#card-weight .chips")).to_have_count(0)


def test_a_tile_opens_its_short_form_in_place(phone):
    phone.evaluate("window.stillHere = true")
    tile = phone.locator("#card-blood-pressure")
    tile.get_by_role("link", name="Add blood pressure reading").click()
    expect(tile.get_by_label("Systolic (mmHg)")).to_be_focused()
    tile.get_by_label("Systolic (mmHg)").fill("128")
    tile.get_by_label("Diastolic (mmHg)").fill("82")
    tile.get_by_role("button", name="Save blood pressure reading").click()
    expect(phone.locator("#card-blood-pressure .chips")).to_contain_text("128/82 mmHg")
    # Saved, the tile folds back to its button and chips.
    expect(phone.locator("#card-blood-pressure input[name=systolic]")).to_have_count(0)
    assert phone.evaluate("window.stillHere") is True
    assert BloodPressure.objects.get().systolic == 128


def test_the_check_in_saves_each_tap(phone):
    tile = phone.locator("#card-checkins")
    tile.get_by_role("group", name="Stress").get_by_role("button", name="2").click()
    expect(phone.locator("#card-checkins .chips")).to_contain_text("stress 2")
    pressed = phone.locator("#card-checkins").get_by_role("group", name="Stress")
    expect(pressed.get_by_role("button", name="2")).to_have_attribute("aria-pressed", "true")
    # A later tap adds its answer and keeps the earlier one.
    tile = phone.locator("#card-checkins")
    tile.get_by_role("group", name="Alcoholic drinks").get_by_role("button", name="3+").click()
    expect(phone.locator("#card-checkins .chips")).to_contain_text("alcohol 3 drinks")
    expect(phone.locator("#card-checkins .chips")).to_contain_text("stress 2")
    checkin = CheckIn.objects.get()
    assert (checkin.stress, checkin.alcohol_drinks, checkin.sleep_hours) == (2, 3, None)
    assert phone.evaluate("window.stillHere") is True


def test_without_javascript_every_tile_still_logs(browser, live_server, django_user_model):
    from tests.conftest import PASSWORD, make_user

    make_user("nojs")
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("nojs")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")

    tile = page.locator("#card-measurements")
    tile.get_by_role("link", name="Add measurement").click()
    tile = page.locator("#card-measurements")
    tile.get_by_label("Waist").fill("96")
    tile.get_by_role("button", name="Save measurement").click()
    expect(page.locator(".messages")).to_contain_text("Saved your measurement")
    expect(page.locator("#card-measurements .chips")).to_contain_text("waist 96")

    page.locator("#card-checkins").get_by_role("group", name="Sleep").get_by_role(
        "button", name="8"
    ).click()
    expect(page.locator("#card-checkins .chips")).to_contain_text("sleep 8")
    context.close()
