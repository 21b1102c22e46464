"""Charts in the report PDF are SVG images (data: URLs), never inline <svg> (bench/pdf.py)."""

import base64
import io
import logging
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tests.factories import WeightFactory
from tests.report.pdf_client import download_pdf
from tracker.report import pdf

# A chart the way kaleido writes one: every element styled through a style attribute.
CHART_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="700" height="230" viewBox="0 0 700 230">'
    '<rect x="0" y="0" width="700" height="230" style="fill: rgb(255, 255, 255); '
    'fill-opacity: 1;"/><path d="M10,10L600,200" style="stroke: rgb(31, 111, 92); '
    'stroke-width: 2px; vector-effect: none;"/>'
    '<text x="20" y="40" style="font-size: 14px; fill: rgb(68, 68, 68);">chartlabel</text></svg>'
)

needs_weasyprint = pytest.mark.skipif(
    not pdf.availability().can_render, reason="WeasyPrint is not installed"
)


def test_a_chart_becomes_a_data_url_holding_its_svg():
    url = pdf.image_url(CHART_SVG)
    prefix = "data:image/svg+xml;base64,"
    assert url.startswith(prefix)
    assert base64.b64decode(url.removeprefix(prefix)).decode() == CHART_SVG


def test_a_chart_that_could_not_be_drawn_has_no_image():
    assert pdf.image_url(None) is None


@needs_weasyprint
def test_the_pdf_fetcher_reads_data_urls_and_still_refuses_the_network():
    fetcher = pdf.static_fetcher()
    response = fetcher.fetch(pdf.image_url(CHART_SVG))
    assert response.read() == CHART_SVG.encode()
    with pytest.raises(ValueError, match="Refusing to fetch"):
        fetcher.fetch("http://example.com/chart.svg")


@pytest.fixture
def weighed(alice):
    start = date(2026, 6, 1)
    for day in range(30):
        WeightFactory(user=alice, date=start + timedelta(days=day), weight_kg=90 - day / 10)
    return alice


@needs_weasyprint
def test_the_pdf_draws_each_chart_without_a_warning_per_style(owner, weighed, monkeypatch, caplog):
    monkeypatch.setattr(pdf, "availability", lambda: pdf.Availability(True, True, ""))
    monkeypatch.setattr(pdf, "svg_of", lambda figure: CHART_SVG)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = download_pdf(owner, {"start": "2026-06-01", "end": "2026-06-30"})
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "chartlabel" in text  # the SVG's own text, drawn into the PDF
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


needs_chromium = pytest.mark.skipif(not pdf.availability().charts, reason="no Chromium")


@needs_chromium
def test_every_few_pdfs_a_fresh_chromium_draws_the_charts_and_only_one_runs(monkeypatch):
    """The charts' page grows with each chart, so Chromium is restarted every
    FRESH_CHROMIUM_AFTER_PDFS PDFs: the old one has exited before a new one starts."""
    import plotly.graph_objects as go

    chart = go.Figure(go.Scatter(x=[1, 2, 3], y=[80, 79.5, 79]))
    monkeypatch.setattr(pdf, "_pdfs_drawn", 0)
    browsers = set()
    for _ in range(pdf.FRESH_CHROMIUM_AFTER_PDFS):
        assert "<svg" in pdf.svg_of(chart)
        browsers.add(min(pdf._our_chromium()))  # its pipe wrapper, the group's root
        pdf._pdf_done()
    assert len(browsers) == 1  # one warm Chromium for the round
    assert pdf._our_chromium() == []  # then stopped, every process of it gone
    assert "<svg" in pdf.svg_of(chart)  # the next chart starts a fresh one
    assert min(pdf._our_chromium()) not in browsers
