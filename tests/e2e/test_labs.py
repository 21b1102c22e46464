import pytest
from playwright.sync_api import expect

from tracker.models import LabReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_enter_a_two_test_report_adding_a_row_without_reload_and_see_the_flowsheet(signed_up):
    page = signed_up
    page.get_by_role("link", name="Labs", exact=True).click()
    page.wait_for_url("**/labs/")
    page.get_by_role("link", name="Add your first lab report").click()
    page.wait_for_url("**/labs/add/")
    page.evaluate("window.stillHere = true")
    page.get_by_label("Date of the test").fill("2026-10-01")

    first = page.locator(".lab-row").first
    first.get_by_label("Test").select_option("alt")
    expect(first.get_by_label("Unit").locator("option")).to_have_count(4)  # "Unit…" + 3
    first.get_by_label("Value").fill("44")
    first.get_by_label("Lab high").fill("56")

    rows_before = page.locator(".lab-row").count()
    page.get_by_role("button", name="Add a test").click()
    expect(page.locator(".lab-row")).to_have_count(rows_before + 1)
    added = page.locator(".lab-row").last
    expect(added.get_by_label("Test")).to_be_focused()
    added.get_by_label("Test").select_option("glucose")
    expect(added.get_by_label("Unit").locator("option")).to_have_count(3)  # "Unit…" + 2
    added.get_by_label("Value").fill("5.5")
    added.get_by_label("Unit").select_option("mmol/L")
    assert page.evaluate("window.stillHere") is True

    page.get_by_role("button", name="Save report").click()
    page.wait_for_url("**/labs/report/*/")
    expect(page.get_by_role("status")).to_contain_text("(2 results)")
    report = LabReport.objects.get()
    assert sorted(report.results.values_list("test_key", flat=True)) == ["alt", "glucose"]

    page.get_by_role("link", name="All results").click()
    sheet = page.locator("table.flowsheet")
    expect(sheet).to_contain_text("1 Oct 2026")

    def row(name):
        return sheet.locator("tr", has=page.get_by_role("link", name=name, exact=True))

    expect(row("ALT")).to_contain_text("44")
    expect(row("Glucose")).to_contain_text("99")  # 5.5 mmol/L shown in the profile's mg/dL


PHONE = {"width": 360, "height": 740}


def test_a_test_page_draws_its_trend_on_a_phone(signed_up, live_server):
    from datetime import date

    from django.contrib.auth.models import User

    from tests.factories import LabReportFactory, LabResultFactory

    user = User.objects.get(username="newcomer")
    for day, value in ((date(2026, 3, 1), 60), (date(2026, 9, 1), 44)):
        report = LabReportFactory(user=user, date=day)
        LabResultFactory(report=report, user=user, test_key="alt", value=value)
    page = signed_up
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/labs/test/alt/")
    expect(page.locator(".test-trend .plot.drawn .main-svg").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_flowsheet_opens_on_the_newest_results_and_keeps_the_test_names(signed_up, live_server):
    from datetime import date, timedelta

    from django.contrib.auth.models import User

    from tests.factories import LabReportFactory, LabResultFactory

    user = User.objects.get(username="newcomer")
    newest = date(2026, 10, 1)
    for n in range(8):
        report = LabReportFactory(user=user, date=newest - timedelta(days=30 * n))
        LabResultFactory(report=report, user=user, test_key="alt", value=40 + n)
    page = signed_up
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/labs/")
    wrap = page.locator(".flowsheet-wrap")
    first_date = page.locator("table.flowsheet thead th").nth(1)
    expect(first_date).to_contain_text("1 Oct 2026")
    box = first_date.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]  # on screen as the page opens
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")  # more to the right

    wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    name = page.get_by_role("link", name="ALT", exact=True)
    assert abs(name.bounding_box()["x"] - wrap.bounding_box()["x"]) < 20  # stuck to the left


