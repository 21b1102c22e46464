from .goals import ActivityGoal, WeightGoal
from .labs import LabReport, LabResult
from .logs import (
    BloodPressure,
    CheckIn,
    DietCheck,
    Exercise,
    Meal,
    Measurement,
    Medication,
    WeightEntry,
)
from .profile import Profile

__all__ = [
    "ActivityGoal",
    "LabReport",
    "LabResult",
    "WeightGoal",
    "BloodPressure",
    "CheckIn",
    "DietCheck",
    "Exercise",
    "Meal",
    "Measurement",
    "Medication",
    "Profile",
    "WeightEntry",
]
