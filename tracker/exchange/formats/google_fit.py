"""Google Fit in Google Takeout: "Daily activity metrics/Daily activity metrics.csv" (the
daily summaries), one line per day with `Date` (ISO) and, among many others,
`Move Minutes count`, `Step count` and `Average weight (kg)` / `Max weight (kg)` /
`Min weight (kg)`. Google Fit keeps weights in kg whatever it shows. A day's weight is
read from `Min weight (kg)`, the lowest of the day, which with morning weighings is the
morning one; the day's Move Minutes become one exercise entry with its steps."""

from __future__ import annotations

from decimal import Decimal

from ..dates import YMD
from ..reading import RowProblem
from .records import Collected, Workout
from .table import Rows, Table, cell, number, when

SOURCE, TITLE = "googlefit", "Google Fit daily summaries"


def sniff(rows: Rows) -> bool:
    keys = Table(rows[:1]).keys
    return "date" in keys and "move minutes count" in keys


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, TITLE, columns=table.header)
    date_col = table.index("date")
    weight_col = table.index("min weight (kg)", "average weight (kg)")
    move_col, steps_col = table.index("move minutes count"), table.index("step count")
    for line, cells in table.rows:
        where = f"Row {line}"
        found.count()
        try:
            day, _ = when(cell(cells, date_col), YMD)
            if text := cell(cells, weight_col):
                found.add_weight(where, day, None, number(text, "weight"), "kg")
            minutes = number(cell(cells, move_col), "move minutes") if cell(cells, move_col) else 0
            if minutes >= 1:
                steps = cell(cells, steps_col)
                found.workouts.append(
                    Workout(
                        where,
                        day,
                        "Move Minutes (Google Fit)",
                        Decimal(minutes),
                        steps=int(number(steps, "steps")) if steps else None,
                    )
                )
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    found.notes.append(
        "Weights are each day's lowest, in kg; Move Minutes become one exercise entry a day."
    )
    return found
