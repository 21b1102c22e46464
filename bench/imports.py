"""Import figures, each beside its target.

Run from the repository root:

    .venv/bin/python bench/imports.py [--health-mb 500] [--skip-health]

1. A 100,000-row weight CSV (a Withings weight.csv: four weighings a day over 25,000
   days) through the real views as a person does it: upload (read, validate, keep the
   pending import), preview, confirm. Figures: CPU seconds of this process from upload to
   confirm (target at most 5 s), and the peak resident memory above the idle process
   (target at most 60 MB; the peak is reset through /proc/self/clear_refs first).
2. A generated Apple Health export.zip of about --health-mb MB (a realistic mix: for every
   day several hundred heart-rate and step records LiverLog leaves out, one weighing,
   exercise minutes, a blood pressure a week), read as import_data reads it, and the same
   at a tenth of the size: peak memory above idle for both (the stream keeps it flat), and
   the time per 100,000 records.

A throw-away SQLite database in a temporary directory is used; your data are never touched.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

from common import Row, print_rows
from dashboard import client_for, configure

CSV_ROWS = 100_000
PER_DAY = 4


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(field)


def reset_peak() -> None:
    """Make VmHWM (the peak) start again from the current size (Linux 4.0 and later)."""
    Path("/proc/self/clear_refs").write_text("5")


def withings_csv(rows: int, last: date, rng: random.Random) -> bytes:
    lines = [
        'Date,"Weight (kg)","Fat mass (kg)","Bone mass (kg)","Muscle mass (kg)",'
        '"Hydration (kg)",Comments'
    ]
    days = rows // PER_DAY
    for d in range(days):  # newest first, as Withings writes
        day = last - timedelta(days=d)
        for hour in (21, 18, 12, 7):
            weight = 80 + 10 * d / days + rng.gauss(0, 0.4)
            lines.append(
                f'"{day} {hour:02}:{rng.randrange(60):02}:00",{weight:.1f},'
                f"{weight * 0.3:.1f},3.1,{weight * 0.65:.1f},{weight * 0.5:.1f},"
            )
    return ("\r\n".join(lines) + "\r\n").encode()


def csv_figures(user, rng: random.Random) -> list[Row]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.client import BOUNDARY, encode_multipart

    from tracker.models import WeightEntry

    data = withings_csv(CSV_ROWS, date.today() - timedelta(days=1), rng)
    client = client_for(user)
    client.get("/data/")  # warm the code paths and templates once
    # The browser's side: the request body, encoded before the server's figures start.
    upload = SimpleUploadedFile("weight.csv", data, content_type="text/csv")
    body = encode_multipart(BOUNDARY, {"file": upload, "source": "auto", "unit": "kg"})
    del data, upload
    idle = rss_mb()
    reset_peak()
    cpu, wall = time.process_time(), time.perf_counter()
    # A content type equal to, but not the test client's constant: sent as it is.
    response = client.post(
        "/data/import/", body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )
    assert response.status_code == 302, response.content[:2000]
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    confirmed = client.post(f"{response['Location']}confirm/", {"duplicates": "skip"})
    assert confirmed.status_code == 302, confirmed
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = rss_mb("VmHWM") - idle
    stored = WeightEntry.objects.filter(user=user).count()
    assert stored == CSV_ROWS // PER_DAY, stored
    print(
        f"Weight CSV, {CSV_ROWS:,} rows ({len(body) / 1e6:.1f} MB), {stored:,} days stored:"
        f" {cpu:.2f} s CPU ({wall:.2f} s wall), peak {peak:.0f} MB above idle ({idle:.0f} MB)"
    )
    return [
        Row("100,000-row weight CSV, upload to confirm, CPU", f"{cpu:.2f} s", "≤ 5 s", cpu <= 5),
        Row("the same, peak memory above idle", f"{peak:.0f} MB", "≤ 60 MB", peak <= 60),
    ]


HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-01-02 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1970-05-01"/>
"""
RECORD = (
    ' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="Apple Watch" '
    'sourceVersion="10.1" unit="{unit}" creationDate="{when}" startDate="{when}" '
    'endDate="{when}" value="{value}"/>\n'
)
BP = (
    ' <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" '
    'creationDate="{when}" startDate="{when}" endDate="{when}">\n'
    '  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Omron" '
    'unit="mmHg" startDate="{when}" endDate="{when}" value="128"/>\n'
    '  <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Omron" '
    'unit="mmHg" startDate="{when}" endDate="{when}" value="82"/>\n'
    " </Correlation>\n"
)
NOISE_PER_DAY = 600


