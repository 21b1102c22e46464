"""History on a 360 px phone: one card per entry with Edit and Delete in reach, and an
Undo for a few seconds after a delete."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import BloodPressureFactory
from tracker.logs import undo
from tracker.models import BloodPressure

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def history(signed_up):
    page = signed_up
    user = User.objects.get(username="newcomer")
    today = timezone.localdate()
    for days_ago, systolic in ((0, 131), (1, 127), (2, 125)):
        BloodPressureFactory(user=user, date=today - timedelta(days=days_ago), systolic=systolic)
    page.set_viewport_size(PHONE)
    page.goto(page.url.replace("/accounts/profile/", "/log/blood-pressure/"))
    return page


def test_rows_are_cards_with_edit_and_delete_on_screen(history):
    page = history
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first = page.locator("table.history tbody tr").first
    expect(first).to_contain_text("131/82")
    # Each value carries its column's header, drawn by CSS before it.
    label = first.locator("td[data-label=Pressure]").evaluate(
        "el => getComputedStyle(el, '::before').content"
    )
    assert label == '"Pressure: "'
    for name in ("Edit", "Delete"):
        box = first.get_by_role("link", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
        assert box["height"] >= 44, f"{name} is {box['height']} px tall"
    # A card is as wide as the screen allows, not a scrolled table.
    assert first.bounding_box()["width"] > PHONE["width"] * 0.8


def test_a_deleted_entry_can_be_undone_for_a_few_seconds(history):
    page = history
    rows = page.locator("table.history tbody tr")
    rows.first.get_by_role("link", name="Delete").click()
    expect(rows.first).to_contain_text("Deleted")
    assert BloodPressure.objects.count() == 2
    rows.first.get_by_role("button", name="Undo").click()
    # The "Deleted …" row names the reading too: wait for the entry's own row.
    expect(rows.first).not_to_contain_text("Deleted")
    expect(rows.first).to_contain_text("131/82")
    assert BloodPressure.objects.count() == 3

    # Left alone, the Undo goes away by itself.
    rows.nth(1).get_by_role("link", name="Delete").click()
    expect(page.get_by_role("button", name="Undo")).to_have_count(1)
    expect(page.get_by_role("button", name="Undo")).to_have_count(
        0, timeout=(undo.SHOWN_SECONDS + 3) * 1000
    )
    expect(rows).to_have_count(2)
