"""Lab panels on the report form: the page carries what the browser needs to add a
panel's rows by itself (the formset's empty form as a template, each test's units), the
form posts back what the browser built, and without JavaScript the server adds the same
rows."""

import json
import re
from datetime import date

import pytest

from tests.factories import LabReportFactory, LabResultFactory
from tests.labs.test_views import html_of, report_data, rows
from tracker.labs.forms import MAX_ROWS
from tracker.models import LabReport, LabResult


def row_tests(html):
    """The test chosen in each row of the page, in order ("" for none)."""
    found = []
    for select in re.findall(r'<select name="r-\d+-test".*?</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', select)
        found.append(chosen.group(1) if chosen else "")
    return found


def chosen_unit(html, index):
    select = re.search(rf'<select name="r-{index}-unit".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="([^"]*)" selected>', select).group(1)


def units_on(html):
    data = re.search(r'<script id="lab-units" type="application/json">(.*?)</script>', html)
    return json.loads(data.group(1))


# --- What the page gives the browser ------------------------------------------------------


def test_the_form_carries_a_row_template_and_every_tests_units_in_the_persons_choice(owner, alice):
    alice.profile.lab_units = "mmol/L"
    alice.profile.save()
    html = html_of(owner.get("/labs/add/"))
    template = re.search(r'<template id="row-template">(.*?)</template>', html, re.S).group(1)
    assert 'name="r-__prefix__-test"' in template and 'id="row-__prefix__-unit"' in template
    assert "Test __number__" in template
    assert "/labs/row/units/?index=__prefix__" in template
    units = units_on(html)
    assert units["glucose"] == {"units": ["mg/dL", "mmol/L"], "unit": "mmol/L"}
    assert units["alt"]["unit"] == "U/L"
    assert 'data-tests="alt ast ggt"' in html
    assert '<input type="hidden" name="r-MAX_NUM_FORMS" value="60"' in html


# --- Posting what the browser built -------------------------------------------------------


def test_a_report_built_in_the_browser_from_two_panels_saves_every_row(owner, alice):
    # A fresh form's three empty rows took the liver panel; the glucose panel added
    # rows 3-5 from the template and counted them in TOTAL_FORMS.
    data = report_data(
        ("alt", "44", "U/L", "7", "56"),
        ("ast", "30", "U/L"),
        ("ggt", "25", "U/L"),
        ("glucose", "5.4", "mmol/L"),
        ("insulin", "12", "µIU/mL"),
        ("hba1c", "5.6", "%"),
    )
    assert data["r-TOTAL_FORMS"] == "6"
    response = owner.post("/labs/add/", data)
    assert response.status_code == 302
    report = LabReport.objects.get()
    saved = {r.test_key: (str(r.value_typed), r.unit_typed) for r in report.results.all()}
    assert saved == {
        "alt": ("44.000", "U/L"),
        "ast": ("30.000", "U/L"),
        "ggt": ("25.000", "U/L"),
        "glucose": ("5.400", "mmol/L"),
        "insulin": ("12.000", "µIU/mL"),
        "hba1c": ("5.600", "%"),
    }
    assert all(r.user == alice for r in report.results.all())


def test_a_panel_row_left_without_its_value_names_the_test_and_saves_nothing(owner):
    data = report_data(("alt", "44", "U/L"), ("ast", "", "U/L"), ("ggt", "25", "U/L"))
    response = owner.post("/labs/add/", data)
    assert "Enter the AST value, or clear this row." in html_of(response)
    assert not LabReport.objects.exists()


