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
