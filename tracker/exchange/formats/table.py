"""A CSV file's rows with a header found by its column names: the helpers every app's
CSV format shares. Pure Python."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from .. import dates
from ..reading import RowProblem, header_key, parse_number
from .records import Pressure

Rows = list[tuple[int, list[str]]]
UNIT_IN_HEADER = re.compile(r"\((kg|lb|lbs|st|cm|in)\)")
EMPTY = {"", "--", "-", "n/a", "null"}


HEAD = 200  # rows read ahead: enough to recognise a file and sample its dates


class RowStream:
    """A CSV file's rows read once, front to back: the first HEAD rows are at hand (to
    recognise the file and sample its dates), the rest arrive as they are read, so a big
    file's rows are never all in memory at once."""

    def __init__(self, rows: Iterator[tuple[int, list[str]]]):
        self.rest = iter(rows)
        self.head = list(itertools.islice(self.rest, HEAD))

    def __getitem__(self, index):
        return self.head[index]  # only the head can be looked at out of turn

    def __iter__(self):
        yield from self.head
        yield from self.rest

    def after(self, count: int) -> Iterator[tuple[int, list[str]]]:
        return itertools.islice(iter(self), count, None)


class Table:
    """The rows below a header line, with cells looked up by column name."""

    def __init__(self, rows: Rows | RowStream, header_at: int = 0, strip_prefix: str = ""):
        self.header = rows[header_at][1]
        self.keys = [header_key(cell).removeprefix(strip_prefix) for cell in self.header]
        head = rows.head if isinstance(rows, RowStream) else rows
        self.sample = head[header_at + 1 :]  # rows to guess from, all at hand
        self.rows = rows.after(header_at + 1) if isinstance(rows, RowStream) else self.sample

    def index(self, *names: str) -> int | None:
        for name in names:
            if name in self.keys:
                return self.keys.index(name)
        return None

    def starting(self, *prefixes: str) -> int | None:
        """The first column whose name starts with one of the prefixes ("weight (")."""
        for index, key in enumerate(self.keys):
            if key.startswith(prefixes):
                return index
        return None

    def unit_of(self, index: int | None, default: str = "") -> str:
        if index is None:
            return default
        match = UNIT_IN_HEADER.search(self.keys[index])
        unit = match.group(1) if match else default
        return "lb" if unit == "lbs" else unit


def cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    text = cells[index].strip()
    return "" if text.lower() in EMPTY else text


def number(text: str, what: str) -> Decimal:
    """A number, allowing a unit after it ("88.4 kg", "195.2 lbs")."""
    return parse_number(re.sub(r"\s*[a-zA-Z%/]+\.?$", "", text), what)


def pressure(where: str, day, time, systolic: str, diastolic: str, pulse: str) -> Pressure:
    """A blood-pressure row from its cells (the pulse may be blank)."""
    return Pressure(
        where,
        day,
        time,
        number(systolic, "systolic"),
        number(diastolic, "diastolic"),
        number(pulse, "pulse") if pulse else None,
    )


def when(text: str, order: str) -> tuple[dt.date, dt.time | None]:
    try:
        return dates.parse(text, order)
    except dates.NotADate:
        raise RowProblem(f"“{text}” is not a date this file's app writes.") from None


def order_for(samples: list[str], chosen: str, usual: str) -> tuple[str, str | None]:
    """The date order to read: the one chosen on the form, else the only one that fits;
    when several fit and nothing was chosen, `usual` with a question for the person."""
    from ..reading import DATE_ORDERS

    if chosen:
        return DATE_ORDERS[chosen], None
    fitting = dates.fitting_orders(samples)
    if len(fitting) == 1:
        return fitting[0], None
    question = dates.ambiguity(samples)
    return (usual if usual in fitting or not fitting else fitting[0]), question
