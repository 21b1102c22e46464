"""A newcomer's whole path through the real UI, one step after another: sign up, set the
profile, log each kind of entry, enter a lab report, set goals, see the dashboard, read
an article, make the report and its PDF, share it, export and re-import the data, and
finally delete the account."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-newcomer-pass-7"


def nav(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def sign_up(page, base, username):
    page.goto(base + "/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/profile/")
    expect(page.locator(".messages")).to_contain_text("Welcome to LiverLog")


def set_profile(page):
    page.get_by_label("Name or initials").fill("Sam")
    page.get_by_label("Sex (used for reference ranges)").select_option("female")
    page.get_by_label("Date of birth").fill("1972-04-02")
    page.get_by_role("spinbutton", name="Height").fill("165")
    page.get_by_label("Height unit").select_option("cm")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".messages")).to_contain_text("Saved your profile.")
    expect(page.get_by_label("Name or initials")).to_have_value("Sam")
    expect(page.get_by_role("spinbutton", name="Height")).to_have_value("165.0")


def log_on_today(page, slug, button, fields, shown):
    """Open one tile on Today, fill its short form, save it, and see the entry's chip."""
    card = page.locator(f"#card-{slug}")
    opener = card.locator(".tile-open")
    if opener.count():
        opener.click()
        expect(card.get_by_role("button", name=button)).to_be_visible()
    for label, value in fields.items():
        control = card.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        elif value is True:
            control.check()
        else:
            control.fill(value)
    card.get_by_role("button", name=button).click()
    card = page.locator(f"#card-{slug}")  # htmx swapped the card for a fresh one
    expect(card.locator(".card-status")).to_contain_text("Saved")
    expect(card.locator(".logged")).to_contain_text(shown)


def log_every_daily_kind(page):
    nav(page, "Today")
    page.evaluate("window.stillHere = true")  # quick entries save without a reload
    log_on_today(page, "weight", "Save weight", {"Weight": "88.4"}, "88.4 kg")
    log_on_today(page, "measurements", "Save measurement", {"Waist": "96", "Unit": "cm"}, "96")
    log_on_today(
        page,
        "exercise",
        "Save exercise session",
        {"Activity": "Brisk walk", "Minutes": "40", "Intensity": "moderate"},
        "Brisk walk",
    )
    log_on_today(
        page,
        "meals",
        "Save meal",
        {"Meal": "lunch", "Description": "Lentil soup", "Legumes": True},
        "Lentil soup",
    )
    checkin = page.locator("#card-checkins")
    checkin.get_by_role("group", name="Sleep").get_by_role("button", name="7").click()
    expect(page.locator("#card-checkins .card-status")).to_contain_text("Saved")
    expect(page.locator("#card-checkins .logged")).to_contain_text("sleep 7")
    log_on_today(
        page,
        "blood-pressure",
        "Save blood pressure reading",
        {"Systolic (mmHg)": "128", "Diastolic (mmHg)": "82"},
        "128/82",
    )
    assert page.evaluate("window.stillHere") is True


def log_the_occasional_kinds(page, today):
    nav(page, "Today")
    page.get_by_role("link", name="Add a diet check").click()
    page.get_by_label("Was olive oil your main fat for cooking and dressing?").check()
    page.get_by_label("Did you eat 2 or more servings of vegetables a day?").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("diet check")
    expect(page.locator("table.history tbody tr")).to_have_count(1)

    nav(page, "History")
    page.get_by_role("link", name="Medications").click()
    page.get_by_role("link", name="Add a medication").click()
    page.get_by_label("Name").fill("Metformin")
    page.get_by_label("Dose").fill("500 mg twice a day")
    page.get_by_label("Start date").fill(f"{today - timedelta(days=60):%Y-%m-%d}")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("table.history")).to_contain_text("Metformin")

    # An earlier weighing, typed on the full form with its date: the start of a trend.
    nav(page, "History")
    page.get_by_role("link", name="Add a weight").click()
    page.get_by_label("Date").fill(f"{today - timedelta(days=42):%Y-%m-%d}")
    page.get_by_label("Weight").fill("92.0")
    page.get_by_role("button", name="Save").click()
    history = page.locator("table.history")
    expect(history).to_contain_text("92.0 kg")
    expect(history).to_contain_text("88.4 kg")


def enter_a_lab_report(page, today):
    nav(page, "Labs")
    page.get_by_role("navigation", name="Labs").get_by_role("link", name="Add a lab report").click()
    page.get_by_label("Date of the test").fill(f"{today - timedelta(days=7):%Y-%m-%d}")
    page.get_by_label("Lab or clinic").fill("City Lab")
    page.get_by_label("Fasting?").select_option("true")
    for index, (test, value) in enumerate([("alt", "52"), ("ast", "38")]):
        row = page.locator(f"#row-{index}")
        # Choosing the test offers the units that test can be reported in (from the page).
        row.get_by_label("Test").select_option(test)
        expect(row.get_by_label("Unit").locator("option")).to_have_count(4)  # "Unit…" + 3
        row.get_by_label("Value").fill(value)
        row.get_by_label("Unit").select_option("U/L")
    page.get_by_role("button", name="Save report").click()
    expect(page.locator(".messages")).to_contain_text("(2 results)")
    expect(page.locator("main table")).to_contain_text("52")
    expect(page.locator("main table")).to_contain_text("38")

    page.get_by_role("link", name="All results").click()
    expect(page.locator("table.flowsheet")).to_contain_text("ALT")