def test_a_panel_adds_all_its_rows_in_the_browser_on_a_phone(signed_up, live_server):
    from tests.e2e.test_accessibility import AXE, problems_on

    page = signed_up
    page.set_viewport_size(PHONE)
    # axe comes in by an init script, which the page's CSP (script-src 'self') doesn't see.
    page.context.add_init_script(path=str(AXE))
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/labs/add/")
    page.get_by_label("Date of the test").fill("2026-10-01")
    rows = page.locator("#rows .lab-row")
    expect(rows).to_have_count(3)

    asked = []
    page.on("request", lambda request: asked.append(request.url))
    panel = page.get_by_label("Add a panel")
    add = page.get_by_role("button", name="Add its tests")
    panel.select_option("liver")  # the three empty rows take its tests
    add.click()
    expect(page.locator("#panel-status")).to_contain_text("Added ALT, AST, GGT")
    panel.select_option("lipids")  # four rows more, from the template
    add.click()
    expect(rows).to_have_count(7)
    panel.select_option("liver")  # nothing twice
    add.click()
    expect(page.locator("#panel-status")).to_have_text(
        "The form already has every test of that panel."
    )
    expect(rows).to_have_count(7)
    tests = ["alt", "ast", "ggt", "triglycerides", "total_cholesterol", "hdl", "ldl"]
    for row, key in zip(rows.all(), tests, strict=True):
        expect(row.get_by_label("Test")).to_have_value(key)
    expect(page.locator("#id_r-TOTAL_FORMS")).to_have_value("7")
    hdl = rows.nth(5)
    expect(hdl.get_by_label("Unit")).to_have_value("mg/dL")
    expect(hdl.get_by_label("Unit").locator("option")).to_have_count(3)  # "Unit…" + 2
    expect(hdl.locator("legend")).to_have_text("Test 6")
    assert asked == []  # every row came from the page itself

    problems = problems_on(page, "/labs/add/ with two panels added", PHONE["width"])
    assert not problems, "\n".join(problems)

    # "Add a test" (htmx) asks for the row after the panel's.
    page.get_by_role("button", name="Add a test").click()
    expect(rows).to_have_count(8)
    expect(rows.last.get_by_label("Test")).to_have_attribute("name", "r-7-test")
    expect(page.locator("#id_r-TOTAL_FORMS")).to_have_value("8")
    asked.clear()
    rows.last.get_by_label("Test").select_option("glucose")  # its units: no request either
    expect(rows.last.get_by_label("Unit")).to_have_value("mg/dL")
    expect(rows.last.get_by_label("Unit").locator("option")).to_have_count(3)
    rows.last.get_by_label("Value").fill("95")
    assert asked == []

    for row, value in zip(
        rows.all()[:7], ["44", "30", "<5", "150", "190", "48", "110"], strict=True
    ):
        row.get_by_label("Value").fill(value)
    hdl.get_by_label("Unit").select_option("mmol/L")
    hdl.get_by_label("Value").fill("1.2")
    page.get_by_role("button", name="Save report").click()
    page.wait_for_url("**/labs/report/*/")
    expect(page.get_by_role("status")).to_contain_text("(8 results)")
    results = {r.test_key: r for r in LabReport.objects.get().results.all()}
    assert sorted(results) == sorted([*tests, "glucose"])
    assert (str(results["hdl"].value_typed), results["hdl"].unit_typed) == ("1.200", "mmol/L")
    table = page.locator("table.lab-results")
    expect(table.locator("tr", has_text="GGT")).to_contain_text("< 5 U/L")  # a bound, kept
    assert results["ggt"].qualifier == "<"
    expect(table.locator("tr", has_text="HDL")).to_contain_text("typed as 1.2 mmol/L")
    assert not blocked, blocked


def test_a_panel_stops_at_the_formsets_most_rows(signed_up, live_server):
    page = signed_up
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/labs/add/")
    # A formset that holds no more than the three empty rows it shows.
    page.locator("[name=r-MAX_NUM_FORMS]").evaluate("el => { el.value = '3'; }")
    page.get_by_label("Add a panel").select_option("lipids")
    page.get_by_role("button", name="Add its tests").click()
    expect(page.locator("#panel-status")).to_contain_text("A report can hold at most 3 rows.")
    expect(page.locator("#rows .lab-row")).to_have_count(3)
    expect(page.locator("#id_r-TOTAL_FORMS")).to_have_value("3")
    expect(page.locator("#rows .lab-row").last.get_by_label("Test")).to_have_value("hdl")
