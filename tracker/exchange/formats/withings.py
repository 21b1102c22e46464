"""Withings Health Mate "Download my data": weight.csv and bp.csv, in English or German.

weight.csv: `Date,"Weight (kg)","Fat mass (kg)","Bone mass (kg)","Muscle mass (kg)",
"Hydration (kg)",Comments` (German: `Datum,"Gewicht (kg)","Fettmasse (kg)",…,
Kommentare`), newest first, dates "2024-01-02 07:30:12"; the unit is in the weight
column's header. bp.csv: `Date,"Heart rate","Systolic","Diastolic",Comments` (German:
`Datum,Herzfrequenz,Systolisch,Diastolisch,Kommentare`), in mmHg and beats a minute, as
the README.txt of the export says. Only the weight column is read from weight.csv:
fat, bone, muscle and water masses are not body weight.
"""

from __future__ import annotations

from ..dates import YMD
from ..reading import RowProblem
from .records import Collected
from .table import Rows, Table, cell, number, pressure, when

SOURCE, TITLE = "withings", "Withings export"
DATE = ("date", "datum")
WEIGHT = ("weight (", "gewicht (", "poids (")
SYSTOLIC = ("systolic", "systolisch", "systolique")
DIASTOLIC = ("diastolic", "diastolisch", "diastolique")
PULSE = ("heart rate", "herzfrequenz", "fréquence cardiaque")


def sniff(rows: Rows) -> bool:
    table = Table(rows[:1])
    if table.index(*DATE) != 0:
        return False
    is_weight = table.starting(*WEIGHT) is not None and table.starting("fat mass", "fettmasse")
    return bool(is_weight) or (table.index(*SYSTOLIC) is not None and table.index(*DIASTOLIC))


def read(rows: Rows, options) -> Collected:
    table = Table(rows)
    found = Collected(SOURCE, TITLE, columns=table.header)
    date_col = table.index(*DATE)
    weight_col = table.starting(*WEIGHT)
    systolic_col, diastolic_col = table.index(*SYSTOLIC), table.index(*DIASTOLIC)
    pulse_col = table.index(*PULSE)
    unit = table.unit_of(weight_col, "kg")
    for line, cells in table.rows:
        where = f"Row {line}"
        found.count()
        try:
            day, time = when(cell(cells, date_col), YMD)
            if weight_col is not None:
                if text := cell(cells, weight_col):
                    found.add_weight(where, day, time, number(text, "weight"), unit)
                continue
            systolic, diastolic = cell(cells, systolic_col), cell(cells, diastolic_col)
            if not systolic or not diastolic:
                raise RowProblem("a blood pressure needs both numbers.")
            found.pressures.append(
                pressure(where, day, time, systolic, diastolic, cell(cells, pulse_col))
            )
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
    if weight_col is not None:
        found.notes.append(f"Weights read in {unit} from “{table.header[weight_col]}”.")
    return found
