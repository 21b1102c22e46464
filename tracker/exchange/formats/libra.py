"""Libra (Android weight manager) export: `#Version:6` and `#Units:kg` (or lb, st) lines,
a blank line, then `#date;weight;weight trend;body fat;body fat trend;comment` and one
`;`-separated line per weighing, dated in ISO 8601 with a time in UTC
("2024-01-02T06:30:00.000Z"). Only the weight is read (the trend is computed)."""

from __future__ import annotations

from ..dates import YMD
from ..reading import RowProblem, header_key
from .records import Collected
from .table import Rows, cell, number, when

SOURCE, TITLE = "libra", "Libra export"
UNITS = {"kg": "kg", "lb": "lb", "lbs": "lb", "st": "st"}


def sniff(rows: Rows) -> bool:
    return any(header_key(cells[0]).startswith("#units:") for _, cells in rows[:5])


def read(rows: Rows, options) -> Collected:
    found = Collected(SOURCE, TITLE, columns=["date", "weight"])
    unit = None
    for line, cells in rows:
        key = header_key(cells[0])
        if key.startswith("#units:"):
            unit = UNITS.get(key.removeprefix("#units:").strip())
            if unit is None:
                found.errors.append(f"Row {line}: “{cells[0]}” names an unknown unit.")
                return found
            continue
        if key.startswith("#") or unit is None:
            continue
        found.count()
        try:
            day, time = when(cell(cells, 0), YMD)
            found.add_weight(f"Row {line}", day, time, number(cell(cells, 1), "weight"), unit)
        except RowProblem as problem:
            found.errors.append(f"Row {line}: {problem}")
    found.notes.append(f"Weights read in {unit}, as the file's #Units line says.")
    return found
