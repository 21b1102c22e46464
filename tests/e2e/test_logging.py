import pytest
from playwright.sync_api import expect

from tracker.models import WeightEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_log_a_weight_without_reload_and_see_it_in_history(signed_up, live_server):
    page = signed_up
    page.get_by_role("link", name="Today").click()
    page.wait_for_url("**/today/")
    # A marker on window survives only if the page is not reloaded.
    page.evaluate("window.stillHere = true")
    card = page.locator("#card-weight")
    card.get_by_label("Weight").fill("87.6")
    card.get_by_role("button", name="Save weight").click()
    expect(page.locator("#card-weight")).to_contain_text("Saved your weight")
    expect(page.locator("#card-weight .logged")).to_contain_text("87.6 kg")
    assert page.evaluate("window.stillHere") is True
    assert WeightEntry.objects.get().weight_kg == 87.6

    page.locator("#card-weight").get_by_role("link", name="Weight", exact=True).click()
    expect(page.locator("table.history")).to_contain_text("87.6 kg")


def test_a_bad_weight_shows_the_error_next_to_the_field(signed_up):
    page = signed_up
    page.goto(page.url.replace("/accounts/profile/", "/today/"))
    page.evaluate("window.stillHere = true")
    card = page.locator("#card-weight")
    card.get_by_label("Weight").fill("900")
    card.get_by_role("button", name="Save weight").click()
    expect(page.locator("#card-weight .field-weight")).to_contain_text(
        "Enter a weight between 20 and 350 kg."
    )
    expect(page.locator("#card-weight input[name=weight]")).to_be_focused()
    assert page.evaluate("window.stillHere") is True
    assert not WeightEntry.objects.exists()
