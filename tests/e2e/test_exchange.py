import datetime as dt
import re
import time

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user
from tests.factories import ExerciseFactory, MealFactory, WeightFactory
from tracker.models import BloodPressure, Exercise, Meal, Profile, WeightEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def donor(db):
    """Someone with a little history, and a height the newcomer does not have yet."""
    user = make_user("donor", height_cm=172, weight_unit="lb")
    for day, kg in [(1, 92.4), (2, 92.1), (4, 91.7)]:
        WeightFactory(user=user, date=dt.date(2025, 3, day), weight_kg=kg)
    ExerciseFactory(user=user, date=dt.date(2025, 3, 2), note="=looks like a formula")
    MealFactory(user=user, date=dt.date(2025, 3, 2))
    return user


def download_backup(browser, live_server, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "donor")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")
    page.get_by_role("link", name="Your data").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download a backup").click()
    download = info.value
    assert re.fullmatch(r"liverlog-backup-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    context.close()
    return path


def test_export_a_backup_then_import_it_into_a_fresh_account(
    signed_up, donor, browser, live_server, tmp_path
):
    backup = download_backup(browser, live_server, tmp_path)

    page = signed_up  # the newcomer, with an empty account
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("link", name="Your data")).to_have_attribute("aria-current", "page")
    page.get_by_label("File to import").set_input_files(str(backup))
    page.get_by_role("button", name="Read the file").click()

    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.locator("#rows-found")).to_have_text("5")
    expect(page.locator("#rows-new")).to_have_text("5")
    expect(page.locator("#rows-error")).to_have_text("0")
    expect(page.get_by_text("Profile settings in the backup")).to_be_visible()
    assert not WeightEntry.objects.filter(user__username="newcomer").exists()

    page.get_by_role("button", name="Import 5 new entries").click()
    page.wait_for_url("**/data/")
    expect(page.locator(".messages")).to_contain_text("Imported 5 new entries.")
    newcomer = {"user__username": "newcomer"}
    assert WeightEntry.objects.filter(**newcomer).count() == 3
    assert Exercise.objects.get(**newcomer).note == "=looks like a formula"
    assert Meal.objects.filter(**newcomer).count() == 1
    assert Profile.objects.get(user__username="newcomer").height_cm == 172

    # The history page shows the imported weights in the restored unit (lb).
    page.goto(f"{live_server.url}/log/weight/")
    expect(page.locator("table.history")).to_contain_text("203.7 lb")


def test_a_file_with_a_bad_row_cannot_be_confirmed(signed_up, tmp_path):
    bad = tmp_path / "weights.csv"
    bad.write_text("date,weight (kg)\n2025-01-01,80\n2025-01-02,800\n")
    page = signed_up
    page.get_by_role("link", name="Your data").click()
    page.get_by_label("File to import").set_input_files(str(bad))
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator(".problems")).to_contain_text("Row 3: weight 800 kg is outside 20–350 kg.")
    expect(page.get_by_role("button", name="Import 1 new entry")).to_be_disabled()
    assert not WeightEntry.objects.exists()


def test_progress_is_polled_while_a_slow_import_runs(signed_up, tmp_path, monkeypatch):
    from tracker.exchange import pending, sections

    # Make the commit slow enough to watch: one row per batch, a pause after each.
    monkeypatch.setattr(sections, "BATCH", 1)
    advance = pending.Progress.advance

    def slow_advance(self, count):
        advance(self, count)
        time.sleep(0.4)

    monkeypatch.setattr(pending.Progress, "advance", slow_advance)
    # Record what each poll was told (Playwright cannot read the page mid-navigation).
    seen = []
    progress_of = pending.progress_of

    def recorded(user_id, token):
        state = progress_of(user_id, token)
        seen.append(dict(state or {}))
        return state

    monkeypatch.setattr(pending, "progress_of", recorded)
    rows = "".join(f"2025-01-{day:02d},{80 + day / 10}\n" for day in range(1, 9))
    weights = tmp_path / "weights.csv"
    weights.write_text("date,weight (kg)\n" + rows)

    page = signed_up
    page.get_by_role("link", name="Your data").click()
    page.get_by_label("File to import").set_input_files(str(weights))
    page.get_by_role("button", name="Read the file").click()
    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if "/progress/" in r.url else None)
    seen.clear()
    page.get_by_role("button", name="Import 8 new entries").click(no_wait_after=True)
    page.wait_for_url("**/data/", timeout=20_000)
    expect(page.locator(".messages")).to_contain_text("Imported 8 new entries.")
    assert statuses and set(statuses) == {200}
    assert any(0 < s["done"] < 8 and not s["finished"] for s in seen), seen


def test_a_blood_pressure_csv_with_unknown_columns_is_mapped_then_imported(signed_up, tmp_path):
    bp = tmp_path / "blutdruck.csv"
    bp.write_text("Zeitpunkt;Oben;Unten;Herzschlag\n13.10.2025 07:05;131;84;68\n")
    page = signed_up
    page.get_by_role("link", name="Your data").click()
    page.get_by_label("File to import").set_input_files(str(bp))
    page.get_by_role("button", name="Read the file").click()

    # Not a known layout: read as a weight file, which asks for its columns. Say what it is.
    expect(page.locator(".problems")).to_contain_text("Choose which column holds the date")
    page.get_by_label("What is in the file").select_option("measures")
    page.get_by_role("button", name="Read it again").click()

    # The form comes back with the blood-pressure columns to choose.
    expect(page.locator(".problems")).to_contain_text("which the blood pressure (systolic")
    page.get_by_label("Date column").select_option("Zeitpunkt")
    page.get_by_label("Systolic (upper) column").select_option("Oben")
    page.get_by_label("Diastolic (lower) column").select_option("Unten")
    page.get_by_label("Pulse column").select_option("Herzschlag")
    page.get_by_label("Date format").select_option("DD.MM.YYYY")
    page.get_by_role("button", name="Read it again").click()

    expect(page.locator("#rows-error")).to_have_text("0")
    expect(page.locator("table.samples")).to_contain_text("131/84")
    assert not BloodPressure.objects.exists()
    page.get_by_role("button", name="Import 1 new entry").click()
    page.wait_for_url("**/data/")
    expect(page.locator(".messages")).to_contain_text("Imported 1 new entry.")
    reading = BloodPressure.objects.get(user__username="newcomer")
    assert (reading.systolic, reading.diastolic, reading.pulse) == (131, 84, 68)
    assert str(reading.date) == "2025-10-13"
