"""CSV cells that are safe to open in a spreadsheet. Pure Python.

A cell that starts with =, +, -, @, a tab or a carriage return may be run as a formula
by Excel, LibreOffice or Google Sheets (CSV injection). Following the OWASP guidance,
such a cell gets a leading apostrophe, which spreadsheets show as plain text. A plain
number such as -3.5 is left alone so that it stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from tracker.science import units

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def number(value: float | Decimal | None, decimals: int) -> str:
    """A number rounded half up, without trailing zeros; empty for None."""
    if value is None:
        return ""
    return units.plain(units.round_to(float(value), decimals))


def write_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """CSV text with a byte-order mark, so that Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + out.getvalue()
