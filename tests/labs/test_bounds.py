"""Results typed as a bound on the lab report form ("<5", "> 300", "≤ 0.5"): kept with
their sign, shown with it, never used by a score as if the bound were the value, and bad
input refused with a message, saving nothing."""

from datetime import date

import pytest

from tests.labs.test_views import html_of, report_data
from tracker.models import LabReport, LabResult


@pytest.mark.parametrize(
    "typed, sign, number",
    [
        ("<5", "<", 5),
        ("< 5", "<", 5),
        (">300", ">", 300),
        ("<=10", "≤", 10),
        ("≥ 7", "≥", 7),
        ("44", "", 44),
    ],
)
def test_a_bound_is_kept_with_its_sign(owner, typed, sign, number):
    response = owner.post("/labs/add/", report_data(("alt", typed, "U/L")))
    assert response.status_code == 302
    result = LabResult.objects.get()
    assert (result.qualifier, result.value, float(result.value_typed)) == (sign, number, number)


def test_a_bound_in_another_unit_keeps_its_sign_and_converts_its_number(owner):
    owner.post("/labs/add/", report_data(("glucose", "> 20", "mmol/L")))
    result = LabResult.objects.get()
    assert result.qualifier == ">"
    assert result.value == pytest.approx(20 * 18.016)


def test_the_lab_pages_show_the_bound_with_its_sign(owner):
    owner.post("/labs/add/", report_data(("alt", "<5", "U/L"), ("glucose", ">20", "mmol/L")))
    report = LabReport.objects.get()
    page = html_of(owner.get(f"/labs/report/{report.pk}/"))
    assert "&lt; 5 U/L" in page
    assert "&gt; 360 mg/dL" in page and "typed as &gt; 20 mmol/L" in page
    assert "&lt; 5" in html_of(owner.get("/labs/"))
    assert "&lt; 5 U/L" in html_of(owner.get("/labs/test/alt/"))


def test_editing_shows_the_bound_as_typed_and_saving_again_keeps_it(owner):
    owner.post("/labs/add/", report_data(("alt", "<5", "U/L")))
    report = LabReport.objects.get()
    form = html_of(owner.get(f"/labs/report/{report.pk}/edit/"))
    assert 'name="r-0-value" value="&lt; 5"' in form
    owner.post(f"/labs/report/{report.pk}/edit/", report_data(("alt", "< 5", "U/L")))
    assert LabResult.objects.get().qualifier == "<"
    owner.post(f"/labs/report/{report.pk}/edit/", report_data(("alt", "6", "U/L")))
    assert (LabResult.objects.get().qualifier, LabResult.objects.get().value) == ("", 6)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("<", "Type the number after “&lt;”, for example &lt;5."),
        ("≥", "Type the number after “≥”, for example ≥5."),
        ("abc", "Enter a number, or a bound as the lab printed it, such as &lt;5 or &gt;300."),
        ("<abc", "Enter a number, or a bound as the lab printed it"),
        ("<<5", "Enter a number, or a bound as the lab printed it"),
        ("5 <", "Enter a number, or a bound as the lab printed it"),
        ("<0.1", "enter a value between 1 and 5000 U/L"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(owner, typed, message):
    data = report_data(("ast", "30", "U/L"), ("alt", typed, "U/L"))
    response = owner.post("/labs/add/", data)
    assert response.status_code == 200
    assert message in html_of(response)
    assert not LabReport.objects.exists() and not LabResult.objects.exists()


def test_an_ordinal_grade_cannot_be_a_bound(owner):
    response = owner.post("/labs/add/", report_data(("ultrasound_grade", "<2", "grade")))
    assert "Enter the US grade itself; it cannot be a bound." in html_of(response)
    assert not LabResult.objects.exists()


def test_a_score_that_would_use_a_bound_says_it_cannot(owner, alice):
    alice.profile.date_of_birth = date(1970, 6, 15)
    alice.profile.save()
    data = report_data(("ast", "<10", "U/L"), ("alt", "30", "U/L"), ("platelets", "200", "10⁹/L"))
    assert owner.post("/labs/add/", data).status_code == 302
    page = html_of(owner.get("/labs/indices/"))
    assert "AST as an exact number (the lab gave &lt; 10 U/L)" in page
    assert "FIB-4" in page
