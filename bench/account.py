"""Benchmark of one account with three years of data, each figure beside its target.

Run from the repository root:

    .venv/bin/python bench/account.py [--requests 20] [--pdf-requests 5] [--profile WHAT]

It builds a throw-away SQLite database in a temporary directory (your own database is
never touched), seeds one person with three years of daily data and another with three
months (the same seeding as bench/dashboard.py), and prints:

- server time of the Today page and the dashboard (median of repeated requests through
  Django's test client, each timed in turn with the login page, the minimal page);
- SQL queries per request for three months and three years of data;
- the HTML size of both pages and the static files a first visit downloads, gzipped;
- the time to make the report PDF (default period: since the weight goal's baseline, all
  three years), first request and warm;
- the time to import a 10,000-row weight CSV through the real views: upload (read and
  validate), preview (count new rows and duplicates), confirm (write all or nothing).

`--profile today|dashboard|pdf|import` adds a cProfile listing of one request or import.
"""

from __future__ import annotations

import argparse
import gzip
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import Row, get_pdf, print_pdf_times, print_rows, profile, time_pdf
from dashboard import (
    client_for,
    configure,
    first_visit_static,
    kb,
    paired_medians,
    queries,
    seed,
)

IMPORT_ROWS = 10_000
FIRST_VISIT_PAGES = ("/accounts/login/", "/today/", "/progress/")


# --- The 10,000-row import ----------------------------------------------------------------


def weight_csv(rows: int, last: date, rng: random.Random) -> bytes:
    """A LiverLog weight export: one weighing a day for `rows` days up to `last`."""
    lines = ["date,weight (kg)"]
    for i in range(rows):
        day = last - timedelta(days=rows - 1 - i)
        lines.append(f"{day.isoformat()},{110 - 25 * i / rows + rng.gauss(0, 0.4):.1f}")
    return ("\n".join(lines) + "\n").encode()