def set_goals(page, today):
    nav(page, "Progress")
    page.get_by_role("link", name="Your goals").click()
    page.get_by_label("Baseline date").fill(f"{today - timedelta(days=42):%Y-%m-%d}")
    page.get_by_label("Baseline weight (kg)").fill("92.0")
    page.get_by_label("10 % (what fibrosis usually needs)").check()
    page.get_by_label("Target date").fill(f"{today + timedelta(days=180):%Y-%m-%d}")
    page.get_by_role("button", name="Save weight goal").click()
    expect(page.locator(".messages")).to_contain_text("Saved your new weight goal")

    page.get_by_label("Active minutes a week").fill("150")
    page.get_by_role("button", name="Save activity goal").click()
    expect(page.locator(".messages")).to_contain_text("Saved your new activity goal")


def see_the_dashboard(page):
    nav(page, "Progress")
    header = page.locator("#progress-header")
    expect(header).to_contain_text("92.0 kg")  # the baseline set as the goal's start
    expect(header).to_contain_text("Lost so far")
    expect(header).to_contain_text("5 % (87.4 kg)")  # the next milestone: 5 % below 92.0
    weight = page.locator("#chart-weight")
    expect(weight.locator(".plot.drawn .main-svg").first).to_be_visible()
    expect(weight.locator("table")).to_contain_text("88.4")
    assert page.locator(".plot.drawn").count() >= 3


def read_an_article(page):
    nav(page, "Learn")
    page.get_by_label("Search articles").fill("ALT")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#results")
    expect(results).to_contain_text("matching “ALT”")
    results.get_by_role("link", name="ALT, the liver enzyme most often checked").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ALT, the liver enzyme most often checked"
    )
    expect(page.locator(".article-body")).to_contain_text("alanine aminotransferase")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()


def make_the_report_and_its_pdf(page, tmp_path):
    nav(page, "Report")
    report = page.locator("article.report")
    expect(report).to_contain_text("Sam")
    expect(report).to_contain_text("92.0 kg")
    expect(report).to_contain_text("52")
    expect(report.locator(".plot.drawn .main-svg").first).to_be_visible()

    page.get_by_label("A question for your visit").fill("Should I repeat the ALT test?")
    page.get_by_role("button", name="Add question").click()
    expect(page.locator("article.report")).to_contain_text("Should I repeat the ALT test?")

    # The task worker makes it (at once in tests); the page then offers the download.
    page.get_by_role("button", name="Make a PDF").click()
    expect(page.get_by_role("status")).to_contain_text("Your PDF is ready", timeout=90_000)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("link", name="Download the PDF").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.endswith(".pdf")
    assert path.read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="Back to the report").click()


def share_it(page, browser):
    page.get_by_role("link", name="Share with your doctor…").click()
    page.get_by_label("Expires after").select_option("7")
    page.get_by_label("Label").fill("Dr Rossi")
    page.get_by_role("button", name="Create link").click()
    url = page.get_by_role("textbox", name="Link").input_value()

    doctor = browser.new_context()  # no session, no cookies
    shared = doctor.new_page()
    shared.goto(url)
    expect(shared.get_by_role("heading", level=1)).to_contain_text("LiverLog report")
    expect(shared.locator(".report")).to_contain_text("88.4 kg")
    expect(shared.locator(".report")).to_contain_text("Should I repeat the ALT test?")
    doctor.close()

    page.reload()
    expect(page.locator("table.history")).to_contain_text("Dr Rossi")
    expect(page.locator("table.history")).to_contain_text("1 time")


def export_a_backup(page, tmp_path):
    nav(page, "Your data")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download a backup").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"{")
    return path


def import_it_into_a_second_account(browser, base, backup):
    context = browser.new_context()
    page = context.new_page()
    sign_up(page, base, "second")
    nav(page, "Your data")
    page.get_by_label("File to import").set_input_files(str(backup))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.locator("#rows-error")).to_have_text("0")
    new_rows = page.locator("#rows-new").inner_text()
    assert int(new_rows) >= 9  # two weights and one of every other kind, and the lab report
    page.get_by_role("button", name=f"Import {new_rows} new entries").click()
    page.wait_for_url("**/data/")
    expect(page.locator(".messages")).to_contain_text(f"Imported {new_rows} new entries.")

    nav(page, "History")
    expect(page.locator("table.history")).to_contain_text("88.4 kg")
    nav(page, "Labs")
    expect(page.locator("table.flowsheet")).to_contain_text("52")
    context.close()


def delete_the_account(page, base, username):
    nav(page, "Profile")
    page.get_by_role("link", name="Delete your account and all its data").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Delete everything").click()
    expect(page.locator(".messages")).to_contain_text("Your account and all its data are deleted.")

    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main")).to_contain_text("Please enter a correct username and password")
    assert page.url.endswith("/accounts/login/")


def test_a_newcomer_goes_from_sign_up_to_deleting_their_account(
    page, browser, live_server, tmp_path
):
    base = live_server.url
    today = timezone.localdate()

    sign_up(page, base, "newcomer")
    set_profile(page)
    log_every_daily_kind(page)
    log_the_occasional_kinds(page, today)
    enter_a_lab_report(page, today)
    set_goals(page, today)
    see_the_dashboard(page)
    read_an_article(page)
    make_the_report_and_its_pdf(page, tmp_path)
    share_it(page, browser)
    backup = export_a_backup(page, tmp_path)
    import_it_into_a_second_account(browser, base, backup)
    delete_the_account(page, base, "newcomer")
