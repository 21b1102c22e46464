"""A report's look-back (the baseline weighing, the latest labs, waist and blood pressure
before its period) is shown with its date and marked "before this period", on the report
page, in its PDF and on a share link's page."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from tests.report import past_period
from tests.report.pdf_client import download_pdf
from tests.report.test_same_numbers import text_of
from tracker.report import sharing
from tracker.templatetags.report import before_period


def test_a_day_before_the_start_is_marked_and_the_start_is_not():
    start = past_period.START
    assert "before this period" in before_period(start - timedelta(days=1), start)
    assert before_period(start, start) == ""
    assert before_period(None, start) == ""


@pytest.fixture
def pages(owner, anon, alice):
    past_period.seed(alice)
    _link, token = sharing.create_link(alice, 7, "", past_period.START, past_period.END)
    pdf = PdfReader(io.BytesIO(download_pdf(owner, past_period.PERIOD).content))
    return {
        "report": text_of(owner.get("/report/", past_period.PERIOD).content.decode()),
        "PDF": re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages)),
        "share page": text_of(anon.get(f"/shared/{token}/").content.decode()),
    }


def test_the_latest_lab_report_before_the_period_is_named_with_its_date(pages):
    for text in pages.values():
        assert "No lab results in this period" in text
        assert "The latest lab report before this period is from 2 Mar 2025" in text


def test_checklists_mark_the_labs_they_cite_from_before_the_period(pages):
    for text in pages.values():
        cited = re.findall(r"\((\d+ \w{3} \d{4})(, before this period)? ?\)", text)
        assert ("2 Mar 2025", ", before this period") in cited, cited
        # The waist of 15 June is in the period.
        assert ("15 Jun 2025", "") in cited, cited
        assert ("15 Jun 2025", ", before this period") not in cited


def test_the_baseline_weighing_is_marked_and_the_trend_weight_is_not(pages):
    for text in pages.values():
        assert "on 10 Jan 2025, before this period" in text
        trend = re.search(
            r"Trend weight [\d.]+ kg on (\d+ \w{3} \d{4})(, before this period)?", text
        )
        assert trend is not None and trend.group(2) is None
