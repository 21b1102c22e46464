"""Small things on a 360 px phone: the browser's time zone at sign-up, the favicon,
a photo sent to the importer, labels without colons."""

import pytest
from playwright.sync_api import expect

from tracker.models import Profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_a_phone_in_tokyo_signs_up_in_tokyo_time(browser, live_server, tmp_path):
    context = browser.new_context(viewport=PHONE, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("tokyo")
    page.get_by_label("Password", exact=True).fill("a-long-browser-pass-2")
    page.get_by_label("Password confirmation").fill("a-long-browser-pass-2")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/profile/")
    assert Profile.objects.get(user__username="tokyo").time_zone == "Asia/Tokyo"
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")

    icon = page.locator("link[rel=icon][href='/favicon.ico']")
    assert page.request.get(f"{live_server.url}{icon.get_attribute('href')}").ok

    photo = tmp_path / "lab-sheet.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64)
    page.goto(f"{live_server.url}/data/")
    page.get_by_label("File to import").set_input_files(str(photo))
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("main")).to_contain_text("This file is a picture (JPEG)")
    labels = page.locator("label").all_inner_texts()
    assert labels and not [text for text in labels if text.strip().endswith(":")]
    context.close()
