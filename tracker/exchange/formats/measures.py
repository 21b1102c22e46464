"""Blood pressure and waist from any CSV (a spreadsheet, a blood-pressure monitor's app):
a date column and either systolic and diastolic columns (pulse optional) or a waist
column, found by their usual names in English, German, Spanish and French. The date's
order is asked when the file's dates read both ways; a waist column must name its unit
("Waist (cm)", "Taille (in)"), since a file that does not say is never guessed at."""

from __future__ import annotations

from ..dates import YMD
from ..reading import RowProblem
from .records import Collected, Waist
from .table import Rows, Table, cell, number, order_for, pressure, when

SOURCE, TITLE = "measures", "blood pressure or waist CSV"
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


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, "Blood pressure and waist CSV", columns=table.header)
    date_col = table.index(*DATE)
    systolic_col, diastolic_col = table.index(*SYSTOLIC), table.index(*DIASTOLIC)
    pulse_col, waist_col = table.index(*PULSE), _waist_column(table)
    time_col = table.index("time", "uhrzeit", "hora", "heure")
    time_col = None if time_col == date_col else time_col
    unit = table.unit_of(waist_col, "")
    if waist_col is not None and unit not in ("cm", "in"):
        found.errors.append(
            f"The column “{table.header[waist_col]}” does not say its unit: name it "
            "“Waist (cm)” or “Waist (in)” in the file and upload it again."
        )
        waist_col = None
    samples = [cell(c, date_col) for _, c in table.sample if cell(c, date_col)]
    order, question = order_for(samples, options.date_format, YMD)
    if question:
        found.errors.append(question)
    for line, cells in table.rows:
        where = f"Row {line}"
        found.count()
        try:
            day, time = when(f"{cell(cells, date_col)} {cell(cells, time_col)}".strip(), order)
            systolic, diastolic = cell(cells, systolic_col), cell(cells, diastolic_col)
            if systolic or diastolic:
                found.pressures.append(
                    pressure(where, day, time, systolic, diastolic, cell(cells, pulse_col))
                )
            if waist := cell(cells, waist_col):
                found.waists.append(Waist(where, day, number(waist, "waist"), unit))
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    return found
