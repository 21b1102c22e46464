"""Weight history from CSV files: our own export and other trackers' exports.

The formats, as each app documents or writes them:
- LiverLog: "date,weight (kg)" (or lb / st), ISO dates; the unit is in the header.
- openScale (Android): a header of quoted field names in alphabetical order, among them
  "dateTime" and "weight"; dates "yyyy-MM-dd HH:mm" (2.x; older versions wrote
  "dd.MM.yyyy HH:mm"), newest first, often several a day. Version 3 writes upper-case
  names with separate "DATE" and "TIME" columns. Weights are always in kg, the unit
  openScale stores whatever it displays (openScale issue #920).
- TrendWeight: the "computed" download has "Date,Actual Weight,Weight Is Interpolated,
  Trend Weight,..." (interpolated days are not weighings and are left out); the "raw"
  download has "Date,Time,Weight,Body Fat %". ISO dates. The file does not name its unit
  (it is the unit chosen in TrendWeight), so the person confirms it.
- The Hacker's Diet Online (hackdiet_db.csv): "Epoch", "User", "Preferences" and
  "Diet-Plan" lines, then per month "Date,Weight,Rung,Flag,Comment" and a "StartTrend"
  line, then one line per day; days without a weighing have an empty weight. The
  Preferences line names the log unit (kilogram, pound or stone; a stone log holds
  pounds). Written in ISO-8859-1, which reading.decode handles.
- Any other CSV: the person names the date and weight columns, the unit and the date
  format.

Per row: a weight 20–350 kg (checked in the file's unit) and no future date. One weight
per day: the first weighing of a day counts (as in TrendWeight and The Hacker's Diet).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tracker.logs.forms import WEIGHT_KG
from tracker.science import units

from .parsed import Options, Parsed
from .reading import (
    DATE_FORMATS,
    DATE_ORDERS,
    ImportProblem,
    RowProblem,
    future_problem,
    header_key,
    parse_date,
    parse_number,
    plural,
)

SOURCE_NAMES = {
    "ours": "LiverLog weight CSV",
    "openscale": "openScale",
    "trendweight": "TrendWeight",
    "hackersdiet": "The Hacker's Diet Online",
    "generic": "a weight CSV from another app or a spreadsheet",
}
WEIGHT_UNITS = ("kg", "lb", "st")
OUR_HEADER = re.compile(r"weight \((kg|lb|st)\)")
HD_UNITS = {"kilogram": "kg", "pound": "lb", "stone": "lb"}
HD_COLUMNS = ["date", "weight", "rung", "flag", "comment"]
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TWO_PLACES = Decimal("0.01")

Rows = list[tuple[int, list[str]]]


@dataclass
class Reading:
    row: int
    day: dt.date
    order: tuple  # sorts the weighings of one day: the first one counts
    value: Decimal
    unit: str


@dataclass
class Found:
    readings: list[Reading]
    errors: list[str]
    notes: list[str]
    columns: list[str]
    options: Options


def _columns(header: list[str]) -> dict[str, int]:
    return {header_key(name): index for index, name in enumerate(header)}


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def detect(rows: Rows) -> str | None:
    """The weight source a file comes from, by its header; None if it is not known."""
    if not rows:
        return None
    first = [header_key(cell) for cell in rows[0][1]]
    if first and first[0] in {"epoch", "user", "preferences"}:
        return "hackersdiet"
    if any([header_key(c) for c in cells[:5]] == HD_COLUMNS for _, cells in rows[:50]):
        return "hackersdiet"
    if "weight" in first and ("datetime" in first or {"date", "time", "biceps"} <= set(first)):
        return "openscale"
    if first[:1] == ["date"] and ("actual weight" in first or first[1:3] == ["time", "weight"]):
        return "trendweight"
    if len(first) >= 2 and first[0] == "date" and OUR_HEADER.fullmatch(first[1]):
        return "ours"
    return None


def _read_rows(
    rows: Rows,
    date_col: int,
    value_col: int,
    parse_day: Callable[[str], tuple[dt.date, tuple]],
    unit: str,
    skip: Callable[[list[str]], bool] = lambda cells: False,
) -> tuple[list[Reading], list[str]]:
    """Readings from the data rows (after the header); blank weights are not weighings."""
    readings, errors = [], []
    for line, cells in rows[1:]:
        text = _cell(cells, value_col)
        if not text or skip(cells):
            continue
        try:
            day, order = parse_day(_cell(cells, date_col))
            value = parse_number(text, "weight")
        except RowProblem as problem:
            errors.append(f"Row {line}: {problem}")
            continue
        readings.append(Reading(line, day, (day, *order, line), value, unit))
    return readings, errors


def _require(columns: dict[str, int], names: list[str], source: str) -> list[int]:
    missing = [name for name in names if name not in columns]
    if missing:
        raise ImportProblem(
            f"This file does not have the columns of an export from {SOURCE_NAMES[source]} "
            f"(missing: {', '.join(missing)}). Choose another source below."
        )
    return [columns[name] for name in names]


def _iso_day(text: str) -> tuple[dt.date, tuple]:
    return parse_date(text, "YYYY-MM-DD"), ()


def read_ours(rows: Rows, options: Options) -> Found:
    header = rows[0][1]
    keys = [header_key(cell) for cell in header]
    match = OUR_HEADER.fullmatch(keys[1]) if len(keys) > 1 and keys[0] == "date" else None
    if match is None:
        raise ImportProblem(
            "This file does not start with the columns “date” and “weight (kg)” (or lb) of "
            "a LiverLog weight export. Choose another source below."
        )
    unit = match.group(1)
    readings, errors = _read_rows(rows, 0, 1, _iso_day, unit)
    return Found(
        readings, errors, [f"Weights read in {unit}, as the header says."], header, options
    )


def _openscale_day(text: str) -> tuple[dt.date, tuple]:
    for pattern in ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            when = dt.datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return when.date(), (when.time(),)
    raise RowProblem(f"“{text}” is not an openScale date and time (2024-01-31 07:12).")


def read_openscale(rows: Rows, options: Options) -> Found:
    header = rows[0][1]
    columns = _columns(header)
    if "datetime" in columns or "time" not in columns:
        date_col, value_col = _require(columns, ["datetime", "weight"], "openscale")
        readings, errors = _read_rows(rows, date_col, value_col, _openscale_day, "kg")
    else:  # version 3: DATE and TIME apart
        date_col, time_col, value_col = _require(columns, ["date", "time", "weight"], "openscale")
        readings, errors = _read_rows(rows, date_col, value_col, _openscale_day, "kg")
        _order_by_time(rows, readings, time_col)
    notes = ["Weights read in kg, the unit openScale stores."]
    return Found(readings, errors, notes, header, options)


def read_trendweight(rows: Rows, options: Options) -> Found:
    header = rows[0][1]
    columns = _columns(header)
    unit = options.unit if options.unit in WEIGHT_UNITS else "kg"
    notes = [
        f"TrendWeight files do not name their unit; these weights are read in {unit}. "
        "If that is wrong, change the unit below."
    ]
    if "actual weight" in columns:
        date_col, value_col, flag_col = _require(
            columns, ["date", "actual weight", "weight is interpolated"], "trendweight"
        )

        def interpolated(cells: list[str]) -> bool:
            return _cell(cells, flag_col).lower() in {"yes", "true"}

        skipped = sum(1 for _, cells in rows[1:] if interpolated(cells))
        if skipped:
            notes.append(
                f"{plural(skipped, 'interpolated day', 'interpolated days')} (estimates "
                "between weighings) left out."
            )
        readings, errors = _read_rows(rows, date_col, value_col, _iso_day, unit, interpolated)
    else:
        date_col, time_col, value_col = _require(columns, ["date", "time", "weight"], "trendweight")

        readings, errors = _read_rows(rows, date_col, value_col, _iso_day, unit)
        _order_by_time(rows, readings, time_col)
    return Found(readings, errors, notes, header, options)


def _order_by_time(rows: Rows, readings: list[Reading], time_col: int) -> None:
    """Order the weighings of a day by the time in their own column (HH:MM sorts)."""
    times = {line: _cell(cells, time_col).zfill(5) for line, cells in rows[1:]}
    for reading in readings:
        reading.order = (reading.day, times.get(reading.row, ""), reading.row)


def read_hackersdiet(rows: Rows, options: Options) -> Found:
    unit, notes = None, []
    for _, cells in rows[:10]:
        if header_key(cells[0]) == "preferences" and len(cells) > 2:
            unit = HD_UNITS.get(header_key(cells[2]))
            if header_key(cells[2]) == "stone":
                notes.append("The Hacker's Diet keeps a stone log in pounds; read as lb.")
    if unit is None:
        unit = options.unit if options.unit in WEIGHT_UNITS else "kg"
        notes.append(f"The file has no Preferences line naming its unit; read in {unit}.")
    else:
        notes.append(f"Weights read in {unit}, from the file's Preferences line.")
    if not any([header_key(c) for c in cells[:5]] == HD_COLUMNS for _, cells in rows):
        raise ImportProblem(
            "This file has no “Date,Weight,Rung,Flag,Comment” lines of a Hacker's Diet "
            "export. Choose another source below."
        )
    days = [(line, cells) for line, cells in rows if cells and ISO_DAY.fullmatch(cells[0])]
    readings, errors = _read_rows([(0, HD_COLUMNS), *days], 0, 1, _iso_day, unit)
    return Found(readings, errors, notes, HD_COLUMNS, options)


def guess_date_format(values: list[str]) -> tuple[str | None, bool]:
    """The first format that reads every sample, and whether another one does too
    (03/04/2024 reads both as 3 April and as 4 March)."""
    fitting = []
    for name in DATE_FORMATS:
        try:
            for value in values:
                parse_date(value, name)
        except RowProblem:
            continue
        fitting.append(name)
    orders = {DATE_ORDERS[name] for name in fitting}  # DD/MM and DD.MM read alike
    if values:  # name the format by the separator the file uses
        fitting.sort(key=lambda name: name[2] not in values[0])
    return (fitting[0] if fitting else None), len(orders) > 1


def _column(keys: list[str], name: str, guesses: tuple[str, ...]) -> int | None:
    """The column the person named, else the first whose name holds a guess word."""
    if name and header_key(name) in keys:
        return keys.index(header_key(name))
    for index, key in enumerate(keys):
        if any(word in key for word in guesses):
            return index
    return None


def read_generic(rows: Rows, options: Options) -> Found:
    header = rows[0][1]
    keys = [header_key(cell) for cell in header]
    date_col = _column(keys, options.date_column, ("date", "day", "time"))
    value_col = _column(keys, options.value_column, ("weight", "mass"))
    chosen = Options(**{**options.__dict__, "source": "generic"})
    if date_col is None or value_col is None or date_col == value_col:
        return Found(
            [],
            ["Choose which column holds the date and which the weight, then read it again."],
            [],
            header,
            chosen,
        )
    chosen.date_column, chosen.value_column = header[date_col], header[value_col]
    notes = []
    if not options.date_format:
        sample = [_cell(cells, date_col) for _, cells in rows[1:51] if _cell(cells, date_col)]
        guessed, ambiguous = guess_date_format(sample)
        chosen.date_format = guessed or "YYYY-MM-DD"
        if ambiguous:
            notes.append(
                f"Dates read as {chosen.date_format}; other formats fit these dates too, so "
                "check the dates below and change the format if they are wrong."
            )
    unit = chosen.unit if chosen.unit in WEIGHT_UNITS else "kg"
    notes.append(f"Weights read in {unit} from “{chosen.value_column}”.")

    def day(text: str) -> tuple[dt.date, tuple]:
        return parse_date(text, chosen.date_format), ()

    readings, errors = _read_rows(rows, date_col, value_col, day, unit)
    return Found(readings, errors, notes, header, chosen)


READERS = {
    "ours": read_ours,
    "openscale": read_openscale,
    "trendweight": read_trendweight,
    "hackersdiet": read_hackersdiet,
    "generic": read_generic,
}


def _checked(reading: Reading, today: dt.date) -> dict:
    """WeightEntry fields for a reading, or a RowProblem. Stones are kept as pounds,
    because the weight form offers kg and lb."""
    if abs(reading.value) > 10_000:  # no weight comes near; quantize() raises for 1e400
        raise RowProblem(f"weight {reading.value:.3g} {reading.unit} is not a weight.")
    value = reading.value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    kg = units.to_canonical("weight", float(value), reading.unit)
    low, high = WEIGHT_KG
    if not low <= kg <= high:
        lo, hi = units.limits_in("weight", low, high, reading.unit, 1)
        raise RowProblem(
            f"weight {units.plain(value)} {reading.unit} is outside "
            f"{units.plain(lo)}–{units.plain(hi)} {reading.unit}."
        )
    problem = future_problem(reading.day, today)
    if problem:
        raise problem
    typed, unit = value, reading.unit
    if unit == "st":
        typed = (value * Decimal(units.STONE_IN_LB)).quantize(TWO_PLACES, ROUND_HALF_UP)
        unit = "lb"
    return {
        "date": reading.day.isoformat(),
        "weight_kg": kg,
        "value_typed": float(typed),
        "unit_typed": unit,
    }


def parse(rows: Rows, options: Options, today: dt.date) -> Parsed:
    source = options.source if options.source in READERS else detect(rows) or "generic"
    found = READERS[source](rows, Options(**{**options.__dict__, "source": source}))
    parsed = Parsed(
        kind="weights",
        source=source,
        columns=found.columns,
        options=found.options,
        errors=found.errors,
        notes=found.notes,
    )
    parsed.rows_found = len(found.readings) + sum(e.startswith("Row ") for e in found.errors)
    if not found.readings and not parsed.rows_found:  # columns not chosen yet: count rows
        parsed.rows_found = len(rows) - 1
    items, days, later = [], set(), 0
    for reading in sorted(found.readings, key=lambda r: r.order):
        try:
            fields = _checked(reading, today)
        except RowProblem as problem:
            parsed.errors.append(f"Row {reading.row}: {problem}")
            continue
        if reading.day in days:
            later += 1
            continue
        days.add(reading.day)
        items.append({"row": reading.row, "fields": fields})
    if later:
        parsed.notes.append(
            f"{plural(later, 'later weighing', 'later weighings')} of a day left out: the first "
            "weighing of a day counts, as in TrendWeight and The Hacker's Diet."
        )
    if any(reading.unit == "st" for reading in found.readings):
        parsed.notes.append("Stones are kept as pounds (1 st = 14 lb), the unit the app offers.")
    parsed.errors.sort(key=_row_number)
    items.sort(key=lambda item: item["fields"]["date"])
    parsed.sections["weights"] = items
    return parsed


def _row_number(error: str) -> int:
    match = re.match(r"Row (\d+)", error)
    return int(match.group(1)) if match else 0
