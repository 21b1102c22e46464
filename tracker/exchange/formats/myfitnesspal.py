"""MyFitnessPal "Export data": Measurement-Summary-<from>-to-<to>.csv, with a `Date`
column (ISO) and one column per measurement the person tracks (`Weight`, and any
custom ones such as `Neck`, `Waist`). The file does not name its units: weights are
read in the unit chosen on the form, which the preview says and asks to confirm."""

from __future__ import annotations

from ..dates import YMD
from ..reading import RowProblem
from .records import Collected
from .table import Rows, Table, cell, number, when

SOURCE, TITLE = "myfitnesspal", "MyFitnessPal measurements"


def sniff(rows: Rows) -> bool:
    keys = Table(rows[:1]).keys
    return (
        keys[:2] == ["date", "weight"]
        and "body fat %" not in keys
        and len(keys) <= 12
        and (len(keys) == 2 or any(k in keys for k in ("neck", "waist", "hips", "chest")))
    )


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, TITLE, columns=table.header)
    found.unit_stated = False  # the app's unit, not named in the file: the form's
    unit = options.unit if options.unit in ("kg", "lb", "st") else "kg"
    for line, cells in table.rows:
        found.count()
        try:
            day, _ = when(cell(cells, 0), YMD)
            if text := cell(cells, 1):
                found.add_weight(f"Row {line}", day, None, number(text, "weight"), unit)
        except RowProblem as problem:
            found.errors.append(f"Row {line}: {problem}")
    others = [name for name in table.header[2:] if name]
    if others:
        found.skip("other measurement columns", len(others))
    found.notes.append(
        f"MyFitnessPal files do not name their unit; these weights are read in {unit}. "
        "If that is wrong, change the unit below."
    )
    return found
