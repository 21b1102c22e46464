"""Fitbit (Google Takeout or the older account export): "Personal & Account/weight-
2024-01-02.json", one file a month, a JSON list of weight logs as the Fitbit Web API
returns them: `{"logId": …, "weight": 187.4, "bmi": 27.1, "fat": 22.3, "date": "01/02/24",
"time": "07:30:12", "source": "Aria"}`. The date is month/day/two-digit year; the weight
is in the account's unit, which the file does not name: the person confirms it."""

from __future__ import annotations

from decimal import Decimal

from ..dates import MDY
from ..reading import RowProblem, parse_number
from .records import Collected
from .table import when

SOURCE, TITLE = "fitbit", "Fitbit weight log"


def sniff(data) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and {"logId", "weight", "date"} <= set(data[0])
    )


def read(data: list, options) -> Collected:
    found = Collected(SOURCE, TITLE, columns=["date", "time", "weight"])
    found.unit_stated = False  # the app's unit, not named in the file: the form's
    unit = options.unit if options.unit in ("kg", "lb", "st") else "kg"
    for index, log in enumerate(data, start=1):
        where = f"Entry {index}"
        found.count()
        try:
            if not isinstance(log, dict):
                raise RowProblem("is not a weight log.")
            day, _ = when(str(log.get("date", "")), MDY)
            _, time = when(f"2000-01-01 {log.get('time', '')}".strip(), "YMD")
            value = log.get("weight")
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise RowProblem(f"the weight {value!r} is not a number.")
            weight = parse_number(str(value), "weight")
            found.add_weight(where, day, time, Decimal(weight), unit)
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    found.notes.append(
        f"Fitbit files do not name their unit; these weights are read in {unit}. If that "
        "is wrong, change the unit below."
    )
    return found
