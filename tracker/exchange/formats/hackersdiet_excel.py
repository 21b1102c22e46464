"""The Hacker's Diet Online "Export log database" in its Excel CSV form (also saved as
hackdiet_db.csv), made to be pasted into the old Excel "Eat Watch" yearly log.

As its exporter writes it (HDiet's monthlog `exportExcelCSV`), in ISO-8859-1 with CRLF
line ends, every month of the log is a block of its own: four header lines
(`Date,,Weight,Trend,Variance,,Rung,Flag`, an empty `,,,,,,,`, the unit and the month as
`,,Pounds,,February 2024,,,`, and `Trend carry forward:,,,203.60,,,,`), then one line
for every day of the month, weighed or not: `2/3/24,Saturday,202.8,203.5,-0.72,203.6,12,`.
The date is month/day/two-digit year; the month line gives the century. The unit is
Kilograms, Pounds or Stones, where a stone log holds pounds. A day without a weighing has
`---` in the weight column, or that day's comment, quoted; its trend is still filled in
(carried forward) and its variance is minus the trend, which is how a comment that looks
like a number is told from a weight. A month without any weighing has no trend at all.
Weights have one decimal; the trend, variance, carry-forward, rung and flag columns are
the app's own arithmetic and are not imported.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..reading import RowProblem, header_key, parse_number, plural
from .records import Collected
from .table import Rows, cell

SOURCE, TITLE = "hackersdiet_excel", "The Hacker's Diet Online Excel CSV export"
HEADER = ["date", "", "weight", "trend", "variance", "", "rung", "flag"]
UNITS = {"kilograms": "kg", "pounds": "lb", "stones": "lb"}  # a stone log holds pounds
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august"]
MONTH_NAMES += ["september", "october", "november", "december"]
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTH_LINE = re.compile(r"([a-z]+) (\d{4})")
DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2})")
NO_WEIGHING = "---"
TOLERANCE = Decimal("0.1")  # the weight and trend are printed to one decimal


def sniff(rows: Rows) -> bool:
    return bool(rows) and [header_key(c) for c in rows[0][1]][:8] == HEADER


class _Month:
    """The block being read: its unit and its month, from its unit line."""

    def __init__(self, cells: list[str]):
        self.unit = UNITS.get(header_key(cell(cells, 2)))
        match = MONTH_LINE.fullmatch(header_key(cell(cells, 4)))
        self.year = int(match.group(2)) if match else None
        self.month = MONTHS.get(match.group(1)) if match else None
        self.name = cell(cells, 4)

    def day(self, text: str) -> dt.date:
        """The row's date, checked against the block's month (the file's year has two
        digits; the month line has four)."""
        match = DAY.fullmatch(text)
        if match is None or self.year is None:
            raise RowProblem(f"“{text}” is not a date of this file's month ({self.name}).")
        month, day, short_year = (int(part) for part in match.groups())
        if month != self.month or short_year != self.year % 100:
            raise RowProblem(f"“{text}” is not a date of this file's month ({self.name}).")
        try:
            return dt.date(self.year, month, day)
        except ValueError:
            raise RowProblem(f"“{text}” is not a date.") from None


def _is_weighing(weight: Decimal, cells: list[str]) -> bool:
    """True when the row's variance is the weight minus the trend; on a day without a
    weighing the exporter writes minus the trend, whatever the comment in its place."""
    try:
        trend = parse_number(cell(cells, 3), "trend")
        variance = parse_number(cell(cells, 4), "variance")
    except RowProblem:
        return False
    return abs(variance - (weight - trend)) <= TOLERANCE


def _weighing(cells: list[str]) -> Decimal | None:
    """The day's weight; None for a day without one (`---` or a comment)."""
    text = cells[2].strip() if len(cells) > 2 else ""
    if text in ("", NO_WEIGHING):
        return None
    try:
        weight = parse_number(text, "weight")
    except RowProblem:
        return None  # a comment written where the weight would be
    if not _is_weighing(weight, cells):
        raise RowProblem(
            f"“{text}” in the weight column does not agree with the row's trend and "
            "variance, so it may be a comment rather than a weighing. Correct the row or "
            "remove it, then upload the file again."
        )
    return weight


def read(rows: Rows, options) -> Collected:
    found = Collected(SOURCE, TITLE, columns=["date", "weight"])
    month, comments, stones = None, 0, False
    for line, cells in rows:
        first = header_key(cells[0]) if cells else ""
        if first == "date" or first.startswith("trend carry forward"):
            continue
        if first == "":  # the unit and month line (the empty line is never a row)
            month = _Month(cells)
            stones = stones or header_key(cell(cells, 2)) == "stones"
            continue
        where = f"Row {line}"
        found.count()
        try:
            if month is None or month.unit is None:
                raise RowProblem("no month line with its unit comes before this day.")
            day = month.day(cells[0])
            weight = _weighing(cells)
            if weight is None:
                comments += len(cells) > 2 and cells[2] not in ("", NO_WEIGHING)
                continue
            found.add_weight(where, day, None, weight, month.unit)
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    found.notes.append("Weights read in each month's own unit, as its month line names it.")
    if stones:
        found.notes.append("The Hacker's Diet keeps a stone log in pounds; read as lb.")
    if comments:
        found.notes.append(
            f"{plural(comments, 'day has', 'days have')} a comment in place of a weight; "
            "comments are not imported."
        )
    return found
