"""Helpers shared by the bench scripts that are not about the dashboard: timing the phases
of a request, profiling one, making the report PDF, and printing figures beside targets.

The dashboard bench (bench/dashboard.py) owns seeding, the test-client timings and the
static-file sizes; the other scripts import those from it.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share between 0 and 1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


class Phases:
    """Wall time spent inside chosen functions, summed over every call, so that one
    request can be split into its parts without changing the code that serves it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    @contextmanager
    def timing(self, owner, name: str, label: str) -> Iterator[None]:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - start
                self.calls[label] += 1

        setattr(owner, name, timed)
        try:
            yield
        finally:
            setattr(owner, name, original)

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()


def profile(action: Callable[[], object], lines: int = 25) -> str:
    """cProfile one call of `action`; the functions that took longest, inner calls included."""
    profiler = cProfile.Profile()
    profiler.enable()
    action()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


# --- The report PDF -----------------------------------------------------------------------

PDF_URL = "/report/pdf/"
CHARTS_PHASE = "draw the charts (matplotlib)"


@dataclass
class PdfTimes:
    first: float  # seconds, with the chart drawing loaded (matplotlib imported) by this one
    warm: list[float]  # seconds, each with the renderer already running
    phases: dict[str, float] = field(default_factory=dict)  # median seconds per warm request
    charts: int = 0
    size: int = 0
    pages: int = 0

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm)


def page_count(document: bytes) -> int:
    from pypdf import PdfReader  # installed with the test extras

    return len(PdfReader(io.BytesIO(document)).pages)


def get_pdf(client) -> bytes:
    """Ask for the PDF as a person does, make it as the task worker does (here, in this
    process, so that its parts can be timed) and download it."""
    from tracker.report import pdf_job

    asked = client.post(PDF_URL)
    assert asked.status_code == 302, asked.status_code
    job_id = asked.url.rstrip("/").rsplit("/", 1)[1]
    pdf_job.make_report_pdf.call(job_id)
    response = client.get(f"{asked.url}download/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf", response["Content-Type"]
    return response.content


def time_pdf(client, repeats: int) -> PdfTimes:
    """The report PDF through the test client: the first one (which loads the chart drawing
    in this process), then `repeats` warm ones, each split into building the report,
    drawing the charts and laying out the PDF."""
    import weasyprint

    from tracker.report import build as reports
    from tracker.report import pdf

    phases = Phases()
    with ExitStack() as stack:
        stack.enter_context(phases.timing(reports, "build_report", "build the report"))
        stack.enter_context(phases.timing(pdf, "svg_of", CHARTS_PHASE))
        stack.enter_context(phases.timing(weasyprint.HTML, "write_pdf", "lay out (WeasyPrint)"))
        start = time.perf_counter()
        document = get_pdf(client)
        first = time.perf_counter() - start
        warm, per_phase = [], defaultdict(list)
        for _ in range(repeats):
            phases.reset()
            start = time.perf_counter()
            get_pdf(client)
            warm.append(time.perf_counter() - start)
            for label, seconds in phases.seconds.items():
                per_phase[label].append(seconds)
            per_phase["the rest (template, HTML parsing, request)"].append(
                warm[-1] - sum(phases.seconds.values())
            )
        charts = phases.calls.get(CHARTS_PHASE, 0)
    return PdfTimes(
        first=first,
        warm=warm,
        phases={label: statistics.median(values) for label, values in per_phase.items()},
        charts=charts,
        size=len(document),
        pages=page_count(document),
    )


def print_pdf_times(times: PdfTimes) -> None:
    print(f"  first PDF (loads matplotlib)      {ms(times.first):>9}")
    print(
        f"  warm, median of {len(times.warm):<2}               {ms(times.warm_median):>9}"
        f"   (fastest {ms(min(times.warm))}, slowest {ms(max(times.warm))})"
    )
    for label, seconds in times.phases.items():
        print(f"    {label:<44} {ms(seconds):>9}")
    print(f"  {times.pages} pages, {times.size / 1024:,.0f} KB, {times.charts} charts")


# --- Figures beside targets ---------------------------------------------------------------


@dataclass
class Row:
    measure: str
    result: str
    target: str
    met: bool | None = None  # None: reported, no pass/fail


def print_rows(rows: list[Row]) -> None:
    width = max(len(row.measure) for row in rows)
    result_width = max(len(row.result) for row in rows)
    print(f"  {'measure':<{width}}  {'result':<{result_width}}  target")
    for row in rows:
        verdict = {True: "met", False: "NOT MET", None: ""}[row.met]
        target = f"{row.target}: {verdict}" if verdict else row.target
        print(f"  {row.measure:<{width}}  {row.result:<{result_width}}  {target}")
