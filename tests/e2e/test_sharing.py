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
