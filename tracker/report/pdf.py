"""The report as a PDF: WeasyPrint lays out the same HTML as the print view, and the
charts become vector images drawn by matplotlib (chart_drawing.py), with no browser.

Either part can be missing on a machine; `availability()` says what works so that the
page can tell the person plainly, and the print view never depends on this module.
"""

import base64
import importlib.util
import logging
import mimetypes
from dataclasses import dataclass
from functools import cache

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Availability:
    can_render: bool
    charts: bool
    message: str


@cache
def _weasyprint_error():
    try:
        import weasyprint  # noqa: F401  (loads Pango; fails when the system library is missing)
    except (ImportError, OSError) as error:
        return str(error)
    return None


def availability() -> Availability:
    if _weasyprint_error():
        return Availability(
            False,
            False,
            "The PDF engine (WeasyPrint and its Pango library) is not installed on this "
            "server, so a PDF cannot be made. The print view below works: use your "
            "browser's Print and choose “Save as PDF”.",
        )
    # Found, not imported: the web servers never draw a chart, so they never load it.
    if importlib.util.find_spec("matplotlib") is None:
        return Availability(
            True,
            False,
            "The chart library (matplotlib) is not installed on this server, so the PDF "
            "will have tables but no charts.",
        )
    return Availability(True, True, "")


def svg_of(figure: dict, width=700, height=230):
    """A figure (plotly's, as plain data) as an SVG string, or None when it cannot be
    drawn: a broken chart must not break the report."""
    try:
        from tracker.report import chart_drawing

        return chart_drawing.svg_of(figure, width, height)
    except Exception:
        log.exception("a chart could not be drawn for the PDF")
        return None


def image_url(svg):
    """A chart's SVG as a data: URL for an <img>. WeasyPrint draws an image's SVG on its
    own; an inline <svg> also sent every chart element through the page's CSS cascade,
    which took a quarter of the layout time and logged a warning per SVG style property,
    thousands per PDF (bench/pdf.py)."""
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def read_static(name):
    """A static file's bytes by the name its URL carries, or None.

    The configured storage comes first: after collectstatic a page links hashed names
    (report.<hash>.css) that only the storage knows. Without collected files (DEBUG,
    runserver) the finders know the plain names, as the development server does."""
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    path = finders.find(name)
    if path:
        with open(path, "rb") as handle:
            return handle.read()
    return None


def static_fetcher():
    """A fetcher that serves /static/ files and the charts' data: URLs, and refuses
    everything else: the PDF never fetches anything over the network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # decoded in memory by urllib's data handler
                return super().fetch(url, headers)
            marker = "/static/"
            if marker in url:
                name = url.split(marker, 1)[1].split("?")[0].split("#")[0]
                body = read_static(name)
                if body is not None:
                    mime = mimetypes.guess_type(name)[0] or "text/plain"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
            raise ValueError(f"Refusing to fetch {url!r} while making a PDF.")

    return StaticOnly()


def render_report(request, report) -> bytes:
    """The PDF's bytes. `request` is None in the task worker: the page needs none, and
    the base URL only has to let the fetcher recognise /static/ links."""
    import weasyprint

    charts = (
        [(chart, image_url(svg_of(chart.figure_data()))) for chart in report.charts]
        if availability().charts
        else [(chart, None) for chart in report.charts]
    )
    html = render_to_string(
        "tracker/report/pdf.html", {"report": report, "chart_images": charts}, request=request
    )
    document = weasyprint.HTML(
        string=html,
        base_url=request.build_absolute_uri("/") if request else "http://localhost/",
        url_fetcher=static_fetcher(),
    )
    return document.write_pdf()
