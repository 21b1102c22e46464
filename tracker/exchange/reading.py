"""Reading an uploaded file safely: size and row limits, text decoding, CSV rows, and the
small parsers (dates, numbers) every importer shares. Pure Python."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000

# The date formats a person can pick for a CSV, by the name shown to them.
DATE_FORMATS = {
    "YYYY-MM-DD": "%Y-%m-%d",
    "DD/MM/YYYY": "%d/%m/%Y",
    "MM/DD/YYYY": "%m/%d/%Y",
    "DD.MM.YYYY": "%d.%m.%Y",
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
    """UTF-8 (with or without a byte-order mark) first; anything else is read as Latin-1,
    which never fails, so old exports (The Hacker's Diet writes ISO-8859-1) still open."""
    if not data.strip():
        raise ImportProblem("This file is empty.")
    if b"\x00" in data[:4096]:
        raise ImportProblem("This looks like a binary file, not a CSV or JSON text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text


def read_upload(fileobj, size: int) -> str:
    """Check the size before reading, then read and decode."""
    check_size(size)
    data = fileobj.read(MAX_BYTES + 1)
    check_size(len(data))
    return decode(data)


def delimiter_of(text: str) -> str:
    """The separator most used on the first line that has any: `,`, `;` or tab."""
    for line in text.splitlines()[:20]:
        counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
    return ","


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every non-blank row; refuses files with too many rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
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
    """A date in the chosen format; a time after it (space or T) is ignored."""
    cleaned = text.strip().replace("T", " ").split(" ")[0]
    try:
        return dt.datetime.strptime(cleaned, DATE_FORMATS[date_format]).date()
    except ValueError:
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


def future_problem(day: dt.date, today: dt.date) -> RowProblem | None:
    if day > today:
        return RowProblem(f"{day:%-d %b %Y} is in the future (today is {today:%-d %b %Y}).")
    return None
