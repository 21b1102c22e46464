"""Cronometer "Export biometrics" (biometrics.csv): `Day,Group,Metric,Unit,Amount`, one
line per measurement, ISO days; the unit is on each line ("kg", "lbs"). Only lines
whose metric is Weight become weighings; body fat, heart rate and the rest are counted
as left out."""

from __future__ import annotations

from ..dates import YMD
from ..reading import RowProblem, header_key
from .records import Collected
from .table import Rows, Table, cell, number, when

SOURCE, TITLE = "cronometer", "Cronometer biometrics"
UNITS = {"kg": "kg", "lbs": "lb", "lb": "lb"}


def sniff(rows: Rows) -> bool:
    return Table(rows[:1]).keys[:5] == ["day", "group", "metric", "unit", "amount"]


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, TITLE, columns=table.header)
    for line, cells in table.rows:
        if header_key(cell(cells, 2)) != "weight":
            found.skip("biometrics other than weight")
            continue
        found.count()
        try:
            unit = UNITS.get(header_key(cell(cells, 3)))
            if unit is None:
                raise RowProblem(f"“{cell(cells, 3)}” is not a weight unit.")
            day, time = when(cell(cells, 0), YMD)
            found.add_weight(f"Row {line}", day, time, number(cell(cells, 4), "weight"), unit)
        except RowProblem as problem:
            found.errors.append(f"Row {line}: {problem}")
    return found
