"""A person whose data runs from January to 30 November 2025, for reports of the past
period 1 May – 1 October 2025: a baseline weighing and one lab report before the period,
weighings, waists and blood pressure in it, and data of every kind after it."""

from datetime import date, timedelta

from tests.factories import (
    BloodPressureFactory,
    ExerciseFactory,
    LabReportFactory,
    LabResultFactory,
    MeasurementFactory,
    MedicationFactory,
    WeightFactory,
    weight_goal,
)

START, END = date(2025, 5, 1), date(2025, 10, 1)
LAST_DAY = date(2025, 11, 30)  # of the data: long after the period
BASELINE = date(2025, 1, 10)
EARLIER_LAB = date(2025, 3, 2)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


def seed(user) -> None:
    profile = user.profile
    profile.display_name = "Alice Example"
    profile.date_of_birth = date(1975, 6, 1)
    profile.save()
    weight_goal(user, BASELINE, baseline_date=BASELINE, baseline_kg=96, target_percent=7)
    day = BASELINE
    weight = 96.0
    while day <= LAST_DAY:
        WeightFactory(user=user, date=day, weight_kg=round(weight, 1))
        ExerciseFactory(user=user, date=day, minutes=40)
        day += timedelta(days=3)
        weight -= 0.05
    earlier = LabReportFactory(user=user, date=EARLIER_LAB)
    for key, value in [("triglycerides", 180), ("hdl", 45), ("glucose", 104)]:
        LabResultFactory(user=user, report=earlier, test_key=key, value=value)
    MeasurementFactory(user=user, date=date(2025, 6, 15), waist_cm=98)
    BloodPressureFactory(user=user, date=date(2025, 9, 20), systolic=134, diastolic=86)
    MedicationFactory(user=user, name="Metformin", start_date=date(2025, 2, 1))
    # After the period: none of it may appear on the period's report.
    later = LabReportFactory(user=user, date=LAST_DAY)
    for key, value in [("glucose", 188), ("triglycerides", 310), ("alt", 61)]:
        LabResultFactory(user=user, report=later, test_key=key, value=value)
    MeasurementFactory(user=user, date=LAST_DAY, waist_cm=112)
    BloodPressureFactory(user=user, date=LAST_DAY, systolic=152, diastolic=97)
    MedicationFactory(user=user, name="Semaglutide", start_date=date(2025, 11, 5))
    # A new goal set after the period, from a new baseline, with a target date in 2026.
    weight_goal(
        user, date(2025, 11, 20), baseline_date=date(2025, 11, 20), baseline_kg=93,
        target_kg=85, target_date=date(2026, 6, 1),
    )  # fmt: skip
