"""Reading an uploaded file safely: size and row limits, text decoding, CSV rows, and the
small parsers (dates, numbers) every importer shares. Pure Python."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from tracker.display import day_text
from tracker.science import rules

from . import dates

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000

# The date formats a person can pick for a CSV, by the name shown to them.
DATE_FORMATS = {
    "YYYY-MM-DD": "%Y-%m-%d",
    "DD/MM/YYYY": "%d/%m/%Y",
    "MM/DD/YYYY": "%m/%d/%Y",
    "DD.MM.YYYY": "%d.%m.%Y",
}
DATE_ORDERS = {
    "YYYY-MM-DD": dates.YMD,
    "DD/MM/YYYY": dates.DMY,
    "MM/DD/YYYY": dates.MDY,
    "DD.MM.YYYY": dates.DMY,
}


class ImportProblem(ValueError):
    """The file as a whole cannot be used; the message says why, in plain words."""


class RowProblem(ValueError):
    """One row is wrong; the importer adds the row number to the message."""


def plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportProblem(
            f"This file is {megabytes(size)}; files up to {MAX_BYTES // (1024 * 1024)} MB can "
            "be imported. Split it into smaller files, or export a shorter period."
        )


def too_many_rows(count: int) -> ImportProblem:
    return ImportProblem(
        f"This file has more than {MAX_ROWS:,} rows; up to {MAX_ROWS:,} can be imported at "
        "once. Split it into smaller files."
    )


def decode(data: bytes) -> str:
    """UTF-16 when a byte-order mark says so (Excel's "Unicode text"), then UTF-8 (with or
    without a mark); anything else is Windows-1252, the superset of Latin-1 that Windows
    apps write (The Hacker's Diet writes ISO-8859-1), with Latin-1 for its five gaps."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ImportProblem("This file says it is UTF-16 but does not read so.") from None
    if not data or data.isspace():  # (strip() would copy a big file once more)
        raise ImportProblem("This file is empty.")
    if b"\x00" in data[:4096]:
        raise ImportProblem("This looks like a binary file, not a CSV, JSON or XML text file.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_upload(fileobj, size: int) -> str:
    """Check the size before reading, then read and decode."""
    check_size(size)
    data = fileobj.read(MAX_BYTES + 1)
    check_size(len(data))
    return decode(data)


def delimiter_of(text: str) -> str:
    """The separator most used on the first line that has any: `,`, `;` or tab."""
    for line in text[:65536].splitlines()[:20]:
        counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
    return ","


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time: io.StringIO would hold a copy
    at four bytes a character, and splitlines() a list of all of them."""
    if "\n" not in text:  # old Mac files end lines with a carriage return alone
        yield from text.splitlines(keepends=True)
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end + 1
        yield text[start:end]
        start = end


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every non-blank row; refuses files with too many rows."""
    reader = csv.reader(_lines(text), delimiter=delimiter_of(text))
    count = 0
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            count += 1
            if count > MAX_ROWS + 1:  # one header row is allowed on top
                raise too_many_rows(count)
            yield reader.line_num, [cell.strip() for cell in row]
    except csv.Error as error:
        raise ImportProblem(
            f"This CSV file could not be read near line {reader.line_num}: {error}."
        ) from None


def header_key(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_date(text: str, date_format: str = "YYYY-MM-DD") -> dt.date:
    """A date in the chosen format's order (two-digit years and any of - / . too); a time
    after it is allowed and ignored here."""
    try:
        return dates.parse(text, DATE_ORDERS[date_format])[0]
    except dates.NotADate:
        raise RowProblem(f"“{text}” is not a date in the {date_format} format.") from None


def parse_number(text: str, what: str = "value") -> Decimal:
    """A decimal number; a decimal comma ("94,2") is accepted too."""
    cleaned = text.strip().replace("\u202f", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise RowProblem(f"the {what} “{text}” is not a number.") from None
    if not number.is_finite():
        raise RowProblem(f"the {what} “{text}” is not a number.")
    return number


def date_problem(day: dt.date, today: dt.date) -> RowProblem | None:
    """The date rules (tracker.science.rules): from 1900, and not in the future."""
    if day > today:
        return RowProblem(f"{day_text(day)} is in the future (today is {day_text(today)}).")
    problem = rules.date_problem(day, "the date")
    return RowProblem(problem) if problem else None
