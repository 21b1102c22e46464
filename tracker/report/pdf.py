"""The report as a PDF: WeasyPrint lays out the same HTML as the print view, and the
charts become vector images through kaleido driving the system Chromium.

Either part can be missing on a machine; `availability()` says what works so that the
page can tell the person plainly, and the print view never depends on this module.
"""

import base64
import contextlib
import ctypes
import logging
import mimetypes
import os
import shutil
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

log = logging.getLogger(__name__)
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
_kaleido_lock = threading.Lock()


@dataclass(frozen=True)
class Availability:
    can_render: bool
    charts: bool
    message: str


def chromium_path():
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.path.exists(configured):
        return configured
    return next(filter(None, map(shutil.which, CHROMIUM_CANDIDATES)), None)


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
    if chromium_path() is None:
        return Availability(
            True, False, "Chromium is not installed, so the PDF will have tables but no charts."
        )
    return Availability(True, True, "")


def svg_of(figure, width=700, height=230):
    """A figure as an SVG string, or None when the chart renderer is unavailable."""
    browser = chromium_path()
    if browser is None:
        return None
    os.environ.setdefault("BROWSER_PATH", browser)
    import kaleido

    with _kaleido_lock:
        try:
            _ensure_kaleido_server(kaleido)
            image = kaleido.calc_fig_sync(
                figure, opts={"format": "svg", "width": width, "height": height}
            )
        except Exception:  # a broken renderer must not break the report
            log.exception("kaleido could not draw a chart")
            return None
    return image.decode() if isinstance(image, bytes) else image


def image_url(svg):
    """A chart's SVG as a data: URL for an <img>. WeasyPrint draws an image's SVG on its
    own; an inline <svg> also sent every chart element through the page's CSS cascade,
    which took a quarter of the layout time and logged a warning per SVG style property,
    thousands per PDF (bench/pdf.py)."""
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


_server_started = False
_pdfs_drawn = 0
# A warm Chromium draws a chart in about 0.1 s instead of 2 s for a cold start, but the
# page that draws them grows with every chart (about 80 MB after 3 charts, 200 MB after
# 36: bench/deploy.py), so the worker starts a fresh one after this many PDFs.
FRESH_CHROMIUM_AFTER_PDFS = 2


def _ensure_kaleido_server(kaleido):
    global _server_started
    if not _server_started:
        # No MathJax: our charts have no formulas, and its default is a CDN.
        kaleido.start_sync_server(silence_warnings=True, mathjax=False)
        _server_started = True


def _pdf_done() -> None:
    """After each PDF: every few, stop Chromium (the next chart starts a fresh one), and
    hand the memory the PDF's layout freed back to the system (glibc keeps it otherwise)."""
    global _pdfs_drawn, _server_started
    _pdfs_drawn += 1
    if _server_started and _pdfs_drawn % FRESH_CHROMIUM_AFTER_PDFS == 0:
        import kaleido

        with _kaleido_lock:
            try:
                kaleido.stop_sync_server(silence_warnings=True)
            except Exception:  # a browser that already died is as good as stopped
                log.exception("kaleido could not stop its Chromium")
            _server_started = False
            _wait_for_chromium_to_exit()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _descendants(parents: dict[int, list[int]], pid: int) -> list[int]:
    found, todo = [], list(parents.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(parents.get(child, []))
    return found


def _our_chromium() -> list[int]:
    """The processes of the charts' Chromium (below kaleido's pipe wrapper, below this
    process), from /proc; none found elsewhere. Other browsers (a test's) are not ours."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    found = []
    for pid in _descendants(parents, os.getpid()):
        with contextlib.suppress(OSError):
            if b"chromium_wrapper" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found += [pid, *_descendants(parents, pid)]
    return found


def _wait_for_chromium_to_exit(seconds: float = 10) -> None:
    """The stopped browser's children exit a moment after it: wait for them, so that a
    fresh Chromium never runs beside the last one."""
    deadline = time.monotonic() + seconds
    while _our_chromium() and time.monotonic() < deadline:
        time.sleep(0.05)


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
        [(chart, image_url(svg_of(chart.figure))) for chart in report.charts]
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
    try:
        return document.write_pdf()
    finally:
        _pdf_done()
