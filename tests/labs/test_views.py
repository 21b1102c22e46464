"""The lab pages: entering a report, the flowsheet, a page per test and the scores page,
each tried by its owner, by another user and anonymously."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import LabReportFactory, LabResultFactory
from tracker.models import LabReport, LabResult

DAY = "2026-10-01"


def rows(*items):
    """Form data for result rows: rows(("alt", "44", "U/L"), ("glucose", "5.5", "mmol/L")),
    with the formset's management form."""
    data = {"r-TOTAL_FORMS": str(len(items)), "r-INITIAL_FORMS": "0"}
    for i, item in enumerate(items):
        test, value, unit, *limits = (*item, "", "")[:5]
        data.update(
            {
                f"r-{i}-test": test,
                f"r-{i}-value": value,
                f"r-{i}-unit": unit,
                f"r-{i}-lab_low": limits[0],
                f"r-{i}-lab_high": limits[1],
            }
        )
    return data


def report_data(*items, day=DAY, **extra):
    return {"date": day, "lab_name": "Riverside", "fasting": "true", **rows(*items), **extra}


def html_of(response):
    return response.content.decode()


@pytest.fixture
def result(alice):
    report = LabReportFactory(user=alice, date=date(2026, 10, 1))
    return LabResultFactory(
        user=alice,
        report=report,
        value=58,
        lab_low=7,
        lab_high=56,
        lab_low_typed=7,
        lab_high_typed=56,
    )


def object_urls(result):
    report = result.report.pk
    return [
        f"/labs/report/{report}/",
        f"/labs/report/{report}/edit/",
        f"/labs/report/{report}/delete/",
        f"/labs/result/{result.pk}/delete/",
    ]


PAGE_URLS = [
    "/labs/",
    "/labs/add/",
    "/labs/indices/",
    "/labs/test/alt/",
    "/labs/row/?index=3",
    "/labs/row/units/?index=3&r-3-test=alt",
]


# --- Who may see what -----------------------------------------------------------------------


def test_owner_sees_every_lab_page(owner, result):
    for url in PAGE_URLS + object_urls(result):
        assert owner.get(url).status_code == 200, url


def test_another_user_gets_404_for_the_owners_reports_and_changes_nothing(other, result):
    for url in object_urls(result):
        assert other.get(url).status_code == 404, url
    for url in object_urls(result)[1:]:  # the ones that change something
        assert other.post(url, report_data(("alt", "20", "U/L"))).status_code == 404, url
    assert other.delete(f"/labs/result/{result.pk}/delete/").status_code == 404
    result.refresh_from_db()
    assert result.value == 58
    assert LabReport.objects.count() == 1


def test_another_user_sees_only_their_own_results_on_the_list_pages(other, result):
    for url in ["/labs/", "/labs/indices/", "/labs/test/alt/"]:
        response = other.get(url)
        assert response.status_code == 200
        assert f"/labs/report/{result.report.pk}/" not in response.content.decode()
        assert ">58<" not in response.content.decode()
        assert "58 U/L" not in response.content.decode()


def test_anonymous_is_sent_to_login_everywhere(anon, result):
    for url in PAGE_URLS + object_urls(result):
        response = anon.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/")
    anon.post(f"/labs/report/{result.report.pk}/delete/")
    anon.post("/labs/add/", report_data(("alt", "20", "U/L")))
    assert LabResult.objects.count() == 1
    assert LabReport.objects.count() == 1


def test_unknown_test_page_is_404(owner):
    assert owner.get("/labs/test/nonsense/").status_code == 404


def test_the_labs_link_is_in_the_nav_and_marked_current(owner):
    html = owner.get("/labs/").content.decode()
    assert '<a href="/labs/" aria-current="page">Labs</a>' in html
    assert 'aria-current="page">Labs</a>' not in owner.get("/today/").content.decode()


# --- Entering a report ----------------------------------------------------------------------


def test_a_fresh_form_has_three_blank_rows_and_todays_date(owner):
    html = owner.get("/labs/add/").content.decode()
    assert html.count('name="r-TOTAL_FORMS" value="3"') == 1
    assert html.count('name="r-2-test"') == 1 and 'name="r-3-test"' not in html
    assert f'value="{timezone.localdate().isoformat()}"' in html


def test_a_valid_report_saves_typed_and_canonical_values(owner, alice):
    data = report_data(("alt", "44", "U/L", "7", "56"), ("glucose", "5.5", "mmol/L"))
    response = owner.post("/labs/add/", data)
    report = LabReport.objects.get()
    assert response.status_code == 302
    assert response.url == f"/labs/report/{report.pk}/"
    assert (report.user, report.date, report.fasting) == (alice, date(2026, 10, 1), True)
    alt, glucose = report.results.order_by("id")
    assert (alt.user, alt.value, alt.lab_low, alt.lab_high) == (alice, 44, 7, 56)
    assert glucose.value == pytest.approx(5.5 * 18.016)
    assert (str(glucose.value_typed), glucose.unit_typed) == ("5.500", "mmol/L")


