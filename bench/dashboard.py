"""Benchmark of the progress dashboard with three years of daily data.

Run from the repository root:

    .venv/bin/python bench/dashboard.py [--requests 20]

It builds a throw-away SQLite database in a temporary directory (your own database is
never touched), seeds one person with three years of daily logs and another with three
months, and prints:

- server time of the dashboard (median of repeated requests through Django's test client,
  so middleware, queries, figure building and template rendering are all included), next
  to a minimal page (the login form) and the Today page measured in the same run. "Cold"
  empties the cache before each request, as after any new entry; "warm" reuses the
  rendered header and charts, as on a repeat visit with nothing new logged;
- the number of SQL queries per request, for three months and three years of data;
- the size of the HTML, and of the chart JSON inside it;
- the static files a first visit downloads (CSS, JS, htmx, plotly.js), raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["LIVERLOG_PLAIN_STATIC"] = "1"  # no collectstatic needed to render pages
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "liverlog-bench-only-key-not-secret-0123456789")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("createcachetable", database="progress", verbosity=0)


# --- Seeding ------------------------------------------------------------------------------


def seed(username: str, days: int, today: date, rng: random.Random):
    from django.contrib.auth.models import User

    from tracker import models as m

    user = User.objects.create_user(username, password="bench-password-1")
    m.Profile.objects.update_or_create(
        user=user,
        defaults={"sex": "male", "height_cm": 178, "date_of_birth": date(1970, 5, 1)},
    )
    first = today - timedelta(days=days - 1)
    rows: dict[type, list] = {
        model: []
        for model in (m.WeightEntry, m.Measurement, m.Exercise, m.Meal, m.CheckIn, m.BloodPressure)
    }
    for i in range(days):
        day = first + timedelta(days=i)
        kg = round(100 - 12 * i / max(days, 1) + rng.gauss(0, 0.4), 1)
        rows[m.WeightEntry].append(
            m.WeightEntry(user=user, date=day, weight_kg=kg, value_typed=kg, unit_typed="kg")
        )
        if i % 14 == 0:
            waist = round(108 - 8 * i / days, 1)
            rows[m.Measurement].append(
                m.Measurement(
                    user=user, date=day, waist_cm=waist, waist_typed=waist, unit_typed="cm"
                )
            )
        rows[m.Exercise].append(
            m.Exercise(
                user=user,
                date=day,
                activity="Brisk walking",
                minutes=rng.randint(20, 50),
                intensity=rng.choice(["light", "moderate", "moderate", "vigorous"]),
                kind="resistance" if day.weekday() in (1, 4) else "aerobic",
            )
        )
        for slot in ("breakfast", "lunch", "dinner"):
            rows[m.Meal].append(
                m.Meal(
                    user=user,
                    date=day,
                    meal=slot,
                    description="Lentil soup",
                    kcal=500,
                    fibre_g=rng.randint(3, 12),
                    tags=["legumes"],
                )
            )
        rows[m.CheckIn].append(
            m.CheckIn(
                user=user,
                date=day,
                sleep_hours=round(rng.uniform(5.5, 8), 1),
                stress=rng.randint(1, 5),
                energy=3,
                alcohol_drinks=rng.choice([0, 0, 0, 1, 2]),
            )
        )
        if day.weekday() in (0, 3):
            rows[m.BloodPressure].append(
                m.BloodPressure(
                    user=user,
                    date=day,
                    time=clock(7, 30),
                    systolic=rng.randint(118, 142),
                    diastolic=rng.randint(74, 92),
                )
            )
    for model, objs in rows.items():
        model.objects.bulk_create(objs, batch_size=2000)
    monday = first - timedelta(days=first.weekday())
    m.DietCheck.objects.bulk_create(
        [diet_check(user, monday + timedelta(weeks=w), rng) for w in range(days // 7)]
    )
    m.Medication.objects.bulk_create(
        [
            m.Medication(user=user, name="Atorvastatin", dose="20 mg", start_date=first),
            m.Medication(
                user=user,
                name="Vitamin D",
                start_date=first + timedelta(days=30),
                stop_date=first + timedelta(days=120),
            ),
        ]
    )
    seed_labs(user, first, days, rng)
    m.WeightGoal.objects.create(user=user, baseline_date=first, baseline_kg=100, target_percent=10)
    m.ActivityGoal.objects.create(user=user)
    return user


LAB_VALUES = {
    "alt": 45,
    "ast": 32,
    "ggt": 50,
    "glucose": 104,
    "insulin": 14,
    "hba1c": 5.8,
    "triglycerides": 170,
    "total_cholesterol": 210,
    "hdl": 42,
    "ldl": 130,
    "platelets": 230,
    "albumin": 4.3,
}


def diet_check(user, monday: date, rng: random.Random):
    """A weekly check with its answers, and the score those answers give, as the form saves."""
    from tracker.models import DietCheck
    from tracker.science import diet_check as check

    answers = {key: rng.random() < 0.6 for key, _ in check.QUESTIONS}
    return DietCheck(user=user, week_start=monday, answers=answers, score=check.score(answers))


def lab_result(user, report, key: str, value: float):
    """A result as the lab form stores one: typed in the test's canonical unit, rounded as
    that unit is shown, and held to the same rules as a person's own entry."""
    from decimal import Decimal

    from tracker.models import LabResult
    from tracker.science import labs, rules

    test = labs.get(key)
    unit = test.canonical_unit
    typed = Decimal(str(round(value, test.decimals(unit))))
    problem = rules.lab_value_problem(test, typed, unit)
    if problem:
        raise ValueError(f"bench seed {key} = {typed} {unit}: {problem}")
    return LabResult(
        user=user,
        report=report,
        test_key=key,
        value=float(typed),
        value_typed=typed,
        unit_typed=unit,
    )


