"""The dashboard's figures to reach, as ratios to the login page measured in the same run.

Run from the repository root:

    .venv/bin/python bench/figures.py [--requests 20] [--others 1000] [--cpu-time]

It builds a throw-away SQLite database (as bench/dashboard.py does, with its seeding), with
three people: three months, three years and ten years of daily data. It prints, each beside
its target:

- SQL queries of the dashboard's first view after a change (cold cache), three years;
- that first view's server time as a multiple of the login page's, three years;
- the ten-year account's first view against the three-month account's, default range
  (each as a multiple of the login page timed in turn with it, so machine load cancels);
- a repeat visit (warm cache) with `--others` other accounts in the database, against the
  same repeat visit before they were added.

With --cpu-time every request is timed by the CPU time of this process instead of the wall
clock: on a machine busy with other work, a long request waits for the CPU more often than
the short login page does, which inflates the wall-clock ratios.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from common import Row, print_rows
from dashboard import client_for, configure, paired_medians, queries, seed, use_cpu_time

URL = "/progress/"  # the default range: three months


def ratio(client, n: int, cold: bool) -> tuple[float, float, float]:
    minimal, page = paired_medians(client, URL, n, cold)
    return minimal, page, page / minimal


def add_others(count: int, today, rng: random.Random) -> float:
    """`count` other people with a year of weekly weighings and walks each; seconds."""
    from django.contrib.auth.models import User

    from tracker import models as m

    started = time.perf_counter()
    users = User.objects.bulk_create(
        [User(username=f"other{i}", password="!") for i in range(count)], batch_size=500
    )
    m.Profile.objects.bulk_create([m.Profile(user=u) for u in users], batch_size=500)
    weights, walks = [], []
    for user in users:
        for week in range(52):
            day = today - timedelta(weeks=week)
            kg = round(rng.uniform(60, 120), 1)
            weights.append(
                m.WeightEntry(user=user, date=day, weight_kg=kg, value_typed=kg, unit_typed="kg")
            )
            walks.append(m.Exercise(user=user, date=day, activity="Walk", minutes=30))
    m.WeightEntry.objects.bulk_create(weights, batch_size=5000)
    m.Exercise.objects.bulk_create(walks, batch_size=5000)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--others", type=int, default=1000)
    parser.add_argument(
        "--cpu-time",
        action="store_true",
        help="time requests by this process's CPU time, not the wall clock (a busy machine)",
    )
    args = parser.parse_args()
    if args.cpu_time:
        use_cpu_time()
        print("Times are CPU time of this process, not wall-clock time.")
    n = args.requests
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp) / "bench.sqlite3")
        from django.utils import timezone

        today = timezone.localdate()
        rng = random.Random(2026)
        started = time.perf_counter()
        small = seed("three_months", 91, today, rng)
        big = seed("three_years", 3 * 365, today, rng)
        huge = seed("ten_years", 10 * 365, today, rng)
        print(f"Seeded 3 months, 3 years and 10 years in {time.perf_counter() - started:.0f} s.")
        small_client, big_client, huge_client = (client_for(u) for u in (small, big, huge))

        rows = []
        cold_queries = queries(big_client, URL, cold=True)
        print(f"\nDashboard, first view after a change, 3 years: {cold_queries} SQL queries")
        rows.append(
            Row("first view, SQL queries", str(cold_queries), "at most 20", cold_queries <= 20)
        )

        login, page, big_ratio = ratio(big_client, n, cold=True)
        print(f"  {page:.1f} ms against the login page's {login:.1f} ms: {big_ratio:.1f} ×")
        rows.append(
            Row("first view, 3 years, × login", f"{big_ratio:.1f} ×", "at most 5 ×", big_ratio <= 5)
        )

        _, small_page, small_ratio = ratio(small_client, n, cold=True)
        _, huge_page, huge_ratio = ratio(huge_client, n, cold=True)
        growth = huge_ratio / small_ratio
        print(
            f"\nFirst view, default range: 3 months {small_page:.1f} ms "
            f"({small_ratio:.1f} × login), 10 years {huge_page:.1f} ms "
            f"({huge_ratio:.1f} × login): {growth:.2f} ×"
        )
        rows.append(
            Row(
                "first view, 10 years ÷ 3 months",
                f"{growth:.2f} ×",
                "at most 1.25 ×",
                growth <= 1.25,
            )
        )

        _, alone_page, alone_ratio = ratio(big_client, n, cold=False)
        seconds = add_others(args.others, today, rng)
        _, crowd_page, crowd_ratio = ratio(big_client, n, cold=False)
        crowd = crowd_ratio / alone_ratio
        print(
            f"\nRepeat visit, 3 years: alone {alone_page:.1f} ms ({alone_ratio:.2f} × login); with "
            f"{args.others:,} other accounts (added in {seconds:.0f} s) {crowd_page:.1f} ms "
            f"({crowd_ratio:.2f} × login): {crowd:.2f} ×"
        )
        rows.append(
            Row(
                f"repeat visit, {args.others:,} other accounts ÷ alone",
                f"{crowd:.2f} ×",
                "at most 1.1 ×",
                crowd <= 1.1,
            )
        )
        print("\nSummary:")
        print_rows(rows)


if __name__ == "__main__":
    main()
