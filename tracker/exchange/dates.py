"""Dates and times as other apps write them. Pure Python.

A date is read in one order (year-month-day, day-month-year or month-day-year) with any
of the separators - / . and a two- or four-digit year; a time may follow (after a space,
a comma or a T) with optional seconds, AM/PM and a UTC offset, which is ignored because
the day a person wrote down is the day they meant. When a file's dates fit more than one
order (03/04/2024), the importer asks rather than guesses: see `ambiguity`.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.display import long_day_text

YMD, DMY, MDY = "YMD", "DMY", "MDY"
ORDER_NAMES = {YMD: "year-month-day", DMY: "day/month/year", MDY: "month/day/year"}

_DATE = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")
_TIME = re.compile(
    r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\sT,]*")


class NotADate(ValueError):
    pass


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 24 → 2024, 98 → 1998: a two-digit year never lies ahead
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    elif len(text) != 4:
        raise NotADate(text)
    return year


def _date(match: re.Match, order: str) -> dt.date:
    first, second, third = match.groups()
    if order == YMD:
        if len(first) not in (2, 4) or len(third) > 2:
            raise NotADate(match.group(0))
        year, month, day = _year(first), int(second), int(third)
    else:
        if len(third) not in (2, 4) or len(first) > 2:
            raise NotADate(match.group(0))
        year = _year(third)
        day, month = (int(first), int(second)) if order == DMY else (int(second), int(first))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADate(match.group(0)) from None


def _time(text: str) -> dt.time | None:
    rest = _SEPARATOR.sub("", text, count=1)
    if not rest:
        return None
    match = _TIME.fullmatch(rest.strip())
    if match is None:
        raise NotADate(text)
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise NotADate(text)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise NotADate(text) from None


def parse(text: str, order: str = YMD) -> tuple[dt.date, dt.time | None]:
    """The date and, when given, the time in `text`; NotADate if it does not read."""
    cleaned = text.strip().strip('"')
    match = _DATE.match(cleaned)
    if match is None:
        raise NotADate(text)
    return _date(match, order), _time(cleaned[match.end() :])


def fitting_orders(samples: list[str]) -> list[str]:
    """The orders that read every sample, most common order first."""
    fitting = []
    for order in (YMD, DMY, MDY):
        try:
            for sample in samples:
                parse(sample, order)
        except NotADate:
            continue
        fitting.append(order)
    return fitting


def ambiguity(samples: list[str]) -> str | None:
    """A question to ask when the samples read in more than one order, showing one of
    them both ways; None when the order is clear."""
    fitting = fitting_orders(samples)
    if len(fitting) < 2:
        return None
    for sample in samples:
        readings = {order: parse(sample, order)[0] for order in fitting}
        if len(set(readings.values())) > 1:
            both = " or ".join(
                f"{long_day_text(day)} ({ORDER_NAMES[order]})" for order, day in readings.items()
            )
            return f"“{sample}” could be {both}: choose the date format below."
    return None