def seed_labs(user, first: date, days: int, rng: random.Random) -> None:
    from tracker.models import LabReport, LabResult

    for n in range(0, days, 91):  # a blood test every three months
        report = LabReport.objects.create(user=user, date=first + timedelta(days=n), fasting=True)
        LabResult.objects.bulk_create(
            [
                lab_result(user, report, key, value * rng.uniform(0.85, 1.1))
                for key, value in LAB_VALUES.items()
            ]
        )


# --- Measuring ----------------------------------------------------------------------------


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# What a request's time is read from: the wall clock, or with use_cpu_time() the CPU time
# of this process (the test client serves in it, SQLite included), which other work on a
# shared machine does not lengthen.
CLOCK = time.perf_counter


def use_cpu_time() -> None:
    global CLOCK
    CLOCK = time.process_time


def timed_ms(client, url: str, headers: dict) -> float:
    start = CLOCK()
    response = client.get(url, headers=headers)
    elapsed = (CLOCK() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def paired_medians(client, url: str, repeats: int, cold=False, htmx=False) -> tuple:
    """Median times of the minimal page and of `url`, requested in turn, so that both
    meet the same machine load. `cold` empties the cache before each request of `url`."""
    from django.core.cache import cache

    headers = {"HX-Request": "true"} if htmx else {}
    for _ in range(3):  # warm-up: imports, template compilation, connection
        timed_ms(client, MINIMAL, {})
        timed_ms(client, url, headers)
    minimal, target = [], []
    for _ in range(repeats):
        minimal.append(timed_ms(client, MINIMAL, {}))
        if cold:
            cache.clear()
        target.append(timed_ms(client, url, headers))
    return statistics.median(minimal), statistics.median(target)


def queries(client, url: str, cold: bool) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        cache.clear()
    else:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


FIGURE_JSON = re.compile(r'<script id="figure-[^"]+" type="application/json">(.*?)</script>', re.S)


def sizes(client, url: str) -> tuple[int, int, int]:
    html = client.get(url).content
    chart_json = sum(len(block) for block in FIGURE_JSON.findall(html.decode()))
    return len(html), chart_json, len(gzip.compress(html, 6))


MINIMAL = "/accounts/login/"
STATIC_REF = re.compile(r'(?:href|src)="/static/([^"]+\.(?:css|js))"')


def first_visit_static(html: str) -> list[tuple[str, int, int]]:
    """Each CSS and JS file the page references, raw and gzipped (level 9, as WhiteNoise)."""
    from django.contrib.staticfiles import finders

    files = []
    for name in dict.fromkeys(STATIC_REF.findall(html)):
        data = Path(finders.find(name)).read_bytes()
        files.append((name, len(data), len(gzip.compress(data, 9))))
    return files


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp) / "bench.sqlite3")
        from django.utils import timezone

        today = timezone.localdate()
        rng = random.Random(2026)
        started = time.perf_counter()
        big = seed("three_years", 3 * 365, today, rng)
        small = seed("three_months", 91, today, rng)
        seeded = time.perf_counter() - started
        big_client, small_client = client_for(big), client_for(small)
        n = args.requests

        print(f"Seeded 3 years and 3 months of daily data in {seeded:.1f} s.\n")
        print(f"Server time, median of {n} requests (Django test client, SQLite), each page")
        print("timed in turn with the login page (the minimal page) to share the machine's load.")
        print("Cold: the cache emptied before each request (the first view after a change);")
        print("warm: the rendered header and charts reused (nothing changed since).\n")
        print(f"  {'':<38} {'minimal':>9} {'page':>10} {'ratio':>7}")
        rows = [
            ("Today page", "/today/", False, False),
            ("dashboard, 3 months (default), cold", "/progress/", True, False),
            ("dashboard, 3 months (default), warm", "/progress/", False, False),
            ("dashboard, 1 year, cold", "/progress/?range=1y", True, False),
            ("dashboard, 1 year, warm", "/progress/?range=1y", False, False),
            ("dashboard, all 3 years, cold", "/progress/?range=all", True, False),
            ("dashboard, all 3 years, warm", "/progress/?range=all", False, False),
            ("range switch (htmx), 1 year, cold", "/progress/?range=1y", True, True),
            ("range switch (htmx), 1 year, warm", "/progress/?range=1y", False, True),
        ]
        for label, url, cold, htmx in rows:
            minimal, page = paired_medians(big_client, url, n, cold, htmx)
            print(f"  {label:<38} {minimal:6.1f} ms {page:7.1f} ms {page / minimal:6.1f} ×")

        print("\nSQL queries per dashboard request (cold / warm):")
        for label, url in (("3 months", "/progress/"), ("all", "/progress/?range=all")):
            small_q = [queries(small_client, url, cold) for cold in (True, False)]
            big_q = [queries(big_client, url, cold) for cold in (True, False)]
            print(
                f"  range {label:<9} 3 months of data: {small_q[0]:3} / {small_q[1]}   "
                f"3 years of data: {big_q[0]:3} / {big_q[1]}"
            )

        print("\nPage size (3 years of data):")
        for label, url in (("3 months", "/progress/"), ("all", "/progress/?range=all")):
            html, chart_json, html_gz = sizes(big_client, url)
            print(
                f"  range {label:<9} HTML {kb(html):>10} (gzipped {kb(html_gz)}), "
                f"of which chart JSON {kb(chart_json)}"
            )

        files = first_visit_static(big_client.get("/progress/").content.decode())
        print("\nStatic files of a first visit to the dashboard:")
        for name, raw, packed in files:
            print(f"  {name:<40} {kb(raw):>10}   gzipped {kb(packed):>10}")
        total_raw = sum(raw for _, raw, _ in files)
        total_gz = sum(packed for _, _, packed in files)
        print(f"  {'total':<40} {kb(total_raw):>10}   gzipped {kb(total_gz):>10}")


if __name__ == "__main__":
    main()
