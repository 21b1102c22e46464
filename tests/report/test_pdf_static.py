"""The PDF reads its stylesheet the way a deploy serves it: from the collected, hashed
files of the configured storage (tests/report/conftest.py runs collectstatic)."""

import io
import logging
from datetime import date, timedelta

import pytest
from django.templatetags.static import static
from pypdf import PdfReader

from tests.factories import WeightFactory
from tests.report.pdf_client import download_pdf
from tracker.report import pdf

needs_weasyprint = pytest.mark.skipif(
    not pdf.availability().can_render, reason="WeasyPrint is not installed"
)
STYLESHEET = "css/report.css"


def test_pages_link_the_hashed_stylesheet_name():
    url = static(STYLESHEET)
    assert url.startswith("/static/css/report.") and url.endswith(".css")
    assert url != "/static/" + STYLESHEET


def test_the_hashed_stylesheet_is_read_from_the_storage():
    body = pdf.read_static(static(STYLESHEET).removeprefix("/static/"))
    assert b"@page" in body


def test_a_name_no_storage_or_finder_knows_is_not_read():
    assert pdf.read_static("css/no-such-file.css") is None


@needs_weasyprint
def test_the_fetcher_serves_the_hashed_stylesheet_as_css():
    response = pdf.static_fetcher().fetch("http://testserver" + static(STYLESHEET))
    assert b"@page" in response.read()


@pytest.fixture
def weeks_of_weighing(alice):
    start = date(2026, 6, 1)
    for day in range(60):
        WeightFactory(user=alice, date=start + timedelta(days=day), weight_kg=95 - day / 20)
    return alice


@needs_weasyprint
def test_the_pdf_is_laid_out_with_its_stylesheet(owner, weeks_of_weighing, monkeypatch, caplog):
    monkeypatch.setattr(pdf, "availability", lambda: pdf.Availability(True, False, ""))
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = download_pdf(owner, {"start": "2026-06-01", "end": "2026-07-30"})
    assert response.status_code == 200
    assert not [r for r in caplog.records if "stylesheet" in r.getMessage().lower()]
    reader = PdfReader(io.BytesIO(response.content))
    # report.css sets the PDF in DejaVu Sans; unstyled, WeasyPrint falls back to a serif.
    assert fonts_of(reader) and not [font for font in fonts_of(reader) if "Serif" in font]
    # The @page rule: A4, 595 × 842 points.
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def fonts_of(reader):
    return {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
