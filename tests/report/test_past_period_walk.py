"""A past period's report reads only what was known by its end: walking its report page,
its PDF and its share page (1 May – 1 October 2025, with data up to 30 November), no date
after 1 October appears anywhere, apart from when the report was made and, on the share
page, when the link expires. Nothing is projected past the period either."""

import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.report import past_period
from tests.report.pdf_client import download_pdf
from tests.report.test_same_numbers import text_of

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
# When the report was made and when a link expires: about the report, not from the period.
NOT_OF_THE_PERIOD = re.compile(r"(made|expires on) \d{1,2} \w{3} \d{4}( \d{2}:\d{2})?")


def dates_in(text: str) -> list[date]:
    """Every date a reader can see: "3 Nov 2025", "3 November 2025", "2025-11-03", and
    "3 Nov" without a year (taken in the period's year)."""
    text = NOT_OF_THE_PERIOD.sub(" ", text)
    found = []
    for day, month, year in re.findall(r"\b(\d{1,2}) (\w{3,9}) (\d{4})\b", text):
        if month in MONTHS or month in LONG_MONTHS:
            index = MONTHS.index(month[:3]) + 1
            found.append(date(int(year), index, int(day)))
    for year, month, day in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        found.append(date(int(year), int(month), int(day)))
    for day, month in re.findall(r"\b(\d{1,2}) (\w{3})\b(?! \d{4})", text):
        if month in MONTHS:
            found.append(date(past_period.END.year, MONTHS.index(month) + 1, int(day)))
    return found


def chart_dates(html: str) -> str:
    """The dates the charts let a reader see: each point's date, shown when it is pointed
    at (lines drawn without a hover, such as a goal step's closing edge, show none)."""
    values = []
    scripts = re.findall(
        r'<script id="report-figure-[^"]+" type="application/json">(.*?)</script>', html, re.S
    )
    for data in scripts:
        for trace in json.loads(data)["data"]:
            if trace.get("hoverinfo") != "skip":
                values += [str(x) for x in trace.get("x", ())]
    return " ".join(values)


def words_of(pdf: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))


@pytest.fixture
def walked(owner, anon, alice):
    past_period.seed(alice)
    report = owner.get("/report/", past_period.PERIOD).content.decode()
    pdf = PdfReader(io.BytesIO(download_pdf(owner, past_period.PERIOD).content))
    response = owner.post("/share/", {"days": 7, **past_period.PERIOD})
    token = re.search(r'value="http://testserver(/shared/[^"]+/)"', response.content.decode())
    shared = anon.get(token.group(1)).content.decode()
    shared_pdf = PdfReader(io.BytesIO(anon.get(f"{token.group(1)}pdf/").content))
    return {
        "report page": text_of(report) + " " + chart_dates(report),
        "PDF": words_of(pdf),
        "share page": text_of(shared) + " " + chart_dates(shared),
        "shared PDF": words_of(shared_pdf),
    }


def test_no_date_after_the_period_appears_anywhere(walked):
    for where, text in walked.items():
        seen = dates_in(text)
        assert past_period.END in seen, where  # the walk reads dates at all
        later = sorted({day for day in seen if day > past_period.END})
        assert not later, (where, later)


def test_values_saved_after_the_period_do_not_appear(walked):
    for where, text in walked.items():
        # The glucose of 188, triglycerides of 310, waist of 112 cm, blood pressure of
        # 152/97 and the medication started on 5 November are all after the period.
        for later in ("188", "310", "112.0 cm", "152/97", "Semaglutide"):
            assert later not in text, (where, later)


def test_nothing_is_projected_past_the_period(walked):
    for where, text in walked.items():
        assert "projected around" not in text, where
        assert "not projected: this report covers a period already over" in text, where


def test_the_walk_would_see_a_later_date():
    assert dates_in("on 30 Nov 2025, week of 3 Dec, x 2025-10-02") == [
        date(2025, 11, 30),
        date(2025, 10, 2),
        date(2025, 12, 3),
    ]
    assert dates_in("made 1 Dec 2026 03:24; expires on 8 Dec 2026 10:00") == []
