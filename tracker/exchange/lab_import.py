"""Lab results from a CSV: LiverLog's own lab export (date, test, value, unit, and
optionally low, high, lab) and the tables patient portals let people download.

Columns are found by their names in English, German, Spanish and French ("Collection
Date", "Test Name", "Result", "Units", "Reference Range", "Datum", "Ergebnis", "Einheit",
"Fecha", "Resultado", "Unidades", "Résultat", "Unité" …) or chosen on the form. Tests
are matched by our key, name, short name, LOINC code or the names labs print
(lab_names); units through their usual spellings (labvalues). A result given as a bound
("<5", ">300") is kept with its sign. Tests LiverLog does not keep (CRP, ferritin …) are
listed in the preview as left out and do not stop the rest. Rows of one date and lab
become one lab report."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from tracker.display import day_text
from tracker.science import labs
from tracker.science.bounds import split_bound

from .labvalues import UnknownTest, lab_value, match_test, match_unit, result_fields
from .parsed import Options, Parsed
from .reading import (
    ImportProblem,
    RowProblem,
    date_problem,
    header_key,
    parse_date,
    parse_number,
)
from .weight_import import guess_date_format

REQUIRED = ("date", "test", "value", "unit")
# Column names as portals write them, folded by header_key.
HEADERS = {
    "date": (
        "date",
        "collection date",
        "collected",
        "date collected",
        "specimen collected",
        "result date",
        "draw date",
        "datum",
        "entnahmedatum",
        "fecha",
        "fecha de toma",
        "date de prélèvement",
        "date du prélèvement",
    ),
    "test": (
        "test",
        "test name",
        "name",
        "analyte",
        "component",
        "parameter",
        "lab test",
        "untersuchung",
        "analyt",
        "prueba",
        "determinación",
        "examen",
        "analyse",
        "paramètre",
    ),
    "value": (
        "value",
        "result",
        "result value",
        "ergebnis",
        "wert",
        "resultado",
        "valor",
        "résultat",
        "valeur",
    ),
    "unit": ("unit", "units", "einheit", "unidad", "unidades", "unité", "unités"),
    "range": (
        "reference range",
        "ref range",
        "range",
        "normal range",
        "reference interval",
        "referenzbereich",
        "normbereich",
        "rango de referencia",
        "valores de referencia",
        "valeurs de référence",
        "intervalle de référence",
    ),
    "low": ("low", "range low", "ref low"),
    "high": ("high", "range high", "ref high"),
    "lab": (
        "lab",
        "lab name",
        "laboratory",
        "performing lab",
        "labor",
        "laboratorio",
        "laboratoire",
    ),
}
RANGE = re.compile(r"\s*(-?[\d.,]+)\s*(?:-|–|to|bis|a|à)\s*(-?[\d.,]+)\s*")
UPPER_ONLY = re.compile(r"\s*(?:<|≤|<=)\s*([\d.,]+)\s*")
LOWER_ONLY = re.compile(r"\s*(?:>|≥|>=)\s*([\d.,]+)\s*")

Rows = list[tuple[int, list[str]]]


def _find(keys: list[str], name: str) -> int | None:
    for candidate in HEADERS[name]:
        if candidate in keys:
            return keys.index(candidate)
    return None


def looks_like_labs(rows: Rows) -> bool:
    keys = [header_key(cell) for cell in rows[0][1]] if rows else []
    return all(_find(keys, name) is not None for name in ("date", "test", "value"))


def _columns(header: list[str], options: Options) -> dict[str, int]:
    keys = [header_key(cell) for cell in header]
    chosen = {
        "date": options.date_column,
        "test": options.test_column,
        "value": options.value_column,
        "unit": options.unit_column,
    }
    columns = {}
    for name in HEADERS:
        if chosen.get(name) and header_key(chosen[name]) in keys:
            columns[name] = keys.index(header_key(chosen[name]))
        elif (index := _find(keys, name)) is not None:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportProblem(
            "A lab results file needs the columns date, test, value and unit (and may have "
            f"low, high or a reference range, and lab); this one lacks {', '.join(missing)}. "
            "Choose them below."
        )
    return columns


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _optional_number(text: str, what: str) -> Decimal | None:
    return parse_number(text, what) if text else None


def reference_range(text: str) -> tuple[Decimal | None, Decimal | None]:
    """ "7-56" → (7, 56); "<200" → (None, 200); ">40" → (40, None); else no range."""
    if match := RANGE.fullmatch(text):
        return parse_number(match.group(1), "range low"), parse_number(match.group(2), "range high")
    if match := UPPER_ONLY.fullmatch(text):
        return None, parse_number(match.group(1), "range high")
    if match := LOWER_ONLY.fullmatch(text):
        return parse_number(match.group(1), "range low"), None
    return None, None


def _row(cells, columns, date_format, today) -> tuple[dt.date, str, dict]:
    test = match_test(_cell(cells, columns, "test"))
    day = parse_date(_cell(cells, columns, "date"), date_format)
    problem = date_problem(day, today)
    if problem:
        raise problem
    qualifier, text = split_bound(_cell(cells, columns, "value"))
    if not text:
        raise RowProblem(f"{test.short} has no value.")
    unit = match_unit(test, _cell(cells, columns, "unit"))
    low = _optional_number(_cell(cells, columns, "low"), "range low")
    high = _optional_number(_cell(cells, columns, "high"), "range high")
    if low is None and high is None and (printed := _cell(cells, columns, "range")):
        low, high = reference_range(printed)
    fields = result_fields(test, lab_value(test, text), unit, low, high, qualifier)
    return day, _cell(cells, columns, "lab")[:100], fields


def parse(rows: Rows, options: Options, today: dt.date) -> Parsed:
    header = rows[0][1]
    chosen = Options(**{**options.__dict__, "source": "labs"})
    parsed = Parsed(kind="labs", source="labs", columns=header, options=chosen)
    try:
        columns = _columns(header, chosen)
    except ImportProblem as problem:  # the preview offers the columns to choose from
        parsed.errors.append(str(problem))
        parsed.rows_found = len(rows) - 1
        return parsed
    if not chosen.date_format:
        sample = [_cell(c, columns, "date") for _, c in rows[1:51] if _cell(c, columns, "date")]
        chosen.date_format = guess_date_format(sample)[0] or "YYYY-MM-DD"
    reports: dict[tuple[str, str], dict] = {}
    first_row: dict[tuple[str, str, str], int] = {}
    skipped: dict[str, list[int]] = {}
    for line, cells in rows[1:]:
        parsed.rows_found += 1
        try:
            day, lab, fields = _row(cells, columns, chosen.date_format, today)
        except UnknownTest:
            skipped.setdefault(_cell(cells, columns, "test"), []).append(line)
            continue
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
    if skipped:
        listed = "; ".join(
            f"{name or '(no name)'} (row{'s' if len(lines) > 1 else ''} "
            f"{', '.join(map(str, lines[:5]))}{' …' if len(lines) > 5 else ''})"
            for name, lines in skipped.items()
        )
        parsed.notes.append(f"Left out, as LiverLog does not keep these tests: {listed}.")
    censored_count = sum(
        1 for report in reports.values() for r in report["results"] if r["qualifier"]
    )
    if censored_count:
        parsed.notes.append(
            f"{censored_count} result{'s' if censored_count > 1 else ''} given as a bound "
            "(like <5) kept with the sign; scores do not use them as numbers."
        )
    return parsed
