"""Garmin Connect weight export (Reports → Weight → Export): a header
`Time,Weight,Change,BMI,Body Fat,Skeletal Muscle Mass,Bone Mass,Body Water,` and then,
per day, a line holding only the date (" Jan 2, 2024") followed by one line per
weighing that day starting with its time (" 7:30 AM"); values carry their unit
("195.2 lbs", "88.4 kg") and "--" means none; every line ends with a comma."""

from __future__ import annotations

import datetime as dt
import re

from ..reading import RowProblem
from .records import Collected
from .table import Rows, Table, cell, number

SOURCE, TITLE = "garmin", "Garmin Connect export"
DAY_LINE = re.compile(r"([A-Za-z]{3}) (\d{1,2}), (\d{4})")
TIME_LINE = re.compile(r"(\d{1,2}):(\d{2}) ?([AP]M)", re.IGNORECASE)
UNIT = re.compile(r"(kg|lbs?)\s*$")


def sniff(rows: Rows) -> bool:
    table = Table(rows[:1])
    return table.keys[:2] == ["time", "weight"] and "skeletal muscle mass" in table.keys


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, TITLE, columns=table.header)
    day = None
    for line, cells in table.rows:
        first = cell(cells, 0)
        if match := DAY_LINE.fullmatch(first):
            try:
                day = dt.datetime.strptime(" ".join(match.groups()), "%b %d %Y").date()
            except ValueError:
                found.errors.append(f"Row {line}: “{first}” is not a date.")
                day = None
            continue
        found.count()
        try:
            time = TIME_LINE.fullmatch(first)
            if day is None or time is None:
                raise RowProblem(f"“{first}” is neither a date line nor a time under one.")
            hour = int(time.group(1)) % 12 + (12 if time.group(3).upper() == "PM" else 0)
            text = cell(cells, 1)
            unit = UNIT.search(text)
            if unit is None:
                raise RowProblem(f"the weight “{text}” does not say kg or lbs.")
            when = dt.time(hour, int(time.group(2)))
            value = number(text, "weight")
            found.add_weight(f"Row {line}", day, when, value, unit.group(1).rstrip("s"))
        except (RowProblem, ValueError) as problem:
            found.errors.append(f"Row {line}: {problem}")
    return found
