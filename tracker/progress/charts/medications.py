"""Medication markers, added once to any time chart after it is built.

A medicine started or stopped inside the chart's dates gets a dashed vertical line with a
label on the figure and a sentence among the chart's notes, so that a change in a curve
can be read next to the change in treatment. The chart builders know nothing of this.

The line is drawn below the data and its label above the plot, in the top margin (one row
per marker, up to MARKER_ROWS), so neither covers a data point nor a band's label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tracker.progress.charts.base import (
    MEDICATION,
    MEDICATION_LABEL_CHARS,
    Chart,
    MedicationSpan,
    Window,
    _iso,
    _safe,
    day_text,
    fit_right_margin,
)


def with_medications(chart: Chart, medications: Iterable[MedicationSpan]) -> Chart:
    """The chart with a marker and a note for each start or stop within its dates."""
    if chart.window is None:
        return chart
    medications = list(medications)
    shapes, annotations = medication_marks(medications, chart.window)
    if not shapes:
        return chart
    layout = dict(chart.spec["layout"])
    layout["shapes"] = [*layout.get("shapes", ()), *shapes]
    layout["annotations"] = [*layout.get("annotations", ()), *annotations]
    rows = min(len(annotations), MARKER_ROWS)
    margin = layout["margin"]
    layout["margin"] = {**margin, "t": max(margin["t"], 8 + ROW_PX * rows)}
    return replace(
        chart,
        spec={**chart.spec, "layout": fit_right_margin(layout)},
        notes=(*chart.notes, *medication_notes(medications, chart.window)),
    )


MARKER_ROWS = 3
ROW_PX = 15


def medication_marks(medications: Iterable[MedicationSpan], window: Window) -> tuple[list, list]:
    """Vertical dashed lines with a label where a medicine started or stopped in the window."""
    shapes, notes = [], []
    middle = window.start + (window.end - window.start) / 2
    for med in medications:
        name = med.name if len(med.name) <= MEDICATION_LABEL_CHARS else med.name[:27] + "…"
        for day, verb in ((med.start, "started"), (med.stop, "stopped")):
            if day is None or not window.holds(day):
                continue
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "x0": _iso(day),
                    "x1": _iso(day),
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": MEDICATION, "width": 1, "dash": "dash"},
                    "layer": "below",
                }
            )
            row = len(notes) % MARKER_ROWS
            notes.append(
                {
                    "xref": "x",
                    "x": _iso(day),
                    # The text runs away from the nearer edge, so it stays over the plot.
                    "xanchor": "left" if day <= middle else "right",
                    "yref": "paper",
                    "y": 1,
                    "yanchor": "bottom",
                    "yshift": row * ROW_PX,
                    "text": _safe(f"{name} {verb}"),
                    "showarrow": False,
                    "font": {"size": 10, "color": MEDICATION},
                }
            )
    return shapes, notes


def medication_notes(medications: Iterable[MedicationSpan], window: Window) -> tuple[str, ...]:
    """The same markers in words, for the text beside the chart."""
    notes = []
    for med in medications:
        what = f"{med.name} {med.dose}".strip()
        if window.holds(med.start):
            notes.append(f"{what} started on {day_text(med.start)}.")
        if med.stop and window.holds(med.stop):
            notes.append(f"{med.name} stopped on {day_text(med.stop)}.")
    return tuple(notes)
