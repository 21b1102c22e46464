"""Lab results from a CSV: columns date, test, value, unit, and optionally low, high
(the lab's range, in the row's unit) and lab. The test may be named by our key ("alt"),
its name or short name ("Fasting glucose", "ALT") or a LOINC code ("1742-6"). Rows of
one date and lab become one lab report. This is also the format of the lab CSV export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tracker.display import day_text
from tracker.science import labs

from .labvalues import lab_value, match_test, match_unit, result_fields
from .parsed import Options, Parsed
from .reading import (
    ImportProblem,
    RowProblem,
    future_problem,
    header_key,
    parse_date,
    parse_number,
)
from .weight_import import guess_date_format

REQUIRED = ("date", "test", "value", "unit")
OPTIONAL = {"low": "low", "high": "high", "lab": "lab", "lab name": "lab"}

Rows = list[tuple[int, list[str]]]


def looks_like_labs(rows: Rows) -> bool:
    return bool(rows) and set(REQUIRED) <= {header_key(cell) for cell in rows[0][1]}


def _columns(header: list[str]) -> dict[str, int]:
    keys = [header_key(cell) for cell in header]
    missing = [name for name in REQUIRED if name not in keys]
    if missing:
        raise ImportProblem(
            "A lab results file needs the columns date, test, value and unit (and may have "
            f"low, high and lab); this one lacks {', '.join(missing)}."
        )
    columns = {name: keys.index(name) for name in REQUIRED}
    for key, name in OPTIONAL.items():
        if key in keys and name not in columns:
            columns[name] = keys.index(key)
    return columns


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def _optional_number(text: str, what: str) -> Decimal | None:
    return parse_number(text, what) if text else None


def _row(cells, columns, date_format, today) -> tuple[dt.date, str, dict]:
    day = parse_date(_cell(cells, columns, "date"), date_format)
    problem = future_problem(day, today)
    if problem:
        raise problem
    test = match_test(_cell(cells, columns, "test"))
    text = _cell(cells, columns, "value")
    if not text:
        raise RowProblem(f"{test.short} has no value.")
    unit = match_unit(test, _cell(cells, columns, "unit"))
    low = _optional_number(_cell(cells, columns, "low"), "range low")
    high = _optional_number(_cell(cells, columns, "high"), "range high")
    fields = result_fields(test, lab_value(test, text), unit, low, high)
    return day, _cell(cells, columns, "lab")[:100], fields


def parse(rows: Rows, options: Options, today: dt.date) -> Parsed:
    header = rows[0][1]
    columns = _columns(header)
    chosen = Options(**{**options.__dict__, "source": "labs"})
    parsed = Parsed(kind="labs", source="labs", columns=header, options=chosen)
    if not chosen.date_format:
        sample = [_cell(c, columns, "date") for _, c in rows[1:51] if _cell(c, columns, "date")]
        chosen.date_format = guess_date_format(sample)[0] or "YYYY-MM-DD"
    reports: dict[tuple[str, str], dict] = {}
    first_row: dict[tuple[str, str, str], int] = {}
    for line, cells in rows[1:]:
        parsed.rows_found += 1
        try:
            day, lab, fields = _row(cells, columns, chosen.date_format, today)
        except RowProblem as problem:
            parsed.errors.append(f"Row {line}: {problem}")
            continue
        key = (day.isoformat(), lab)
        seen = first_row.setdefault((*key, fields["test_key"]), line)
        if seen != line:
            short = labs.get(fields["test_key"]).short
            parsed.errors.append(
                f"Row {line}: a second {short} result for {day_text(day)}"
                f"{' at ' + lab if lab else ''} (the first is on row {seen})."
            )
            continue
        report = reports.setdefault(
            key,
            {
                "row": line,
                "fields": {"date": key[0], "lab_name": lab, "fasting": None, "note": ""},
                "results": [],
            },
        )
        report["results"].append(fields)
    parsed.sections["labs"] = list(reports.values())
    parsed.notes.append(
        f"Dates read as {chosen.date_format}; rows of one date and lab become one report."
    )
    return parsed
