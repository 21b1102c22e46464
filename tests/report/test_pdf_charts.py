"""Charts in the report PDF: drawn in the server's own process with no browser, each an
SVG image (a data: URL), never inline <svg> (bench/pdf.py)."""

import base64
import contextlib
import importlib.util
import io
import logging
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import WeightFactory
from tests.report.pdf_client import download_pdf
from tracker.demo import logs as demo
from tracker.models import Profile
from tracker.report import build as reports
from tracker.report import pdf

# A chart whose every element is styled through a style attribute, as drawn SVG often is.
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


def pdf_of(report, monkeypatch) -> tuple[str, str]:
    """The report's PDF as its text, and the HTML WeasyPrint laid out."""
    pages = []
    original = pdf.render_to_string

    def keep(*args, **kwargs):
        pages.append(original(*args, **kwargs))
        return pages[-1]

    monkeypatch.setattr(pdf, "render_to_string", keep)
    document = pdf.render_report(None, report)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    return " ".join(text.split()), pages[0]


@pytest.fixture
def demo_report(db):
    user = demo.seed(timezone.localdate())
    return reports.report_for(user, Profile.objects.get(user=user), None, None)


def y_title(chart) -> str:
    return chart.figure_data()["layout"]["yaxis"]["title"]["text"]


@needs_weasyprint
def test_every_chart_of_a_real_report_is_drawn_into_the_pdf(demo_report, monkeypatch):
    assert pdf.availability().charts
    assert len(demo_report.charts) >= 4
    text, page = pdf_of(demo_report, monkeypatch)
    assert page.count('src="data:image/svg+xml;base64,') == len(demo_report.charts)
    assert "could not be drawn" not in text
    # Each chart's axis title, drawn as text: once more than in the same PDF without
    # charts (the tables name some of the same measures).
    monkeypatch.setattr(pdf, "availability", lambda: pdf.Availability(True, False, ""))
    plain, _ = pdf_of(demo_report, monkeypatch)
    for chart in demo_report.charts:
        assert text.count(y_title(chart)) > plain.count(y_title(chart)), chart.key


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@needs_weasyprint
def test_a_pdf_is_made_without_starting_any_process(demo_report, monkeypatch):
    """No browser, no helper: the charts are drawn inside this process. (matplotlib lists
    the system's fonts once, with fc-list, when it first builds its font cache on a
    machine; that is done before the PDF, as a worker's first chart would.)"""
    import matplotlib.font_manager  # noqa: F401

    before = set(children_of(os.getpid()))

    def refuse(*args, **kwargs):
        raise AssertionError(f"a process was started: {args[:1]}")

    for module, name in [
        (subprocess.Popen, "__init__"),
        (os, "fork"),
        (os, "posix_spawn"),
        (os, "posix_spawnp"),
        (os, "system"),
    ]:
        monkeypatch.setattr(module, name, refuse)
    text, page = pdf_of(demo_report, monkeypatch)
    assert page.count('src="data:image/svg+xml;base64,') == len(demo_report.charts)
    assert "could not be drawn" not in text
    assert set(children_of(os.getpid())) <= before


@needs_weasyprint
def test_a_broken_figure_leaves_its_chart_out_and_the_pdf_is_made(demo_report, monkeypatch, caplog):
    broken, *others = demo_report.charts
    broken.spec = {**broken.spec, "data": [{"type": "scatter", "x": ["not a date"], "y": [1]}]}
    with caplog.at_level(logging.ERROR, logger="tracker.report.pdf"):
        text, page = pdf_of(demo_report, monkeypatch)
    assert text.count("could not be drawn") == 1
    assert page.count('src="data:image/svg+xml;base64,') == len(others)
    assert "a chart could not be drawn" in caplog.text


def test_without_matplotlib_the_pdf_has_tables_and_says_why(monkeypatch):
    real = importlib.util.find_spec

    def find(name, *args):
        return None if name == "matplotlib" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find)
    monkeypatch.setattr(pdf, "_weasyprint_error", lambda: None)  # the PDF itself can be made
    status = pdf.availability()
    assert status.can_render and not status.charts
    assert "matplotlib" in status.message and "no charts" in status.message
