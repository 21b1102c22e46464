"""Samsung Health "Download personal data": one CSV per data type, e.g.
com.samsung.health.weight.20240102123456.csv.

Its first line is metadata, not a header: the data type, a version number and a count
(`com.samsung.health.weight,6313003,1`); the header is the second line, with column
names that may carry the type as a prefix (`com.samsung.health.weight.start_time`), and
every row ends with an extra comma. `start_time` is UTC ("2024-01-02 06:30:00.000") and
`time_offset` ("UTC+0100") gives the local time, so the local date is the sum. Weight is
always kg. com.samsung.health.blood_pressure has `systolic`, `diastolic` and `pulse`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import YMD
from ..reading import ImportProblem, RowProblem, header_key
from .records import Collected, Pressure
from .table import Rows, Table, cell, number, when

SOURCE, TITLE = "samsung", "Samsung Health export"
TYPES = {"com.samsung.health.weight": "weight", "com.samsung.health.blood_pressure": "bp"}
OFFSET = re.compile(r"utc([+-])(\d{2}):?(\d{2})")


def sniff(rows: Rows) -> bool:
    return bool(rows) and header_key(rows[0][1][0]) in TYPES and len(rows) > 1


def _local(text: str, offset: str) -> tuple[dt.date, dt.time | None]:
    day, time = when(text, YMD)
    match = OFFSET.fullmatch(header_key(offset).replace(" ", ""))
    if time is None or match is None:
        return day, time
    sign = 1 if match.group(1) == "+" else -1
    shift = dt.timedelta(hours=int(match.group(2)), minutes=int(match.group(3))) * sign
    local = dt.datetime.combine(day, time) + shift
    return local.date(), local.time()


def read(rows: Rows, options) -> Collected:
    kind = TYPES[header_key(rows[0][1][0])]
    prefix = header_key(rows[0][1][0]) + "."
    table = Table(rows, header_at=1, strip_prefix=prefix)
    found = Collected(SOURCE, TITLE, columns=table.header)
    start, offset = table.index("start_time"), table.index("time_offset")
    if start is None:
        raise ImportProblem("This Samsung Health file has no start_time column.")
    for line, cells in table.rows:
        where = f"Row {line}"
        found.count()
        try:
            day, time = _local(cell(cells, start), cell(cells, offset))
            if kind == "weight":
                text = cell(cells, table.index("weight"))
                if text:
                    found.add_weight(where, day, time, number(text, "weight"), "kg")
                continue
            pulse = cell(cells, table.index("pulse"))
            found.pressures.append(
                Pressure(
                    where,
                    day,
                    time,
                    number(cell(cells, table.index("systolic")), "systolic"),
                    number(cell(cells, table.index("diastolic")), "diastolic"),
                    number(pulse, "pulse") if pulse else None,
                )
            )
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    found.notes.append("Times are Samsung's UTC start times moved to the file's time offset.")
    return found
