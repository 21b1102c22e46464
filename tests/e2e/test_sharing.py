import re

import pytest
from playwright.sync_api import expect

from tests.factories import WeightFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_doctor_opens_a_share_link_with_no_login_and_sees_the_report(
    signed_up, live_server, browser
):
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.utils import timezone

    page = signed_up
    user = User.objects.get(username="newcomer")
    today = timezone.localdate()
    for days_ago, kg in [(20, 96.0), (10, 95.0), (0, 94.0)]:
        WeightFactory(user=user, date=today - timedelta(days=days_ago), weight_kg=kg)

    page.goto(f"{live_server.url}/share/")
    page.get_by_label("Expires after").select_option("7")
    page.get_by_label("Label").fill("Dr Rossi")
    page.get_by_role("button", name="Create link").click()
    url = page.locator("#new-link").input_value()
    assert re.search(r"/shared/[^/]+\.[^/]+/$", url)

    doctor = browser.new_context()  # a fresh browser: no session, no cookies
    shared = doctor.new_page()
    shared.goto(url)
    expect(shared.get_by_role("heading", level=1)).to_contain_text("LiverLog report")
    expect(shared.locator(".report")).to_contain_text("96.0 kg")  # the baseline: the first weighing
    expect(shared.locator(".report-chart .plot .main-svg").first).to_be_visible()
    assert shared.locator("nav").count() == 0 and shared.locator("form").count() == 0
    doctor.close()

    page.goto(f"{live_server.url}/share/")
    expect(page.locator("table.history")).to_contain_text("1 time")


PHONE = {"width": 360, "height": 740}


def test_on_a_phone_a_new_link_is_copied_shown_as_qr_and_ends_on_a_plain_page(
    signed_up, live_server, browser
):
    page = signed_up
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/share/")
    page.get_by_role("button", name="Create link").click()
    url = page.locator("#new-link").input_value()

    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".copy-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == url

    qr = page.get_by_role("img", name="QR code of the new link")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 150 and box["x"] + box["width"] <= PHONE["width"]
    assert qr.evaluate("el => el.naturalWidth") > 0  # the SVG decoded and drew
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    doctor = browser.new_context(viewport=PHONE)
    shared = doctor.new_page()
    shared.goto(url)
    pdf_link = shared.get_by_role("link", name="Download the PDF")
    expect(pdf_link).to_be_visible()

    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".messages")).to_contain_text("no longer opens")
    response = shared.goto(url)
    assert response.status == 410
    expect(shared.get_by_role("heading", level=1)).to_have_text("This link was revoked")
    # Styled like the app, and nothing of the record.
    assert shared.locator(".top .brand").is_visible()
    assert shared.locator("article, .report, table").count() == 0
    doctor.close()
