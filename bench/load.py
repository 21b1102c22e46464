"""Load test: many people logging in, logging weights and reading pages at once, against
gunicorn on 127.0.0.1 with a throw-away SQLite database.

Run from the repository root:

    .venv/bin/python bench/load.py [--users 20] [--seconds 30] [--max-requests 20000]
                                   [--workers 3] [--threads 1]

It migrates a new database in a temporary directory (your own database is never
touched), gives each person three months of daily data (the seeding of bench/dashboard.py)
and starts gunicorn itself on a free port of 127.0.0.1: by default as the README deploys
it, three sync workers; with `--threads` above 1, gthread workers. Then one thread per
person, all at once: open the log-in page, log in, then over and over: the Today page, a
weight logged from Today's quick-entry card (an htmx POST with the CSRF token, as the
browser sends it), the progress dashboard and the labs page. Each person logs a different
day each time, so every accepted weight must end up in the database with the value sent.

The run stops after `--seconds` or `--max-requests`, whichever comes first; gunicorn is
stopped and the script prints requests per second, latency percentiles per action, every
status and error, and checks that no accepted weight was lost.

Latencies are measured by the client, on the same machine as the server: they include
queueing for a free worker, and the client threads share the CPUs with gunicorn.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from common import percentile
from dashboard import ROOT, configure, seed

HOST = "127.0.0.1"
PASSWORD = "bench-password-1"  # the password bench/dashboard.py's seed() gives everyone
SEEDED_DAYS = 91
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HEADER_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')
SAVED = re.compile(r"Saved your weight|You already had a weight")
PAGES = ("/today/", "weight", "/progress/", "/labs/")
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"  # method, path, status, microseconds in gunicorn
EXPECTED = {"log-in page": 200, "log in": 302, "weight": 200}  # pages: 200


# --- The server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(
    port: int, workers: int, threads: int, log: Path, access_log: Path
) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--worker-class={'gthread' if threads > 1 else 'sync'}",
        "--timeout=60",
        f"--access-logfile={access_log}",
        f"--access-logformat={ACCESS_FORMAT}",
    ]
    with log.open("wb") as out:
        # Its own process group, so that stopping it stops its workers and nothing else.
        server = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited early:\n{log.read_text()}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not start listening within 30 s.")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# --- The people ---------------------------------------------------------------------------


@dataclass
class Results:
    """Everything the people saw, shared by their threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)
    accepted: list[tuple[str, date, float]] = field(default_factory=list)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, budget: int) -> bool:
        """Reserve one request of the run's budget."""
        with self.lock:
            if self.requests >= budget:
                return False
            self.requests += 1
            return True

    def record(self, action: str, status: int | str, seconds: float, problem: str = ""):
        with self.lock:
            self.latencies[action].append(seconds)
            self.statuses[action][status] += 1
            if problem:
                self.errors.append(f"{action}: {problem}")


