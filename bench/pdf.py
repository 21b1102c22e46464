"""Benchmark of the report PDF for the demo account.

Run from the repository root:

    .venv/bin/python bench/pdf.py [--requests 10] [--profile]

It builds a throw-away SQLite database in a temporary directory (your own database is
never touched), loads the demo account (`manage.py seed_demo`: a year of daily logs and
four blood panels) and asks for /report/pdf/ through Django's test client, makes it as
the task worker does (in this process, so that it can be timed) and downloads it: once
as the first PDF of a process (the chart drawing, matplotlib, is imported then), then
repeatedly, and prints the time of each part. `--profile` adds a cProfile listing of
one warm PDF. Target: under 3 s warm.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import get_pdf, print_pdf_times, profile, time_pdf
from dashboard import client_for, configure

TARGET_SECONDS = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="cProfile one warm request")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp) / "bench.sqlite3")
        from django.utils import timezone

        from tracker.demo import logs as demo
        from tracker.report import pdf

        status = pdf.availability()
        if not status.can_render:
            raise SystemExit(status.message)
        started = time.perf_counter()
        user = demo.seed(timezone.localdate())
        print(f"Loaded the demo account in {time.perf_counter() - started:.1f} s.")
        if not status.charts:
            print(status.message)
        client = client_for(user)
        print("\nReport PDF of the demo account (default period: since the weight goal's")
        print("baseline, a year), through Django's test client:")
        times = time_pdf(client, args.requests)
        print_pdf_times(times)
        verdict = "met" if times.warm_median < TARGET_SECONDS else "NOT MET"
        print(f"  target: under {TARGET_SECONDS:g} s once warm: {verdict}")
        if args.profile:
            print("\ncProfile of one warm request, by cumulative time:")
            print(profile(lambda: get_pdf(client)))


if __name__ == "__main__":
    main()