def test_the_owner_comes_from_the_request_not_the_form(owner, alice, bob):
    owner.post("/labs/add/", report_data(("alt", "44", "U/L"), user=bob.pk))
    assert LabReport.objects.get().user == alice
    assert LabResult.objects.get().user == alice


def test_a_unit_that_the_test_does_not_accept_is_refused_by_name(owner):
    response = owner.post("/labs/add/", report_data(("alt", "44", "mmol/mol")))
    assert response.status_code == 200
    assert "mmol/mol is not a unit for ALT; use U/L, IU/L or µkat/L." in html_of(response)
    assert not LabReport.objects.exists()


def test_an_implausible_value_names_the_limits_in_the_typed_unit(owner):
    response = owner.post("/labs/add/", report_data(("glucose", "80", "mmol/L")))
    assert "enter a value between 1.2 and 55.5 mmol/L" in html_of(response)
    assert not LabResult.objects.exists()


def test_an_empty_report_is_refused(owner):
    response = owner.post("/labs/add/", report_data(("", "", "U/L"), ("", "", "")))
    assert "Add at least one test result." in html_of(response)
    assert not LabReport.objects.exists()


def test_the_same_test_twice_is_refused(owner):
    response = owner.post("/labs/add/", report_data(("alt", "44", "U/L"), ("alt", "40", "U/L")))
    assert "ALT is already in this report (row 1)" in html_of(response)
    assert not LabReport.objects.exists()


def test_a_future_date_is_refused(owner):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = owner.post("/labs/add/", report_data(("alt", "44", "U/L"), day=tomorrow))
    assert "cannot be in the future" in html_of(response)
    assert not LabReport.objects.exists()


def test_one_bad_row_saves_nothing_at_all(owner):
    data = report_data(("alt", "44", "U/L"), ("ast", "9000", "U/L"), ("glucose", "99", "mg/dL"))
    response = owner.post("/labs/add/", data)
    assert response.status_code == 200
    assert not LabReport.objects.exists()
    assert not LabResult.objects.exists()
    # What was typed stays on the page to be fixed.
    assert 'value="44"' in response.content.decode()


@pytest.mark.parametrize(
    "row, message",
    [
        (("", "44", "U/L"), "Choose which test this value is for."),
        (("alt", "", "U/L"), "Enter the ALT value, or clear this row."),
        (("alt", "44", ""), "Choose the unit: U/L, IU/L or µkat/L."),
        (("alt", "44", "U/L", "56", "7"), "The lab&#x27;s high limit must be above its low limit."),
        (("ultrasound_grade", "1.5", "grade"), "Enter the grade as 0 (none), 1 (mild)"),
        (("alt", "abc", "U/L"), "Enter a number, or a bound as the lab printed it"),
    ],
)
def test_an_incomplete_row_says_what_is_missing(owner, row, message):
    response = owner.post("/labs/add/", report_data(row))
    assert message in html_of(response)
    assert not LabReport.objects.exists()


def test_add_a_test_without_javascript_keeps_what_was_typed_and_adds_rows(owner):
    data = report_data(("alt", "44", "U/L"), more="1")
    response = owner.post("/labs/add/", data)
    html = response.content.decode()
    assert 'name="r-TOTAL_FORMS" value="4"' in html
    assert 'name="r-3-test"' in html and 'name="r-4-test"' not in html
    assert 'value="44"' in html
    assert "errorlist" not in html
    assert not LabReport.objects.exists()


def test_htmx_add_a_test_returns_one_row_and_moves_the_button_on(owner):
    response = owner.get("/labs/row/?index=3", **HTMX)
    html = response.content.decode()
    assert 'id="row-3"' in html and 'name="r-3-test"' in html
    assert 'hx-swap-oob="true"' in html and "/labs/row/?index=4" in html
    assert '<input type="hidden" name="r-TOTAL_FORMS" value="4"' in html
    assert "<html" not in html


def test_a_bad_row_number_is_a_bad_request(owner):
    assert owner.get("/labs/row/?index=x").status_code == 400


def test_choosing_a_test_offers_only_its_units_with_the_profiles_choice_selected(owner, alice):
    alice.profile.lab_units = "mmol/L"
    alice.profile.save()
    html = owner.get("/labs/row/units/?index=2&r-2-test=glucose", **HTMX).content.decode()
    assert 'name="r-2-unit"' in html
    assert '<option value="mmol/L" selected>' in html
    assert "U/L" not in html