def test_rows_added_in_the_browser_to_an_edited_report_join_its_results(owner, alice):
    report = LabReportFactory(user=alice, date=date(2026, 10, 1))
    alt = LabResultFactory(user=alice, report=report, test_key="alt", value=58)
    data = report_data(
        ("alt", "50", "U/L"), ("", "", ""), ("ast", "31", "U/L"), ("ggt", "22", "U/L")
    )
    data.update({"r-INITIAL_FORMS": "1", "r-0-id": str(alt.pk), "r-0-report": str(report.pk)})
    response = owner.post(f"/labs/report/{report.pk}/edit/", data)
    assert response.status_code == 302
    assert sorted(report.results.values_list("test_key", "value")) == [
        ("alt", 50),
        ("ast", 31),
        ("ggt", 22),
    ]
    assert LabResult.objects.get(test_key="alt").pk == alt.pk


def test_more_rows_than_a_report_holds_are_refused(owner):
    data = report_data(*[("", "", "")] * (MAX_ROWS + 1))
    data["r-0-test"], data["r-0-value"], data["r-0-unit"] = "alt", "44", "U/L"
    response = owner.post("/labs/add/", data)
    assert f"A report can hold at most {MAX_ROWS} rows." in html_of(response)
    assert not LabReport.objects.exists()


# --- Without JavaScript: the server adds the rows -----------------------------------------


def test_without_javascript_a_panel_adds_its_rows_after_what_was_typed(owner, alice):
    alice.profile.lab_units = "mmol/L"
    alice.profile.save()
    data = report_data(("", "", ""), ("hdl", "1.2", "mmol/L"), ("", "", ""))
    data.update({"panel": "lipids", "add_panel": "1"})
    response = owner.post("/labs/add/", data)
    html = html_of(response)
    assert response.status_code == 200
    assert not LabReport.objects.exists()
    # The typed row stays (empty rows go); HDL is there already, so it is not repeated.
    assert row_tests(html) == ["hdl", "triglycerides", "total_cholesterol", "ldl"]
    assert 'name="r-TOTAL_FORMS" value="4"' in html
    assert 'value="1.2"' in html
    assert [chosen_unit(html, i) for i in range(4)] == ["mmol/L"] * 4
    assert 'value="Riverside"' in html  # the report's fields as typed
    assert "errorlist" not in html


def test_without_javascript_a_panel_already_in_the_form_says_so(owner):
    data = report_data(("alt", "44", "U/L"), ("ast", "30", "U/L"), ("ggt", "25", "U/L"))
    data.update({"panel": "liver", "add_panel": "1"})
    html = html_of(owner.post("/labs/add/", data))
    assert row_tests(html) == ["alt", "ast", "ggt"]
    assert "The form already has every test of that panel." in html
    assert not LabReport.objects.exists()


def test_without_javascript_no_panel_chosen_says_so_and_keeps_the_rows(owner):
    data = report_data(("alt", "44", "U/L"), panel="", add_panel="1")
    html = html_of(owner.post("/labs/add/", data))
    assert "Choose a panel, then add its tests." in html
    assert row_tests(html) == ["alt"]
    assert not LabReport.objects.exists()


def test_without_javascript_a_panel_stops_at_the_most_rows_a_report_holds(owner):
    data = rows(*[("alt", str(n + 1), "U/L") for n in range(MAX_ROWS - 1)])
    data.update({"date": "2026-10-01", "panel": "glucose", "add_panel": "1"})
    html = html_of(owner.post("/labs/add/", data))
    assert f"A report can hold at most {MAX_ROWS} rows." in html
    assert f'name="r-TOTAL_FORMS" value="{MAX_ROWS}"' in html
    assert row_tests(html)[-1] == "glucose"


@pytest.mark.parametrize("who", ["other", "anon"])
def test_a_panel_posted_to_another_persons_report_changes_nothing(who, request, alice):
    report = LabReportFactory(user=alice, date=date(2026, 10, 1))
    client = request.getfixturevalue(who)
    data = report_data(("alt", "44", "U/L"), panel="liver", add_panel="1")
    response = client.post(f"/labs/report/{report.pk}/edit/", data)
    assert response.status_code == (404 if who == "other" else 302)
    assert "Liver panel" not in html_of(response)
