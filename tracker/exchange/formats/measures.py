"""Blood pressure and waist from any CSV (a spreadsheet, a blood-pressure monitor's app):
a date column and either systolic and diastolic columns (pulse optional) or a waist
column, found by their usual names in English, German, Spanish and French, or chosen by
the person on the form when the names are not known ones (a column chosen there always
wins over a name). The date's order is asked when the file's dates read both ways; the
waist's unit comes from its column's name ("Waist (cm)", "Taille (in)") or from the
form, since a file that does not say is never guessed at."""

from __future__ import annotations

from ..dates import YMD
from ..reading import RowProblem, header_key
from .records import Collected, Waist
from .table import Rows, Table, cell, number, order_for, pressure, when

SOURCE, TITLE = "measures", "Blood pressure or waist CSV (you choose the columns)"
CHOOSES_COLUMNS = True  # chosen on the form, the columns need not have known names
DATE = ("date", "datum", "fecha", "day", "date/time", "datetime", "time", "measured at")
SYSTOLIC = (
    "systolic",
    "sys",
    "systole",
    "upper",
    "systolisch",
    "sistólica",
    "sistolica",
    "systolique",
    "systolic (mmhg)",
    "sys (mmhg)",
    "sys(mmhg)",
)
DIASTOLIC = (
    "diastolic",
    "dia",
    "diastole",
    "lower",
    "diastolisch",
    "diastólica",
    "diastolica",
    "diastolique",
    "diastolic (mmhg)",
    "dia (mmhg)",
    "dia(mmhg)",
)
PULSE = ("pulse", "heart rate", "hr", "bpm", "puls", "pulso", "pouls", "pulse (bpm)")
WEIGHT = ("weight", "gewicht", "poids", "peso")
WAIST = ("waist", "taille", "bauchumfang", "cintura", "tour de taille", "waist circumference")


def _waist_column(table: Table) -> int | None:
    return table.starting(*WAIST)


def sniff(rows: Rows) -> bool:
    table = Table(rows[:1])
    if table.index(*DATE) is None or table.starting(*WEIGHT) is not None:
        return False  # a weight file (openScale has a waist column too) is read as one
    pressure = table.index(*SYSTOLIC) is not None and table.index(*DIASTOLIC) is not None
    return pressure or _waist_column(table) is not None


class _Columns:
    """Where each value is: the column chosen on the form, else one with a known name."""

    def __init__(self, table: Table, options):
        def column(chosen: str, found: int | None) -> int | None:
            key = header_key(chosen)
            return table.keys.index(key) if key and key in table.keys else found

        self.date = column(options.date_column, table.index(*DATE))
        self.systolic = column(options.systolic_column, table.index(*SYSTOLIC))
        self.diastolic = column(options.diastolic_column, table.index(*DIASTOLIC))
        self.pulse = column(options.pulse_column, table.index(*PULSE))
        self.waist = column(options.waist_column, _waist_column(table))
        time = table.index("time", "uhrzeit", "hora", "heure")
        self.time = None if time == self.date else time

    def names(self, table: Table) -> dict[str, str]:
        """The columns read, as the form names them, so that it shows them chosen."""
        found = {
            "date_column": self.date,
            "systolic_column": self.systolic,
            "diastolic_column": self.diastolic,
            "pulse_column": self.pulse,
            "waist_column": self.waist,
        }
        return {name: table.header[index] for name, index in found.items() if index is not None}

    def problem(self) -> str | None:
        pressure = self.systolic is not None and self.diastolic is not None
        if self.date is None or not (pressure or self.waist is not None):
            return (
                "Choose which column holds the date, and which the blood pressure (systolic "
                "and diastolic, and the pulse if there is one) or the waist, then read it again."
            )
        chosen = [self.date, self.systolic, self.diastolic, self.pulse, self.waist]
        taken = [index for index in chosen if index is not None]
        if len(taken) != len(set(taken)):
            return "Each column can hold only one thing: choose a different column for each."
        return None


def _waist_unit(table: Table, columns: _Columns, options) -> str | None:
    """The waist's unit: its column's name says it, else the form; never a guess."""
    if columns.waist is None:
        return None
    return table.unit_of(columns.waist, "") or options.length_unit or None


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, "Blood pressure and waist CSV", columns=table.header)
    columns = _Columns(table, options)
    if problem := columns.problem():
        found.errors.append(problem)
        for _ in table.rows:  # counted for the preview, read once the columns are chosen
            found.count()
        return found
    found.chosen = columns.names(table)
    unit = _waist_unit(table, columns, options)
    if columns.waist is not None and unit not in ("cm", "in"):
        found.errors.append(
            f"The column “{table.header[columns.waist]}” does not say its unit: choose the "
            "waist unit below, then read it again."
        )
        columns.waist = None
    samples = [cell(c, columns.date) for _, c in table.sample if cell(c, columns.date)]
    order, question = order_for(samples, options.date_format, YMD)
    if question:
        found.errors.append(question)
    for line, cells in table.rows:
        where = f"Row {line}"
        found.count()
        try:
            text = f"{cell(cells, columns.date)} {cell(cells, columns.time)}".strip()
            day, time = when(text, order)
            systolic, diastolic = cell(cells, columns.systolic), cell(cells, columns.diastolic)
            if systolic or diastolic:
                found.pressures.append(
                    pressure(where, day, time, systolic, diastolic, cell(cells, columns.pulse))
                )
            if waist := cell(cells, columns.waist):
                found.waists.append(Waist(where, day, number(waist, "waist"), unit or ""))
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    return found
