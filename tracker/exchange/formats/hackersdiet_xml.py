"""The Hacker's Diet Online "Export log database" as XML (hackdiet_db.xml).

As its exporter writes it (HDiet's generateXMLprologue and the monthly log's XML): a
`hackersdiet` root (with a DOCTYPE naming an external DTD, never fetched), the account
with `preferences/log-unit`, then `monthlogs/monthlog`, each with `properties` holding
`year`, `month` and that month's own `weight-unit` (kilogram, pound or stone, where a
stone log holds pounds, as in the CSV export), and `days/day` with `date` (the day of
the month), `weight` (empty on days without a weighing), `rung`, `flag` and `comment`.
The unit is read per month, so months kept in another unit are read right.
"""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import ParseError, XMLPullParser

from ..reading import ImportProblem, RowProblem, parse_number
from .records import Collected

SOURCE, TITLE = "hackersdiet_xml", "The Hacker's Diet Online XML export"
UNITS = {"kilogram": "kg", "pound": "lb", "stone": "lb"}


def sniff(head: str) -> bool:
    return "<hackersdiet" in head[:4096]


def _month(found: Collected, monthlog, fallback: str | None) -> None:
    properties = monthlog.find("properties")
    year = properties.findtext("year", "") if properties is not None else ""
    month = properties.findtext("month", "") if properties is not None else ""
    unit_name = (properties.findtext("weight-unit", "") if properties is not None else "") or ""
    unit = UNITS.get(unit_name.strip()) or fallback
    for day in monthlog.iter("day"):
        text = (day.findtext("weight") or "").strip()
        if not text:
            continue
        found.count()
        where = f"{year}-{month.zfill(2)}-{(day.findtext('date') or '?').zfill(2)}"
        try:
            when = dt.date(int(year), int(month), int(day.findtext("date") or ""))
        except ValueError:
            found.errors.append(f"Day {where}: this is not a date.")
            continue
        if unit is None:
            found.errors.append(f"Day {where}: the month does not name its weight unit.")
            continue
        try:
            found.add_weight(f"Day {where}", when, None, parse_number(text, "weight"), unit)
        except RowProblem as problem:
            found.errors.append(f"Day {where}: {problem}")


def read(text: str, options) -> Collected:
    if "<!ENTITY" in text[:65536]:
        raise ImportProblem("This XML file declares entities; it is no Hacker's Diet export.")
    found = Collected(SOURCE, TITLE, columns=["date", "weight"])
    parser = XMLPullParser(events=("end",))
    fallback = None
    try:
        parser.feed(text)
        for _, element in parser.read_events():
            if element.tag == "log-unit":
                fallback = UNITS.get((element.text or "").strip())
            elif element.tag == "monthlog":
                _month(found, element, fallback)
                element.clear()
        parser.close()
    except ParseError as error:
        raise ImportProblem(f"This Hacker's Diet XML file could not be read ({error}).") from None
    found.notes.append("Weights read in each month's own unit, as the file names it.")
    return found