def health_zip(path: Path, megabytes: int, rng: random.Random) -> int:
    """Write an export.zip whose export.xml is about `megabytes` MB; its record count."""
    target, written, records = megabytes * 1_000_000, 0, 0
    day = date(2000, 1, 1)
    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    with archive, archive.open("apple_health_export/export.xml", "w", force_zip64=True) as out:
        out.write(HEADER.encode())
        while written < target:
            lines = []
            for i in range(NOISE_PER_DAY):
                when = f"{day} {i * 24 // NOISE_PER_DAY:02}:{i % 60:02}:00 +0100"
                kind, unit = (("HeartRate", "count/min"), ("StepCount", "count"))[i % 2]
                lines.append(RECORD.format(kind=kind, unit=unit, when=when, value=60 + i % 40))
            when = f"{day} 07:30:00 +0100"
            lines.append(
                RECORD.format(
                    kind="BodyMass", unit="kg", when=when, value=f"{85 + rng.gauss(0, 0.5):.1f}"
                )
            )
            lines.append(
                RECORD.format(
                    kind="AppleExerciseTime", unit="min", when=when, value=rng.randrange(5, 60)
                )
            )
            records += NOISE_PER_DAY + 2
            if day.weekday() == 0:
                lines.append(BP.format(when=when))
                records += 1
            chunk = "".join(lines).encode()
            out.write(chunk)
            written += len(chunk)
            day += timedelta(days=1)
        out.write(b"</HealthData>\n")
    return records


def health_figures(megabytes: int, rng: random.Random) -> list[Row]:
    from tracker.exchange import importer
    from tracker.exchange.parsed import Options
    from tracker.models import Profile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.zip"
        # Written by another process, so that writing it leaves nothing in this one.
        made = subprocess.run(
            [sys.executable, __file__, "--make", f"{path}:{megabytes}"],
            capture_output=True,
            text=True,
            check=True,
        )
        records = int(made.stdout.strip())
        idle = rss_mb()
        reset_peak()
        cpu, wall = time.process_time(), time.perf_counter()
        with path.open("rb") as handle:
            parsed, _ = importer.read_file(
                handle, path.stat().st_size, Options(), Profile(time_zone="UTC")
            )
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = rss_mb("VmHWM") - idle
        per = cpu / records * 100_000
        print(
            f"Apple Health export.xml of {megabytes} MB ({records:,} records, zip "
            f"{path.stat().st_size / 1e6:.0f} MB): {cpu:.1f} s CPU ({wall:.1f} s wall), "
            f"{per:.2f} s CPU per 100,000 records, peak {peak:.0f} MB above idle; "
            f"{parsed.summary}"
        )
    return [
        Row(f"Apple Health {megabytes} MB, CPU per 100,000 records", f"{per:.2f} s", "reported"),
        Row(f"Apple Health {megabytes} MB, peak memory above idle", f"{peak:.0f} MB", "reported"),
    ]


def run_alone(what: str) -> list[Row]:
    """One measurement in a fresh process, so that no other one's memory counts."""
    result = subprocess.run(
        [sys.executable, __file__, "--only", what], capture_output=True, text=True, check=True
    )
    rows = []
    for line in result.stdout.splitlines():
        if line.startswith("ROW\t"):
            measure, value, target, met = line.split("\t")[1:]
            rows.append(Row(measure, value, target, {"True": True, "False": False}.get(met)))
        else:
            print(line)
    return rows


def measure(what: str) -> None:
    rng = random.Random(15)
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "bench.sqlite3")
        if what == "csv":
            from django.conf import settings
            from django.contrib.auth.models import User

            # A big import is written by the task worker; here it runs in this process,
            # so that upload to confirm is measured whole.
            settings.TASKS = {
                "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
            }

            from tracker.models import Profile

            user = User.objects.create_user("importer", password="bench-password-1")
            Profile.objects.update_or_create(user=user, defaults={"time_zone": "UTC"})
            rows = csv_figures(user, rng)
        else:
            rows = health_figures(int(what.removeprefix("health:")), rng)
    for row in rows:
        print("ROW", row.measure, row.result, row.target, row.met, sep="\t")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--health-mb", type=int, default=500)
    parser.add_argument("--skip-health", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--only", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        path, megabytes = args.make.rsplit(":", 1)
        print(health_zip(Path(path), int(megabytes), random.Random(15)))
        return
    if args.only:
        measure(args.only)
        return
    rows = [] if args.skip_csv else run_alone("csv")
    if not args.skip_health:
        small, big = args.health_mb // 10, args.health_mb
        rows += run_alone(f"health:{small}") + run_alone(f"health:{big}")
        peaks = [float(r.result.split()[0]) for r in rows if "peak memory" in r.measure[14:]]
        if len(peaks) == 2:
            rows.append(
                Row(
                    f"Apple Health peak memory, {small} MB → {big} MB",
                    f"{peaks[0]:.0f} → {peaks[1]:.0f} MB",
                    "independent of the size",
                    peaks[1] <= peaks[0] + 15,
                )
            )
    print_rows(rows)


if __name__ == "__main__":
    main()
