import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_weight_on_today(page, live_server, kg):
    page.goto(f"{live_server.url}/today/")
    card = page.locator("#card-weight")
    card.get_by_label("Weight").fill(kg)
    card.get_by_role("button", name="Save weight").click()
    expect(card).to_contain_text("Saved your weight")


def test_a_weight_logged_on_today_is_drawn_on_the_dashboard_and_the_range_switches(
    signed_up, live_server
):
    page = signed_up
    log_weight_on_today(page, live_server, "87.6")

    page.get_by_role("link", name="Progress").click()
    page.wait_for_url("**/progress/")
    chart = page.locator("#chart-weight")
    # plotly drew an SVG, with the 5 % line below the 87.6 kg baseline (83.2 kg).
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator("svg .annotation-text", has_text="5 % (83.2 kg)")).to_have_count(1)
    expect(page.locator("#progress-header")).to_contain_text("87.6 kg")

    page.evaluate("window.stillHere = true")
    page.locator(".ranges").get_by_role("link", name="1 year").click()
    expect(page.locator('.ranges a[aria-current="page"]')).to_have_text("1 year")
    expect(page).to_have_url(re.compile(r"/progress/\?range=1y$"))
    expect(page.locator("#chart-weight svg.main-svg").first).to_be_visible()
    assert page.evaluate("window.stillHere") is True


def test_logging_on_the_dashboard_refreshes_the_header_and_the_chart(signed_up, live_server):
    page = signed_up
    log_weight_on_today(page, live_server, "90")
    page.goto(f"{live_server.url}/progress/")
    expect(page.locator("#chart-weight svg.main-svg").first).to_be_visible()
    page.evaluate("window.stillHere = true")

    form = page.locator("form.quick-weight")
    form.get_by_label("Weight").fill("88")
    form.get_by_role("button", name="Save weight").click()

    expect(page.locator("#quick-weight-status")).to_contain_text("now updated to 88.0 kg")
    expect(form.get_by_label("Weight")).to_have_value("")
    # Today's weighing replaced 90 kg: the trend is a single 88 kg day again.
    expect(page.locator("#progress-header")).to_contain_text("88.0 kg")
    expect(
        page.locator("#chart-weight svg .annotation-text", has_text="5 % (83.6 kg)")
    ).to_have_count(1)
    assert page.evaluate("window.stillHere") is True


def test_a_bad_weight_on_the_dashboard_says_why(signed_up, live_server):
    page = signed_up
    log_weight_on_today(page, live_server, "90")
    page.goto(f"{live_server.url}/progress/")
    form = page.locator("form.quick-weight")
    form.get_by_label("Weight").fill("900")
    form.get_by_role("button", name="Save weight").click()
    expect(page.locator("#quick-weight-status")).to_contain_text(
        "Enter a weight between 20 and 350 kg."
    )