class Browser:
    """One person's keep-alive connection and cookies."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, form=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # reconnect on the next request
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
            raise
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response.status, content.decode(errors="replace"), response.headers


class Person(threading.Thread):
    def __init__(self, index, username, port, results, budget, deadline, today):
        super().__init__(daemon=True)
        self.index, self.username = index, username
        self.browser = Browser(port)
        self.results, self.budget, self.deadline, self.today = results, budget, deadline, today
        self.days_back = 0
        self.header_token = ""

    def running(self) -> bool:
        return time.monotonic() < self.deadline and self.results.requests < self.budget

    def call(self, action: str, method: str, path: str, form=None, headers=None):
        """One timed request: the response, or None when it failed or the run is over."""
        if time.monotonic() >= self.deadline or not self.results.take(self.budget):
            return None
        start = time.perf_counter()
        try:
            status, body, response_headers = self.browser.send(method, path, form, headers)
        except (OSError, http.client.HTTPException) as error:
            elapsed = time.perf_counter() - start
            self.results.record(action, type(error).__name__, elapsed, str(error))
            return None
        elapsed = time.perf_counter() - start
        expected = EXPECTED.get(action, 200)
        problem = "" if status == expected else f"status {status} for {method} {path}"
        self.results.record(action, status, elapsed, problem)
        return (status, body, response_headers) if not problem else None

    def run(self) -> None:
        try:
            if self.log_in():
                while self.running():
                    for action in PAGES:
                        self.log_weight() if action == "weight" else self.read(action)
        except Exception as error:  # a page that no longer looks as expected
            with self.results.lock:
                self.results.errors.append(f"{self.username} stopped: {error!r}")

    def log_in(self) -> bool:
        page = self.call("log-in page", "GET", "/accounts/login/")
        if page is None:
            return False
        token = FORM_TOKEN.search(page[1]).group(1)
        form = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        return self.call("log in", "POST", "/accounts/login/", form) is not None

    def read(self, path: str) -> None:
        result = self.call(path, "GET", path)
        if result is not None and path == "/today/":
            self.header_token = HEADER_TOKEN.search(result[1]).group(1)

    def log_weight(self) -> None:
        """Today's weight card, as htmx posts it: a new day each time, a value that says
        whose weighing it is."""
        self.days_back += 1
        day = self.today - timedelta(days=self.days_back)
        kg = round(60 + ((self.index * 37 + self.days_back) % 600) / 10, 1)
        headers = {"HX-Request": "true", "X-CSRFToken": self.header_token}
        form = {"date": day.isoformat(), "weight": f"{kg}", "unit": "kg"}
        result = self.call("weight", "POST", "/log/weight/add/", form, headers)
        if result is None:
            return
        with self.results.lock:
            if SAVED.search(result[1]):
                self.results.accepted.append((self.username, day, kg))
            else:
                self.results.errors.append(f"weight: {day} not saved: the card shows no save")


# --- Checking and reporting ---------------------------------------------------------------


def lost_weights(accepted: list[tuple[str, date, float]]) -> list[str]:
    """Accepted weighings missing from the database or holding another value."""
    from tracker.models import WeightEntry

    saved = {
        (username, day): float(value)
        for username, day, value in WeightEntry.objects.values_list(
            "user__username", "date", "value_typed"
        )
    }
    return [
        f"{username} {day}: sent {kg}, found {saved.get((username, day))}"
        for username, day, kg in accepted
        if saved.get((username, day)) is None or abs(saved[(username, day)] - kg) > 1e-6
    ]


def action_of(method: str, path: str) -> str:
    if path == "/accounts/login/":
        return "log in" if method == "POST" else "log-in page"
    return "weight" if path == "/log/weight/add/" else path


def server_times(access_log: Path) -> dict[str, list[float]]:
    """Seconds each request spent inside gunicorn, by action, from its access log."""
    times = defaultdict(list)
    for line in access_log.read_text().splitlines():
        method, path, _status, microseconds = line.split()
        times[action_of(method, path)].append(int(microseconds) / 1e6)
    return times


def print_results(results: Results, server: dict[str, list[float]], seconds: float) -> None:
    print("  Latency seen by the people (p50, p90, p99, max), then the median time inside")
    print("  gunicorn (the rest is waiting for a free worker):\n")
    print(
        f"  {'action':<13} {'requests':>8}  {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7}"
        f"  {'server':>7}  statuses"
    )
    for action in ("log-in page", "log in", *PAGES):
        times = results.latencies.get(action)
        if not times:
            continue
        figures = [percentile(times, share) * 1000 for share in (0.5, 0.9, 0.99)]
        figures.append(max(times) * 1000)
        statuses = ", ".join(
            f"{s}×{n}" for s, n in sorted(results.statuses[action].items(), key=str)
        )
        cells = " ".join(f"{value:5.0f}ms" for value in figures)
        inside = percentile(server[action], 0.5) * 1000 if server.get(action) else float("nan")
        print(f"  {action:<13} {len(times):>8,}  {cells}  {inside:5.0f}ms  {statuses}")
    every = [t for times in results.latencies.values() for t in times]
    figures = " ".join(f"{percentile(every, share) * 1000:5.0f}ms" for share in (0.5, 0.9, 0.99))
    print(f"  {'all':<13} {len(every):>8,}  {figures} {max(every) * 1000:5.0f}ms")
    print(f"\n  {len(every):,} requests in {seconds:.1f} s: {len(every) / seconds:,.1f} requests/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=3)  # the README's deployment
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    if not 0 < args.seconds <= 600:
        raise SystemExit("--seconds must be between 0 and 600.")
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp) / "load.sqlite3")  # gunicorn inherits this environment
        from django.db import connections
        from django.utils import timezone

        today = timezone.localdate()
        rng = random.Random(2026)
        usernames = [
            seed(f"person{i:03}", SEEDED_DAYS, today, rng).username for i in range(args.users)
        ]
        connections.close_all()  # the database is gunicorn's while the test runs
        port = free_port()
        log, access_log = Path(tmp) / "gunicorn.log", Path(tmp) / "access.log"
        server = start_gunicorn(port, args.workers, args.threads, log, access_log)
        results = Results()
        try:
            print(
                f"{args.users} people at once for up to {args.seconds:g} s or "
                f"{args.max_requests:,} requests, against gunicorn ({args.workers} workers × "
                f"{args.threads} thread{'s' if args.threads > 1 else ''}) on {HOST}:{port}, "
                "SQLite in WAL mode.\n"
            )
            start = time.perf_counter()
            deadline = time.monotonic() + args.seconds
            people = [
                Person(i, name, port, results, args.max_requests, deadline, today)
                for i, name in enumerate(usernames)
            ]
            for person in people:
                person.start()
            for person in people:
                person.join(timeout=args.seconds + 60)
            elapsed = time.perf_counter() - start
        finally:
            stop(server)
        print_results(results, server_times(access_log), elapsed)
        server_errors = [line for line in log.read_text().splitlines() if "Traceback" in line]
        print(
            f"\nErrors: {len(results.errors)} seen by the people, {len(server_errors)} "
            "tracebacks in the server log."
        )
        for problem in results.errors[:10]:
            print(f"  {problem}")
        lost = lost_weights(results.accepted)
        print(
            f"Nothing lost: {len(results.accepted):,} weights accepted, "
            f"{len(results.accepted) - len(lost):,} in the database with the value sent."
        )
        for problem in lost[:10]:
            print(f"  LOST {problem}")
        verdict = not results.errors and not server_errors and not lost
        print(f"\nTarget: zero errors and nothing lost: {'met' if verdict else 'NOT MET'}")


if __name__ == "__main__":
    main()
