"""Pasting results copied from a portal or a PDF fills the lab form's rows for checking;
nothing is saved until the person saves."""

import pytest

from tests.labs.test_views import html_of, report_data
from tracker.exchange.pasted_labs import read
from tracker.models import LabResult

PASTED = """Test            Result   Units      Reference
ALT             45       U/L        7-56
AST (SGOT)      38       IU/L       0-40      H
Hemoglobin A1c  5,9      %          4.8-5.6   H
Platelets\t231\tx10E3/uL\t150 - 450
C-Reactive Protein  2.1  mg/L  0-10
GGT  < 5  U/L
Insulin  <2
"""


def test_lines_are_read_into_rows_and_the_rest_is_listed_back():
    pasted = read(PASTED)
    assert pasted.rows == [
        {"test": "alt", "value": "45", "unit": "U/L", "lab_low": "7", "lab_high": "56"},
        {"test": "ast", "value": "38", "unit": "IU/L", "lab_low": "0", "lab_high": "40"},
        {"test": "hba1c", "value": "5.9", "unit": "%", "lab_low": "4.8", "lab_high": "5.6"},
        {
            "test": "platelets",
            "value": "231",
            "unit": "10³/µL",
            "lab_low": "150",
            "lab_high": "450",
        },
        {"test": "ggt", "value": "<5", "unit": "U/L", "lab_low": "", "lab_high": ""},
        {"test": "insulin", "value": "<2", "unit": "", "lab_low": "", "lab_high": ""},
    ]
    assert [line.split("”")[0] for line in pasted.left_out] == [
        "“Test            Result   Units      Reference",
        "“C-Reactive Protein  2.1  mg/L  0-10",
    ]


@pytest.mark.django_db
def test_a_pasted_bound_fills_its_row_and_saves_with_its_sign(owner, alice):
    html = html_of(owner.post("/labs/add/", report_data(fill="1", paste="GGT  < 5  U/L")))
    assert 'name="r-0-value" value="&lt;5"' in html
    assert owner.post("/labs/add/", report_data(("ggt", "<5", "U/L"))).status_code == 302
    assert LabResult.objects.get(user=alice).qualifier == "<"


@pytest.mark.django_db
def test_filling_shows_the_rows_to_check_and_saves_nothing(owner, alice):
    data = report_data(("ggt", "61", "U/L"), fill="1", paste=PASTED)
    response = owner.post("/labs/add/", data)
    assert response.status_code == 200
    html = html_of(response)
    assert "Filled 5 rows from the pasted results" in html  # GGT was typed already
    assert "Not filled: “C-Reactive Protein" in html
    assert 'name="r-0-value" value="61"' in html  # the row typed before stays first
    assert 'name="r-1-value" value="45"' in html
    assert 'name="r-4-value" value="231"' in html
    assert LabResult.objects.filter(user=alice).count() == 0


@pytest.mark.django_db
def test_the_filled_rows_save_once_checked(owner, alice):
    filled = report_data(("alt", "45", "U/L", "7", "56"), ("hba1c", "5.9", "%", "4.8", "5.6"))
    assert owner.post("/labs/add/", filled).status_code == 302
    assert LabResult.objects.get(user=alice, test_key="alt").lab_high == 56


def test_anonymous_cannot_fill(client):
    response = client.post("/labs/add/", {"fill": "1", "paste": PASTED})
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
