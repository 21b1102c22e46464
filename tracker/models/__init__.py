from .goals import ActivityGoal, WeightGoal
from .imports import PendingImport
from .jobs import Job
from .labs import LabReport, LabResult
from .limits import RateCount
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
from .reminders import ReminderSettings
from .sharing import ShareLink, VisitQuestion
from .version import DataVersion

__all__ = [
    "ActivityGoal",
    "Job",
    "LabReport",
    "LabResult",
    "WeightGoal",
    "BloodPressure",
    "DataVersion",
    "CheckIn",
    "DietCheck",
    "Exercise",
    "Meal",
    "Measurement",
    "Medication",
    "PendingImport",
    "Profile",
    "RateCount",
    "ReminderSettings",
    "ShareLink",
    "VisitQuestion",
    "WeightEntry",
]
