"""Plotly figure builders for the progress dashboard, by area: data in, figure out.

Every builder returns a Chart that holds the figure, a one-paragraph summary and a table
with the same numbers, so that a screen reader or a person who prefers numbers gets
everything the picture shows. `base` holds what they share; `body`, `habits` and `labs`
hold one area's charts each; `medications` adds the treatment markers to any of them.
"""

from tracker.progress.charts.base import (
    Chart,
    Cutoff,
    DisplayUnits,
    MedicationSpan,
    Shade,
    Table,
    Window,
    day_text,
)
from tracker.progress.charts.body import (
    BloodPressureReading,
    WeightView,
    blood_pressure_chart,
    milestone_label,
    waist_chart,
    weight_chart,
)
from tracker.progress.charts.habits import (
    activity_chart,
    alcohol_chart,
    complete_weeks,
    diet_score_chart,
    fibre_chart,
    sleep_stress_chart,
    strength_chart,
)
from tracker.progress.charts.labs import (
    INDEX_SPECS,
    IndexSpec,
    index_chart,
    index_spec,
    lab_chart,
    lab_guides,
)
from tracker.progress.charts.medications import (
    medication_marks,
    medication_notes,
    with_medications,
)

__all__ = [
    "INDEX_SPECS",
    "BloodPressureReading",
    "Chart",
    "Cutoff",
    "DisplayUnits",
    "IndexSpec",
    "MedicationSpan",
    "Shade",
    "Table",
    "WeightView",
    "Window",
    "activity_chart",
    "complete_weeks",
    "alcohol_chart",
    "blood_pressure_chart",
    "day_text",
    "diet_score_chart",
    "fibre_chart",
    "index_chart",
    "index_spec",
    "lab_chart",
    "lab_guides",
    "medication_marks",
    "medication_notes",
    "milestone_label",
    "sleep_stress_chart",
    "strength_chart",
    "waist_chart",
    "weight_chart",
    "with_medications",
]
