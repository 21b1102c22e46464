"""Renpho (smart scale app) CSV export: `Time of Measurement,Weight(lb),BMI,Body Fat(%),
…` — the unit is in the weight column's header (kg or lb) and the time is written in the
phone's locale, in the US as "10/13/2025, 9:00 PM" (month first, 12-hour clock). When the
file's dates would read both ways, the person chooses the order."""

from __future__ import annotations

from ..dates import MDY
from ..reading import RowProblem
from .records import Collected
from .table import Rows, Table, cell, number, order_for, when

SOURCE, TITLE = "renpho", "Renpho export"
WHEN = ("time of measurement", "measurement time", "date")
WEIGHT = ("weight(", "weight (")


def sniff(rows: Rows) -> bool:
    table = Table(rows[:1])
    return table.index("time of measurement", "measurement time") is not None and bool(
        table.starting(*WEIGHT) is not None
    )


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, TITLE, columns=table.header)
    date_col, weight_col = table.index(*WHEN), table.starting(*WEIGHT)
    unit = table.unit_of(weight_col, "")
    if not unit:
        unit = table.keys[weight_col].split("(")[1].rstrip(")").replace("lbs", "lb")
    samples = [cell(c, date_col) for _, c in table.sample if cell(c, date_col)]
    order, question = order_for(samples, options.date_format, MDY)
    if question:
        found.errors.append(question)
    for line, cells in table.rows:
        found.count()
        try:
            day, time = when(cell(cells, date_col), order)
            text = cell(cells, weight_col)
            if text:
                found.add_weight(f"Row {line}", day, time, number(text, "weight"), unit)
        except RowProblem as problem:
            found.errors.append(f"Row {line}: {problem}")
    found.notes.append(f"Weights read in {unit}, as the weight column's header says.")
    return found
