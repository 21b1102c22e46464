"""The deployment, proven: two app servers and one task worker on one database.

Run from the repository root, with a PostgreSQL database that may be written to:

    DATABASE_URL=postgres://… .venv/bin/python bench/deploy.py [--users 20] [--seconds 30]
                                                              [--pdfs 12] [--compare-one]

It migrates that database, creates the cache table, collects the static files, then
starts the task worker (`manage.py db_worker`) and two gunicorn instances
(config/gunicorn.conf.py: three sync workers each) on two free ports of 127.0.0.1, and
checks, as a person's browser would:

1. an import uploaded through one instance is previewed and confirmed through the
   other, and every row is in the database; a large one (`--import-rows`, written by the
   worker) confirmed on one instance shows rows written, before the end, on the job page
   polled through the other;
2. a PDF asked for on one instance is made by the worker and downloaded from the other;
3. `--pdfs` PDFs asked for at once through one instance: the server (gunicorn's and
   the worker's process trees, everything they start) holds at most one Chromium
   process group (none: the charts are drawn without a browser), and its memory at the
   peak is under 700 MB (PSS, both trees together);
4. the load test of bench/load.py (each person on one instance, alternately) runs with
   no errors and nothing lost; with `--compare-one`, again against one instance alone,
   for the throughput beside it.

Every check prints its figures; the script exits with status 1 when any fails.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from load import (
    FORM_TOKEN,
    HOST,
    PASSWORD,
    SEEDED_DAYS,
    Browser,
    Person,
    Results,
    free_port,
    lost_weights,
    print_results,
    server_times,
    stop,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"
PDF_WAIT_SECONDS = 180
MEMORY_TARGET_MB = 700  # issue 16: twelve PDFs through a three-worker server
failures: list[str] = []


def check(ok: bool, what: str) -> bool:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)
    return ok


# --- Set-up -------------------------------------------------------------------------------


def configure(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_FORMAT="json",
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("createcachetable", database="progress", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def start(name: str, command: list[str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        # Its own process group, so that stopping it stops its children and nothing else.
        return subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def start_gunicorn(port: int, workers: int, tmp: Path, name: str) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "-c",
        "config/gunicorn.conf.py",
        "config.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--access-logfile={tmp / f'{name}.access.log'}",
        f"--access-logformat={ACCESS_FORMAT}",
    ]
    server = start(name, command, tmp / f"{name}.log")
    wait_listening(server, port, tmp / f"{name}.log")
    return server


def wait_listening(server: subprocess.Popen, port: int, log: Path) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited early:\n{log.read_text()}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start listening within 60 s.")


# --- A person's browser, on either instance ------------------------------------------------


class Visitor:
    """One person whose requests go to whichever instance each step names; the session
    cookie is shared, as it would be behind a load balancer."""

    def __init__(self, ports: list[int]):
        self.browsers = [Browser(port) for port in ports]

    def send(self, instance: int, method: str, path: str, form=None, headers=None, body=None):
        browser = self.browsers[instance]
        for other in self.browsers:  # one cookie jar for all instances
            browser.cookies.update(other.cookies)
        if body is not None:
            return self._raw(browser, method, path, body, headers or {})
        return browser.send(method, path, form, headers)

    def _raw(self, browser, method, path, body: bytes, headers: dict):
        headers = dict(headers)
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        browser.connection.request(method, path, body=body, headers=headers)
        response = browser.connection.getresponse()
        return response.status, response.read().decode(errors="replace"), response.headers

    def log_in(self, instance: int, username: str) -> bool:
        _, page, _ = self.send(instance, "GET", "/accounts/login/")
        token = FORM_TOKEN.search(page).group(1)
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        status, _, _ = self.send(instance, "POST", "/accounts/login/", form)
        return status == 302

    def csrf(self, instance: int, path: str) -> str:
        _, page, _ = self.send(instance, "GET", path)
        return FORM_TOKEN.search(page).group(1)


def multipart(fields: dict, file_field: str, filename: str, content: bytes):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
    )
    body = "".join(parts).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def location(headers) -> str:
    return headers.get("Location", "")


# --- The checks -----------------------------------------------------------------------------


def check_import(visitor: Visitor, username: str) -> None:
    from tracker.models import WeightEntry

    print("\n1. An import uploaded through instance A, previewed and confirmed through B")
    days = 40
    first = date(2020, 1, 1)
    rows = "".join(f"{first + timedelta(days=i)},{80 + i / 10:.1f}\n" for i in range(days))
    content = f"date,weight (kg)\n{rows}".encode()
    token = visitor.csrf(0, "/data/")
    body, headers = multipart(
        {"csrfmiddlewaretoken": token, "source": "auto", "unit": "kg"}, "file", "w.csv", content
    )
    status, _, response_headers = visitor.send(
        0, "POST", "/data/import/", headers=headers, body=body
    )
    preview_path = location(response_headers)
    if not check(status == 302 and "/data/import/" in preview_path, f"upload on A: {status}"):
        return
    status, page, _ = visitor.send(1, "GET", preview_path)
    check(status == 200 and str(days) in page, f"preview on B: {status}")
    token = FORM_TOKEN.search(page).group(1) if status == 200 else ""
    form = {"csrfmiddlewaretoken": token, "duplicates": "skip"}
    status, _, _ = visitor.send(1, "POST", f"{preview_path}confirm/", form)
    check(status == 302, f"confirm on B: {status}")
    saved = WeightEntry.objects.filter(
        user__username=username, date__gte=first, date__lt=first + timedelta(days=days)
    ).count()
    check(saved == days, f"{saved} of {days} imported weights in the database")


WRITTEN = re.compile(r"([0-9]+) of ([0-9]+) rows written")


def check_large_import(visitor: Visitor, username: str, days: int) -> None:
    """The worker writes it inside one transaction; its progress, written meanwhile
    through the progress cache's own connection, shows on the other instance's page."""
    from tracker.models import WeightEntry

    print(
        f"\n1b. A large import ({days:,} rows): confirmed on A, written by the worker, "
        "its progress polled on B"
    )
    # Daily weights up to 2000, after the seeded person's birth (1970) and their data.
    first = date(2000, 12, 31) - timedelta(days=days - 1)
    rows = "".join(f"{first + timedelta(days=i)},{80 + (i % 50) / 10:.1f}\n" for i in range(days))
    token = visitor.csrf(0, "/data/")
    body, headers = multipart(
        {"csrfmiddlewaretoken": token, "source": "auto", "unit": "kg"},
        "file",
        "years.csv",
        f"date,weight (kg)\n{rows}".encode(),
    )
    status, _, response_headers = visitor.send(
        0, "POST", "/data/import/", headers=headers, body=body
    )
    preview_path = location(response_headers)
    if not check(status == 302 and "/data/import/" in preview_path, f"upload on A: {status}"):
        return
    token = visitor.csrf(0, preview_path)
    form = {"csrfmiddlewaretoken": token, "duplicates": "skip"}
    started = time.perf_counter()
    status, _, response_headers = visitor.send(0, "POST", f"{preview_path}confirm/", form)
    job_path = location(response_headers)
    if not check(status == 302 and "/data/import/job/" in job_path, f"confirm on A: {status}"):
        return
    written: list[int] = []
    finished = ""
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    while time.monotonic() < deadline:
        status, part, _ = visitor.send(1, "GET", job_path, headers={"HX-Request": "true"})
        if status == 286:
            finished = part
            break
        written += [int(done) for done, _ in WRITTEN.findall(part)]
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    partial = sorted({n for n in written if 0 < n < days})
    check(
        bool(partial),
        f"B's job page showed rows written before the end: {len(partial)} distinct counts "
        f"({', '.join(f'{n:,}' for n in partial[:5])}{', …' if len(partial) > 5 else ''})",
    )
    if not check(
        f"Imported {days:,} new entries" in finished,
        f"B's job page ends with the summary ({elapsed:.1f} s)",
    ):
        print("       " + " ".join(re.sub(r"<[^>]+>", " ", finished).split())[:300])
    saved = WeightEntry.objects.filter(
        user__username=username, date__gte=first, date__lt=first + timedelta(days=days)
    ).count()
    check(saved == days, f"{saved:,} of {days:,} imported weights in the database")


def ask_for_pdf(visitor: Visitor, instance: int) -> str | None:
    token = visitor.csrf(instance, "/report/")
    status, _, headers = visitor.send(
        instance, "POST", "/report/pdf/", {"csrfmiddlewaretoken": token}
    )
    job_path = location(headers)
    return (
        job_path if status == 302 and re.match(r"^/report/pdf/[0-9a-f-]{36}/$", job_path) else None
    )


def wait_for_pdf(visitor: Visitor, instance: int, job_path: str, seconds=PDF_WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, part, _ = visitor.send(instance, "GET", job_path, headers={"HX-Request": "true"})
        if status == 286:
            return "Your PDF is ready" in part
        time.sleep(0.5)
    return False


def check_pdf(visitor: Visitor) -> None:
    print("\n2. A PDF asked for on A, made by the worker, downloaded from B")
    started = time.perf_counter()
    job_path = ask_for_pdf(visitor, 0)
    if not check(job_path is not None, "asked on A: a job page"):
        return
    ready = wait_for_pdf(visitor, 1, job_path)
    check(ready, f"B's job page polled until ready ({time.perf_counter() - started:.1f} s)")
    status, body, headers = visitor.send(1, "GET", f"{job_path}download/")
    check(
        status == 200 and headers.get("Content-Type") == "application/pdf" and len(body) > 1000,
        f"downloaded from B: {status}, {len(body):,} characters, {headers.get('Content-Type')}",
    )


def tree(root_pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory_mb(pids: list[int]) -> float:
    """Proportional set size (shared pages split between their users), in MB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def role(pid: int) -> str:
    """What a process of the server's trees is, for the memory breakdown."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return "gone"
    line = " ".join(args)
    if "chromium_wrapper" in line:
        return "Chromium's pipe wrapper (Python)"
    comm = Path(f"/proc/{pid}/comm").read_text().strip() if Path(f"/proc/{pid}").exists() else ""
    if "chrom" in comm or "chrom" in Path(args[0]).name:
        # Chromium rewrites its children's command lines; their flags still tell them apart.
        kinds = {
            "--renderer-client-id": "renderer",
            "--gpu-preferences": "GPU process",
            "--use-angle": "zygote",
            "--shared-files": "utility (network, storage)",
        }
        kind = next((name for flag, name in kinds.items() if flag in line), "browser")
        return f"Chromium {kind}"
    if "db_worker" in line:
        return "task worker (Python)"
    if "gunicorn" in line:
        return "gunicorn"
    return Path(args[0]).name or "?"


def breakdown(pids: list[int]) -> dict[str, tuple[int, float]]:
    """PSS by role: (processes, MB)."""
    roles: dict[str, tuple[int, float]] = {}
    for pid in pids:
        name = role(pid)
        count, mb = roles.get(name, (0, 0.0))
        roles[name] = (count + 1, mb + pss_mb(pid))
    return roles


def chromium_groups(pids: list[int]) -> int:
    """Chromium processes whose parent is not a Chromium: one per browser started."""

    def name(pid):
        try:
            return Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            return ""

    def parent(pid):
        try:
            return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return 0

    browsers = [pid for pid in pids if "chrom" in name(pid)]
    return sum(1 for pid in browsers if "chrom" not in name(parent(pid)))


class MemoryWatch:
    """Samples the PSS of gunicorn's and the worker's process trees twice a second while
    it runs; keeps each peak, and the breakdown by process at the peak of both."""

    def __init__(self, server, worker):
        import threading

        self.server, self.worker = server, worker
        self.peak = dict.fromkeys(("server", "worker", "both", "groups", "server_chromium"), 0.0)
        self.at_peak: dict[str, tuple[int, float]] = {}
        self.extra_groups: list[str] = []  # the processes when more than one Chromium ran
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()

    def _watch(self):
        peak = self.peak
        groups = 0
        while not self.done.is_set():
            server_pids, worker_pids = tree(self.server.pid), tree(self.worker.pid)
            server_mb, worker_mb = memory_mb(server_pids), memory_mb(worker_pids)
            peak["server"] = max(peak["server"], server_mb)
            peak["worker"] = max(peak["worker"], worker_mb)
            if server_mb + worker_mb > peak["both"]:
                peak["both"] = server_mb + worker_mb
                self.at_peak = breakdown(server_pids + worker_pids)
            # Two samples in a row: Debian's `chromium` is a shell script, whose helpers
            # (grep, expr) are briefly named chromium while Chromium starts.
            groups, last_groups = chromium_groups(server_pids + worker_pids), groups
            if min(groups, last_groups) > 1 and not self.extra_groups:
                self.extra_groups = [f"{pid} {role(pid)}" for pid in server_pids + worker_pids]
            peak["groups"] = max(peak["groups"], min(groups, last_groups))
            peak["server_chromium"] = max(peak["server_chromium"], chromium_groups(server_pids))
            time.sleep(0.5)

    def print_peaks(self):
        peak = self.peak
        print(
            f"       peak: gunicorn {peak['server']:.0f} MB, worker {peak['worker']:.0f} MB, "
            f"together {peak['both']:.0f} MB"
        )


def in_threads(work, count: int, seconds: float) -> float:
    import threading

    started = time.perf_counter()
    people = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for person in people:
        person.start()
    for person in people:
        person.join(timeout=seconds)
    return time.perf_counter() - started


def check_many_pdfs(ports: list[int], username: str, count: int, server, worker) -> None:
    print(f"\n3. {count} PDFs asked for at once through instance A (three sync workers)")
    visitors = [Visitor(ports[:1]) for _ in range(count)]
    logged_in: list[bool] = []
    results: list[bool] = []

    def log_in(n):
        logged_in.append(visitors[n].log_in(0, username))

    def one(n):
        visitor = visitors[n]
        job_path = ask_for_pdf(visitor, 0)
        # One worker makes them in turn: the last waits for all the others.
        ok = job_path is not None and wait_for_pdf(visitor, 0, job_path, PDF_WAIT_SECONDS * count)
        if ok:
            status, _, _ = visitor.send(0, "GET", f"{job_path}download/")
            ok = status == 200
        results.append(ok)

    # Log-ins first, measured apart: each Argon2 hash takes 64 MiB for its moment.
    with MemoryWatch(server, worker) as logins:
        elapsed = in_threads(log_in, count, 120)
    print(f"   {logged_in.count(True)} of {count} people logged in at once ({elapsed:.1f} s):")
    logins.print_peaks()
    with MemoryWatch(server, worker) as pdfs:
        elapsed = in_threads(one, count, PDF_WAIT_SECONDS * count + 60)
    server_pids, worker_pids = tree(server.pid), tree(worker.pid)
    server_mb, worker_mb = memory_mb(server_pids), memory_mb(worker_pids)
    check(
        results.count(True) == count,
        f"{results.count(True)} of {count} PDFs made and downloaded in {elapsed:.1f} s",
    )
    print(
        f"       after: gunicorn {len(server_pids)} processes {server_mb:.0f} MB, worker "
        f"{len(worker_pids)} processes {worker_mb:.0f} MB (PSS)"
    )
    pdfs.print_peaks()
    print("       at the peak, by process (PSS):")
    for name, (processes, mb) in sorted(pdfs.at_peak.items(), key=lambda item: -item[1][1]):
        print(f"         {mb:6.0f} MB  {processes:2} × {name}")
    peak = pdfs.peak
    for line in pdfs.extra_groups:
        print(f"         {line}")
    check(
        peak["groups"] <= 1 and peak["server_chromium"] == 0,
        f"Chromium process groups: {peak['groups']:.0f} in all, "
        f"{peak['server_chromium']:.0f} in gunicorn's tree (target: at most one)",
    )
    check(
        peak["both"] < MEMORY_TARGET_MB,
        f"memory of the server's process trees (gunicorn and the worker) at peak: "
        f"{peak['both']:.0f} MB (target: under {MEMORY_TARGET_MB})",
    )


def load(ports: list[int], usernames: list[str], seconds: float, logs: list[Path], label: str):
    from django.db import connections
    from django.utils import timezone

    print(f"\n4. Load: {len(usernames)} people for {seconds:g} s against {label}")
    connections.close_all()
    today = timezone.localdate()
    results = Results()
    deadline = time.monotonic() + seconds
    people = [
        Person(i, name, ports[i % len(ports)], results, 1_000_000, deadline, today)
        for i, name in enumerate(usernames)
    ]
    sizes = [log.stat().st_size if log.exists() else 0 for log in logs]
    started = time.perf_counter()
    for person in people:
        person.start()
    for person in people:
        person.join(timeout=seconds + 60)
    elapsed = time.perf_counter() - started
    fresh = Path(tempfile.mkstemp(suffix=".log")[1])
    with fresh.open("w") as out:  # only this run's lines of each access log
        for log, size in zip(logs, sizes, strict=True):
            with log.open() as handle:
                handle.seek(size)
                out.write(handle.read())
    print_results(results, server_times(fresh), elapsed)
    fresh.unlink()
    lost = lost_weights(results.accepted)
    for problem in (results.errors + lost)[:10]:
        print(f"    {problem}")
    check(not results.errors, f"{len(results.errors)} errors seen by the people")
    check(
        not lost and results.accepted,
        f"nothing lost: {len(results.accepted) - len(lost)} of {len(results.accepted)} "
        "accepted weights in the database",
    )
    return sum(len(t) for t in results.latencies.values()) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--pdfs", type=int, default=12)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--compare-one", action="store_true")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("Give a PostgreSQL database: DATABASE_URL=postgres://…")
    configure(args.database_url)
    from dashboard import seed
    from django.db import connections
    from django.utils import timezone

    run = secrets.token_hex(3)  # fresh people each run, so a database can be reused
    today = timezone.localdate()
    import random

    rng = random.Random(2026)
    usernames = [
        seed(f"p{run}-{i:03}", SEEDED_DAYS, today, rng).username for i in range(args.users)
    ]
    connections.close_all()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ports = [free_port(), free_port()]
        processes = []
        try:
            worker = start(
                "worker", [PYTHON, "manage.py", "db_worker", "--no-reload"], tmp / "worker.log"
            )
            processes.append(worker)
            servers = [
                start_gunicorn(port, args.workers, tmp, f"app{n}") for n, port in enumerate(ports)
            ]
            processes.extend(servers)
            print(
                f"Task worker pid {worker.pid}; gunicorn A on :{ports[0]}, "
                f"B on :{ports[1]}; PostgreSQL."
            )
            visitor = Visitor(ports)
            check(visitor.log_in(0, usernames[0]), f"{usernames[0]} logs in on A")
            check_import(visitor, usernames[0])
            check_large_import(visitor, usernames[0], args.import_rows)
            check_pdf(visitor)
            check_many_pdfs(ports, usernames[1], args.pdfs, servers[0], worker)
            logs = [tmp / "app0.access.log", tmp / "app1.access.log"]
            both = load(ports, usernames, args.seconds, logs, "both instances")
            if args.compare_one:
                one = load(ports[:1], usernames, args.seconds, logs[:1], "instance A alone")
                print(
                    f"\n  Throughput: two instances {both:.1f} requests/s, one instance {one:.1f}"
                )
        finally:
            for process in processes:
                stop(process)
        for log in sorted(tmp.glob("*.log")):
            text = log.read_text(errors="replace")
            if "Traceback" in text:
                failures.append(f"traceback in {log.name}")
                print(f"\n{log.name}:\n{text[-4000:]}")
    print(f"\n{'All checks passed.' if not failures else 'FAILED: ' + '; '.join(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