def import_through_views(client, data: bytes, policy: str) -> dict[str, float]:
    """Upload, preview and confirm as a person does; seconds per step."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    steps = {}
    upload = SimpleUploadedFile("weights.csv", data, content_type="text/csv")
    start = time.perf_counter()
    response = client.post(
        "/data/import/", {"file": upload, "source": "auto", "unit": "kg", "date_format": ""}
    )
    steps["upload: read and validate"] = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    preview_url = response["Location"]
    start = time.perf_counter()
    response = client.get(preview_url)
    steps["preview: count new and duplicates"] = time.perf_counter() - start
    assert response.status_code == 200 and b"With errors" in response.content
    start = time.perf_counter()
    response = client.post(f"{preview_url}confirm/", {"duplicates": policy})
    assert response.status_code == 302, response
    if response["Location"] != "/data/":
        # A large file is written by the task worker, while the person watches its job
        # page: the worker runs here, in this process, until the queue is empty.
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    steps["confirm: write all or nothing (worker)"] = time.perf_counter() - start
    assert client.get(response["Location"]).status_code == 200
    return steps


def time_import(user, today: date, rng: random.Random) -> tuple[dict[str, float], int]:
    """Import 10,000 days into the three-year account, replacing the days it has."""
    from tracker.models import WeightEntry

    data = weight_csv(IMPORT_ROWS, today - timedelta(days=1), rng)
    steps = import_through_views(client_for(user), data, "replace")
    return steps, WeightEntry.objects.filter(user=user).count()


# --- Report -------------------------------------------------------------------------------


def page_size(client, url: str) -> tuple[int, int]:
    html = client.get(url).content
    return len(html), len(gzip.compress(html, 6))


def first_visit_total(client) -> tuple[int, list[str]]:
    """Gzipped bytes of every CSS and JS file the login, Today and dashboard pages link
    to, each counted once (the browser caches them: WhiteNoise sends far-future headers)."""
    files = {}
    for url in FIRST_VISIT_PAGES:
        for name, _raw, packed in first_visit_static(client.get(url).content.decode()):
            files[name] = packed
    return sum(files.values()), sorted(files)


def server_times(big_client, n: int) -> list[Row]:
    print(f"Server time, median of {n} requests (Django test client, SQLite), 3 years of data:")
    rows = []
    for label, url, cold in (
        ("Today", "/today/", False),
        ("dashboard, first view after a change", "/progress/", True),
        ("dashboard, repeat visit", "/progress/", False),
    ):
        minimal, page = paired_medians(big_client, url, n, cold)
        print(f"  {label:<38} {page:7.1f} ms   (login page {minimal:.1f} ms)")
        rows.append(Row(f"{label}, server time", f"{page:.0f} ms", "under 100 ms", page < 100))
    return rows


def query_counts(small_client, big_client) -> list[Row]:
    print("\nSQL queries per request (3 months of data / 3 years of data):")
    rows = []
    for label, url, cold in (
        ("Today", "/today/", False),
        ("dashboard, first view", "/progress/", True),
        ("dashboard, repeat visit", "/progress/", False),
    ):
        small_q, big_q = queries(small_client, url, cold), queries(big_client, url, cold)
        print(f"  {label:<38} {small_q:3} / {big_q}")
        rows.append(
            Row(
                f"{label}, SQL queries",
                f"{small_q} (3 months), {big_q} (3 years)",
                "the same for any amount of data",
                small_q == big_q,
            )
        )
    return rows


def transfer_sizes(big_client) -> list[Row]:
    print("\nPage size, 3 years of data (HTML, then gzipped):")
    rows = []
    for label, url in (("Today", "/today/"), ("dashboard", "/progress/")):
        raw, packed = page_size(big_client, url)
        print(f"  {label:<38} {kb(raw):>10}   {kb(packed):>10}")
        rows.append(Row(f"{label}, HTML", f"{kb(raw)} ({kb(packed)} gzipped)", "reported"))
    total, names = first_visit_total(big_client)
    print(f"\nStatic files of a first visit (login, Today, dashboard): {', '.join(names)}")
    print(f"  gzipped total {kb(total)}")
    rows.append(
        Row("first visit, static files", f"{kb(total)} gzipped", "under 600 KB", total < 600 * 1024)
    )
    return rows


def report_pdf(big_client, repeats: int) -> list[Row]:
    print("\nReport PDF, 3 years of data (since the weight goal's baseline):")
    times = time_pdf(big_client, repeats)
    print_pdf_times(times)
    result = f"{times.warm_median:.2f} s (first {times.first:.1f} s)"
    return [Row("report PDF, warm renderer", result, "under 3 s", times.warm_median < 3)]


def weight_import(big, small, today: date, rng: random.Random, profiled: bool) -> list[Row]:
    print(f"\nImport of a {IMPORT_ROWS:,}-row weight CSV into the 3-year account (replace):")
    if profiled:
        print("cProfile of the same import into the 3-month account, by cumulative time:")
        print(profile(lambda: time_import(small, today, rng)))
    steps, total_rows = time_import(big, today, rng)
    for label, seconds in steps.items():
        print(f"  {label:<38} {seconds:6.2f} s")
    total = sum(steps.values())
    print(f"  {'total':<38} {total:6.2f} s   ({total_rows:,} weighings in the account)")
    return [Row(f"{IMPORT_ROWS:,}-row import", f"{total:.1f} s", "under 10 s", total < 10)]


PROFILED = {
    "today": lambda client: client.get("/today/"),
    "dashboard": lambda client: client.get("/progress/"),
    "pdf": get_pdf,  # asked for, made as the worker makes it, downloaded
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--pdf-requests", type=int, default=5)
    parser.add_argument("--profile", choices=[*PROFILED, "import"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp) / "bench.sqlite3")
        from django.core.cache import cache
        from django.utils import timezone

        today = timezone.localdate()
        rng = random.Random(2026)
        big = seed("three_years", 3 * 365, today, rng)
        small = seed("three_months", 91, today, rng)
        big_client, small_client = client_for(big), client_for(small)

        rows = server_times(big_client, args.requests)
        rows += query_counts(small_client, big_client)
        rows += transfer_sizes(big_client)
        cache.clear()
        rows += report_pdf(big_client, args.pdf_requests)
        if args.profile in PROFILED:
            cache.clear()
            print(f"\ncProfile of one {args.profile} request, by cumulative time:")
            print(profile(lambda: PROFILED[args.profile](big_client)))
        # Last: it changes the three-year account.
        rows += weight_import(big, small, today, rng, args.profile == "import")

        print("\nSummary:")
        print_rows(rows)
        met = [row.met for row in rows if row.met is not None]
        print(f"\n{sum(met)} of {len(met)} targets met.")


if __name__ == "__main__":
    main()
