from datetime import date, time

import factory

from tracker import models


class WeightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.WeightEntry

    date = date(2026, 11, 1)
    weight_kg = 90.0
    value_typed = factory.LazyAttribute(lambda o: o.weight_kg)
    unit_typed = "kg"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Measurement

    date = date(2026, 11, 1)
    waist_cm = 100.0
    waist_typed = factory.LazyAttribute(lambda o: o.waist_cm)
    unit_typed = "cm"


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Exercise

    date = date(2026, 11, 1)
    activity = "Walking"
    minutes = 30


class MealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meal

    date = date(2026, 11, 1)
    meal = "lunch"
    description = "Lentil soup"
    tags = ["legumes"]


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CheckIn

    date = date(2026, 11, 1)
    sleep_hours = 7
    stress = 2
    alcohol_drinks = 1


class BloodPressureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BloodPressure

    date = date(2026, 11, 1)
    time = time(7, 30)
    systolic = 128
    diastolic = 82


class DietCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DietCheck

    week_start = date(2026, 10, 26)
    answers = {"vegetables": True}
    score = 1


class MedicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Medication

    name = "Metformin"
    dose = "500 mg"
    start_date = date(2026, 6, 1)


BY_KIND = {
    "weight": WeightFactory,
    "measurements": MeasurementFactory,
    "exercise": ExerciseFactory,
    "meals": MealFactory,
    "checkins": CheckInFactory,
    "blood-pressure": BloodPressureFactory,
    "diet-check": DietCheckFactory,
    "medications": MedicationFactory,
}


class LabReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LabReport

    date = date(2026, 10, 1)
    lab_name = "Riverside Clinical Labs"
    fasting = True


class LabResultFactory(factory.django.DjangoModelFactory):
    """A result typed in the test's canonical unit; pass `user` (the report gets it too)."""

    class Meta:
        model = models.LabResult

    report = factory.SubFactory(LabReportFactory, user=factory.SelfAttribute("..user"))
    test_key = "alt"
    value = 44.0
    value_typed = factory.LazyAttribute(lambda o: o.value)
    unit_typed = factory.LazyAttribute(
        lambda o: models.LabResult(test_key=o.test_key).test.canonical_unit
    )


def record_of(user, start=None, end=date.max):
    """A person's record (tracker/record.py) as a view loads it; by default everything."""
    from tracker.record import load

    return load(user, user.profile, start, end)


def weight_goal(user, set_on: date, **fields):
    """A weight goal the person set on `set_on` (a record reads only goals set by its end)."""
    import datetime as dt

    goal = models.WeightGoal.objects.create(user=user, **fields)
    moment = dt.datetime.combine(set_on, dt.time(12), tzinfo=dt.UTC)
    models.WeightGoal.objects.filter(pk=goal.pk).update(created_at=moment)
    return goal