def test_editing_a_report_updates_rows_and_removes_cleared_ones(owner, result):
    report = result.report
    LabResultFactory(user=result.user, report=report, test_key="ast", value=40)
    page = owner.get(f"/labs/report/{report.pk}/edit/").content.decode()
    assert 'value="58"' in page and 'value="56"' in page
    data = report_data(("alt", "31", "U/L", "7", "56"), ("", "", ""), day="2026-10-02")
    response = owner.post(f"/labs/report/{report.pk}/edit/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.date == date(2026, 10, 2)
    assert [(r.test_key, r.value) for r in report.results.all()] == [("alt", 31)]
    assert LabReport.objects.count() == 1


# --- Deleting -------------------------------------------------------------------------------


def test_a_result_is_deleted_with_htmx_and_the_report_stays(owner, result):
    response = owner.delete(f"/labs/result/{result.pk}/delete/", **HTMX)
    assert response.status_code == 200 and response.content == b""
    assert not LabResult.objects.exists()
    assert LabReport.objects.exists()


def test_a_result_is_deleted_after_confirmation_without_javascript(owner, result):
    assert "Delete this result?" in owner.get(f"/labs/result/{result.pk}/delete/").content.decode()
    response = owner.post(f"/labs/result/{result.pk}/delete/")
    assert response.url == f"/labs/report/{result.report.pk}/"
    assert not LabResult.objects.exists()


def test_a_report_is_deleted_with_its_results_after_confirmation(owner, result):
    page = owner.get(f"/labs/report/{result.report.pk}/delete/").content.decode()
    assert "with 1 result." in page
    response = owner.post(f"/labs/report/{result.report.pk}/delete/")
    assert response.url == "/labs/"
    assert not LabReport.objects.exists() and not LabResult.objects.exists()


# --- Reading results ------------------------------------------------------------------------


@pytest.fixture
def two_reports(alice):
    first = LabReportFactory(user=alice, date=date(2026, 6, 1))
    second = LabReportFactory(user=alice, date=date(2026, 9, 1))
    for report, alt in ((first, 58), (second, 44)):
        LabResultFactory(
            user=alice,
            report=report,
            value=alt,
            lab_low=7,
            lab_high=56,
            lab_low_typed=7,
            lab_high_typed=56,
        )
    return first, second


def test_the_flowsheet_shows_newest_first_with_flags_and_change(owner, two_reports):
    html = owner.get("/labs/").content.decode()
    assert html.index("1 Sep 2026") < html.index("1 Jun 2026")
    assert "High: outside the lab&#x27;s own range, 7–56 U/L" in html
    assert "Above the healthy upper limit: &gt;25 U/L for women" in html
    assert "down 14 U/L since 1 Jun 2026" in html
    assert 'class="sticky"' in html


def test_the_flowsheet_shows_values_in_the_profiles_units(owner, alice):
    alice.profile.lab_units = "mmol/L"
    alice.profile.save()
    LabResultFactory(user=alice, test_key="glucose", value=99)
    html = owner.get("/labs/").content.decode()
    assert ">5.5<" in html and "mmol/L" in html


def test_the_report_page_names_both_flags(owner, result):
    html = owner.get(f"/labs/report/{result.report.pk}/").content.decode()
    assert "Lab range:</strong> High" in html
    assert "Guideline:</strong> Above the healthy upper limit" in html


def test_the_test_page_shows_history_and_the_scores_that_use_it(owner, two_reports):
    html = owner.get("/labs/test/alt/").content.decode()
    assert "58 U/L" in html and "44 U/L" in html
    assert "AST/ALT ratio" in html and "FIB-4" in html and "NAFLD fibrosis score" in html
    assert "needs AST" in html
    assert "not a diagnosis" in html
    assert "ACG 2017" in html


def test_the_scores_page_shows_checklists_and_sources(owner, alice, two_reports):
    LabResultFactory(user=alice, report=two_reports[1], test_key="hdl", value=45)
    html = owner.get("/labs/indices/").content.decode()
    assert "risk-stratification aids, not a diagnosis" in html
    assert "Metabolic syndrome" in html and "Alberti 2009 (harmonized)" in html
    assert "MASLD cardiometabolic criteria" in html and "Rinella 2023" in html
    assert "Met" in html and "Unknown" in html
    assert "HDL 45 mg/dL" in html
    assert "needs a waist measurement" in html


def test_a_test_page_draws_its_trend(owner, alice):
    for day, value in (("2026-01-10", 60), ("2026-06-10", 44)):
        report = LabReportFactory(user=alice, date=date.fromisoformat(day))
        LabResultFactory(report=report, user=alice, test_key="alt", value=value)
    html = owner.get("/labs/test/alt/").content.decode()
    assert 'data-figure="figure-lab-alt"' in html
    assert '<script id="figure-lab-alt" type="application/json">' in html
    assert "2 results in this range" in html
    assert "plotly-basic" in html


def test_a_test_page_draws_a_result_given_as_a_bound_apart_and_says_so(owner, alice):
    for day, value, bound in (
        ("2026-01-10", 60, ""),
        ("2026-03-10", 5, "<"),
        ("2026-06-10", 44, ""),
    ):
        report = LabReportFactory(user=alice, date=date.fromisoformat(day))
        LabResultFactory(report=report, user=alice, test_key="alt", value=value, qualifier=bound)
    html = owner.get("/labs/test/alt/").content.decode()
    assert "1 result came from the lab as a bound (such as &lt; 5 U/L)" in html  # the caption
    assert '"name": "Below the lab\'s limit (the value is under the bound)"' in html  # legend
    assert "Open triangles: results the lab reported only as a bound" in html


def test_a_test_page_with_no_results_draws_nothing(owner):
    html = owner.get("/labs/test/alt/").content.decode()
    assert "data-figure" not in html and "plotly" not in html
