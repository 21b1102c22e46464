"""Weight history from CSV files: our own export and other trackers' exports.

The formats, as each app documents or writes them:
- LiverLog: "date,weight (kg)" (or lb / st), ISO dates; the unit is in the header.
- openScale (Android): a header of quoted field names in alphabetical order, among them
  "dateTime" and "weight"; dates "yyyy-MM-dd HH:mm" (2.x; older versions wrote
  "dd.MM.yyyy HH:mm"), newest first, often several a day, weights in kg, the unit 2.x
  stores whatever it displays (openScale issue #920). Version 3 writes upper-case names
  with separate "DATE" and "TIME" columns and its weights in the person's chosen unit,
  which the file does not name: the unit chosen on the form is used and the preview asks.
- TrendWeight: the "computed" download has "Date,Actual Weight,Weight Is Interpolated,
  Trend Weight,..." (interpolated days are not weighings and are left out); the "raw"
  download has "Date,Time,Weight,Body Fat %". ISO dates. The file does not name its unit
  (it is the unit chosen in TrendWeight), so the person confirms it.
- The Hacker's Diet Online (hackdiet_db.csv): "Epoch", "User", "Preferences" and
  "Diet-Plan" lines, then per month "Date,Weight,Rung,Flag,Comment" and a "StartTrend"
  line, then one line per day; days without a weighing have an empty weight. Each month
  keeps its own unit: the third cell of its StartTrend line (0 kilogram, 1 pound,
  2 stone, whose log holds pounds); the Preferences line names the unit of the log as a
  whole, used for a month without one. Written in ISO-8859-1, which reading.decode handles.
- TrendWeight from a decimal-comma locale writes `75,5` unquoted: a row then has more
  cells than the header, and each one-digit cell after a number is put back as its
  decimals (TrendWeight writes one decimal).
- Any other CSV: the person names the date and weight columns, the unit and the date
  format; a guess takes only a body-weight column (never fat, muscle, bone, water, BMI or
  percentage columns) and asks when more than one could be it.

The date format chosen on the form always wins over a guess. Per row: a weight 20–350 kg
(checked in the file's unit) and no future date. One weight per day: the earliest
weighing of a day by its time, whatever the file's order (a file without times is read
in time order, oldest first, whichever way it is sorted). Over the whole series,
weight_checks asks about the unit when the file does not say it and stops the import
with a question when the series is not believable in the unit assumed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tracker.science import rules, units

from . import dates
from .parsed import Options, Parsed
from .reading import (
    DATE_FORMATS,
    DATE_ORDERS,
    ImportProblem,
    RowProblem,
    date_problem,
    header_key,
    parse_date,
    parse_number,
    plural,
)
from .weight_checks import Known, Series, ask_or_stop

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
HD_MONTH_UNITS = {"0": "kg", "1": "lb", "2": "lb"}  # StartTrend's unit code; stone logs hold lb
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
    unit_stated: bool = True  # False when the unit comes from the form, not the file


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
    _in_time_order(readings)
    return readings, errors


def _in_time_order(readings: list[Reading]) -> None:
    """Order each day's weighings by their time, and those without one as they were
    taken: a newest-first file (its first date after its last) is read bottom up."""
    newest_first = len(readings) > 1 and readings[0].day > readings[-1].day
    for reading in readings:
        time = reading.order[1] if len(reading.order) > 2 else None
        when = time if isinstance(time, dt.time) else dt.time.max
        reading.order = (reading.day, when, -reading.row if newest_first else reading.row)


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
    date_format, notes = _date_format(rows, 0, options)
    readings, errors = _read_rows(rows, 0, 1, _day_reader(date_format), unit)
    notes.append(f"Weights read in {unit}, as the header says.")
    chosen = Options(**{**options.__dict__, "date_format": date_format})
    return Found(readings, errors, notes, header, chosen)


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
        notes = ["Weights read in kg, the unit openScale 2 stores."]
        return Found(readings, errors, notes, header, options)
    # Version 3: DATE and TIME apart, weights in the unit the person chose in the app.
    date_col, time_col, value_col = _require(columns, ["date", "time", "weight"], "openscale")
    unit = _form_unit(options)
    readings, errors = _read_rows(rows, date_col, value_col, _openscale_day, unit)
    _order_by_time(rows, readings, time_col)
    notes = [f"openScale 3 writes weights in the unit chosen in the app; read in {unit}."]
    return Found(readings, errors, notes, header, options, unit_stated=False)


def read_trendweight(rows: Rows, options: Options) -> Found:
    header = rows[0][1]
    columns = _columns(header)
    unit = _form_unit(options)
    notes = [f"TrendWeight files do not name their unit; these weights are read in {unit}."]
    rows, split = _rejoin_decimal_commas(rows, len(header))
    if split:
        notes.append(
            f"{plural(split, 'row was', 'rows were')} written with unquoted decimal commas "
            "(75,5); each number was put back together."
        )
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
    errors += [f"Row {line}: {problem}" for line, problem in _unsplit(rows, len(header))]
    return Found(readings, errors, notes, header, options, unit_stated=False)


def _is_digits(text: str, most: int | None = None) -> bool:
    return text.isdigit() and (most is None or len(text) <= most)


def _rejoin_decimal_commas(rows: Rows, width: int) -> tuple[Rows, int]:
    """Rows with more cells than the header, where "75,5" was split in two: a one-digit
    cell right after a whole number is that number's decimals. Returns the mended rows
    and how many needed it; a row that still does not fit is left for _unsplit."""
    mended, count = [rows[0]], 0
    for line, cells in rows[1:]:
        extra = len(cells) - width
        if extra <= 0:
            mended.append((line, cells))
            continue
        joined, index = [], 0
        while index < len(cells):
            cell = cells[index]
            following = cells[index + 1] if index + 1 < len(cells) else ""
            if extra and _is_digits(cell) and _is_digits(following, 1):
                joined.append(f"{cell}.{following}")
                index, extra = index + 2, extra - 1
            else:
                joined.append(cell)
                index += 1
        count += len(joined) == width
        mended.append((line, joined))
    return mended, count


def _unsplit(rows: Rows, width: int) -> list[tuple[int, str]]:
    return [
        (
            line,
            "its numbers cannot be told apart (more cells than columns); quote them or "
            "export with a decimal point.",
        )
        for line, cells in rows[1:]
        if len(cells) > width
    ]


def _order_by_time(rows: Rows, readings: list[Reading], time_col: int) -> None:
    """Order the weighings of a day by the time in their own column (HH:MM sorts)."""
    times = {line: _cell(cells, time_col).zfill(5) for line, cells in rows[1:]}
    for reading in readings:
        reading.order = (reading.day, times.get(reading.row, ""), reading.order[2])


def read_hackersdiet(rows: Rows, options: Options) -> Found:
    log_unit, notes = None, []
    for _, cells in rows[:10]:
        if header_key(cells[0]) == "preferences" and len(cells) > 2:
            log_unit = HD_UNITS.get(header_key(cells[2]))
            if header_key(cells[2]) == "stone":
                notes.append("The Hacker's Diet keeps a stone log in pounds; read as lb.")
    if not any([header_key(c) for c in cells[:5]] == HD_COLUMNS for _, cells in rows):
        raise ImportProblem(
            "This file has no “Date,Weight,Rung,Flag,Comment” lines of a Hacker's Diet "
            "export. Choose another source below."
        )
    unit_stated = log_unit is not None
    unit = log_unit or _form_unit(options)
    readings, errors, used = [], [], {}
    for line, cells in rows:
        if cells and header_key(cells[0]) == "starttrend":
            unit = HD_MONTH_UNITS.get(_cell(cells, 2), log_unit or unit)
            unit_stated = unit_stated or _cell(cells, 2) in HD_MONTH_UNITS
            continue
        if not (cells and ISO_DAY.fullmatch(cells[0]) and _cell(cells, 1)):
            continue
        try:
            value = parse_number(cells[1], "weight")
            day = parse_date(cells[0])
        except RowProblem as problem:
            errors.append(f"Row {line}: {problem}")
            continue
        readings.append(Reading(line, day, (day, dt.time.max, line), value, unit))
        used.setdefault(unit, []).append(day)
    if len(used) > 1:
        months = "; ".join(
            f"{unit} from {min(days):%b %Y} to {max(days):%b %Y}" for unit, days in used.items()
        )
        notes.append(f"Each month is read in its own unit, as the file records it: {months}.")
    elif used:
        where = "the file's month lines" if unit_stated else "the unit chosen on the form"
        notes.append(f"Weights read in {next(iter(used))}, from {where}.")
    return Found(readings, errors, notes, HD_COLUMNS, options, unit_stated=unit_stated)


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


BODY_WEIGHT_WORDS = ("weight", "gewicht", "poids", "peso", "body mass", "körpermasse")
NOT_BODY_WEIGHT = (
    "fat", "fett", "graisse", "muscle", "muskel", "bone", "knochen", "water", "wasser",
    "hydration", "bmi", "%", "percent", "prozent", "lean", "lbm", "visceral", "trend",
    "goal", "ziel", "target", "change", "diff",
)  # fmt: skip
DATE_WORDS = ("date", "datum", "day", "tag", "time")
TIME_WORDS = ("time", "uhrzeit", "zeit", "heure")


def _named(keys: list[str], name: str) -> int | None:
    return keys.index(header_key(name)) if name and header_key(name) in keys else None


def _first(keys: list[str], words: tuple[str, ...]) -> int | None:
    return next((i for i, key in enumerate(keys) if any(w in key for w in words)), None)


def weight_columns(keys: list[str]) -> list[int]:
    """Columns that may hold body weight: a weight name, and none of fat, muscle, bone,
    water, BMI, percentages or trends (Withings' "Fettmasse (kg)" is a mass, not the
    person's weight)."""
    return [
        index
        for index, key in enumerate(keys)
        if any(word in key for word in BODY_WEIGHT_WORDS)
        and not any(word in key for word in NOT_BODY_WEIGHT)
    ]


def _date_format(rows: Rows, date_col: int, options: Options) -> tuple[str, list[str]]:
    """The chosen date format, which always wins; else the one every date fits, with a
    note when another would fit too."""
    if options.date_format in DATE_FORMATS:
        return options.date_format, []
    sample = [_cell(cells, date_col) for _, cells in rows[1:51] if _cell(cells, date_col)]
    guessed, ambiguous = guess_date_format(sample)
    chosen = guessed or "YYYY-MM-DD"
    notes = []
    if ambiguous:
        notes.append(
            f"Dates read as {chosen}; other formats fit these dates too, so check the dates "
            "below and change the format if they are wrong."
        )
    return chosen, notes


def _day_reader(date_format: str) -> Callable[[str], tuple[dt.date, tuple]]:
    """Reads a date in the format, with the time that may follow it (for ordering)."""

    def day(text: str) -> tuple[dt.date, tuple]:
        try:
            when, time = dates.parse(text, DATE_ORDERS[date_format])
        except dates.NotADate:
            raise RowProblem(f"“{text}” is not a date in the {date_format} format.") from None
        return when, (time or dt.time.max,)

    return day


def read_generic(rows: Rows, options: Options) -> Found:
    header = rows[0][1]
    keys = [header_key(cell) for cell in header]
    chosen = Options(**{**options.__dict__, "source": "generic"})
    date_col = _named(keys, options.date_column)
    if date_col is None:
        date_col = _first(keys, DATE_WORDS)
    value_col = _named(keys, options.value_column)
    candidates = [i for i in weight_columns(keys) if i != date_col]
    problem = None
    if value_col is None and len(candidates) == 1:
        value_col = candidates[0]
    elif value_col is None and candidates:
        names = ", ".join(f"“{header[i]}”" for i in candidates)
        problem = f"More than one column could be the body weight ({names}): choose one below."
    if date_col is None or value_col is None or date_col == value_col:
        problem = problem or (
            "Choose which column holds the date and which the body weight, then read it again."
        )
        return Found([], [problem], [], header, chosen, unit_stated=False)
    chosen.date_column, chosen.value_column = header[date_col], header[value_col]
    chosen.date_format, notes = _date_format(rows, date_col, options)
    unit = _form_unit(chosen)
    notes.append(f"Weights read in {unit} from “{chosen.value_column}”.")
    readings, errors = _read_rows(rows, date_col, value_col, _day_reader(chosen.date_format), unit)
    time_col = _first([k if i != date_col else "" for i, k in enumerate(keys)], TIME_WORDS)
    if time_col is not None:
        _order_by_time(rows, readings, time_col)
    return Found(readings, errors, notes, header, chosen, unit_stated=False)


def _form_unit(options: Options) -> str:
    return options.unit if options.unit in WEIGHT_UNITS else "kg"


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
    low, high = rules.WEIGHT_KG.low, rules.WEIGHT_KG.high
    if not low <= kg <= high:
        lo, hi = units.limits_in("weight", low, high, reading.unit, 1)
        raise RowProblem(
            f"weight {units.plain(value)} {reading.unit} is outside "
            f"{units.plain(lo)}–{units.plain(hi)} {reading.unit}."
        )
    problem = date_problem(reading.day, today)
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


def parse(rows: Rows, options: Options, today: dt.date, known: Known | None = None) -> Parsed:
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
            f"{plural(later, 'later weighing', 'later weighings')} of a day left out: the "
            "earliest weighing of a day counts, by its time, whatever the file's order."
        )
    _check_unit(parsed, found, items, known or Known())
    if any(reading.unit == "st" for reading in found.readings):
        parsed.notes.append("Stones are kept as pounds (1 st = 14 lb), the unit the app offers.")
    parsed.errors.sort(key=_row_number)
    items.sort(key=lambda item: item["fields"]["date"])
    parsed.sections["weights"] = items
    return parsed


def _check_unit(parsed: Parsed, found: Found, items: list[dict], known: Known) -> None:
    kept, series = {item["row"] for item in items}, Series()
    for reading in found.readings:
        if reading.row in kept:
            series.add(reading.order, reading.value, reading.unit)
    ask_or_stop(parsed, series, found.unit_stated, known)


def _row_number(error: str) -> int:
    match = re.match(r"Row (\d+)", error)
    return int(match.group(1)) if match else 0
