"""The FHIR export is a Bundle that a real FHIR library accepts (fhir.resources, R4B:
the R4-compatible module of fhir.resources 8)."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.patient import Patient

from tests.factories import BloodPressureFactory, MeasurementFactory, WeightFactory
from tracker.demo import logs as demo
from tracker.exchange import fhir
from tracker.models import LabReport, LabResult

pytestmark = pytest.mark.django_db


def observations(bundle, loinc):
    return [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == loinc
    ]


def all_observations(bundle):
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]


def patients(bundle):
    return [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]


def lab(user, key, value, unit, typed=None):
    report, _ = LabReport.objects.get_or_create(user=user, date=dt.date(2026, 10, 1))
    return LabResult.objects.create(
        user=user,
        report=report,
        test_key=key,
        value=value,
        value_typed=Decimal(str(typed if typed is not None else value)),
        unit_typed=unit,
    )


def test_the_bundle_validates_and_carries_loinc_and_ucum(alice):
    WeightFactory(user=alice, weight_kg=81.7)
    MeasurementFactory(user=alice, waist_cm=96.5)
    BloodPressureFactory(user=alice, systolic=131, diastolic=84)
    lab(alice, "alt", 52, "U/L")
    lab(alice, "insulin", 14.2, "µIU/mL")
    lab(alice, "platelets", 231, "10⁹/L")
    result = lab(alice, "glucose", 109.9, "mmol/L", typed=6.1)
    result.lab_low, result.lab_high = 70, 99
    result.save()
    lab(alice, "cap", 290, "dB/m")  # imaging: LiverLog's own code, in its own category

    data = fhir.build(alice, alice.profile)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    assert all(o["status"] == "final" for o in all_observations(data))

    weight = observations(data, "29463-7")[0]
    assert weight["valueQuantity"] == {
        "value": 81.7,
        "unit": "kg",
        "system": "http://unitsofmeasure.org",
        "code": "kg",
    }
    assert weight["category"][0]["coding"][0]["code"] == "vital-signs"
    assert weight["effectiveDateTime"] == "2026-11-01"
    bmi = observations(data, "39156-5")[0]  # alice is 165 cm tall
    assert bmi["valueQuantity"]["value"] == 30.0
    assert bmi["valueQuantity"]["code"] == "kg/m2"
    assert observations(data, "8280-0")[0]["valueQuantity"]["code"] == "cm"

    panel = observations(data, "85354-9")[0]
    parts = {c["code"]["coding"][0]["code"]: c["valueQuantity"] for c in panel["component"]}
    assert parts["8480-6"]["value"] == 131 and parts["8480-6"]["code"] == "mm[Hg]"
    assert parts["8462-4"]["value"] == 84
    assert panel["effectiveDateTime"] == "2026-11-01T07:30:00+00:00"

    codes = {
        o["code"]["coding"][0]["code"]: o["valueQuantity"]["code"]
        for o in all_observations(data)
        if o["category"][0]["coding"][0]["code"] == "laboratory"
    }
    assert codes == {"1742-6": "U/L", "27873-9": "u[IU]/mL", "777-3": "10*9/L", "1558-6": "mg/dL"}
    glucose = observations(data, "1558-6")[0]
    assert glucose["referenceRange"][0]["low"]["value"] == 70
    assert glucose["referenceRange"][0]["high"]["value"] == 99


def test_no_height_means_no_bmi(alice):
    alice.profile.height_cm = None
    alice.profile.save()
    WeightFactory(user=alice)
    data = fhir.build(alice, alice.profile)
    Bundle.model_validate(data)
    assert observations(data, "39156-5") == []


def test_an_empty_account_gives_a_valid_bundle_of_the_patient_alone(alice):
    data = fhir.build(alice, alice.profile)
    Bundle.model_validate(data)
    assert [e["resource"]["resourceType"] for e in data["entry"]] == ["Patient"]


def test_the_patient_holds_only_what_the_person_entered(alice):
    alice.profile.display_name = "A. Example"
    alice.profile.date_of_birth = dt.date(1976, 3, 4)
    alice.profile.save()
    (entry,) = patients(fhir.build(alice, alice.profile))
    assert entry["resource"] == {
        "resourceType": "Patient",
        "name": [{"text": "A. Example"}],
        "gender": "female",
        "birthDate": "1976-03-04",
    }
    Patient.model_validate(entry["resource"])


def test_a_patient_who_entered_nothing_is_an_empty_patient(bob):
    bob.profile.sex = ""
    bob.profile.save()
    (entry,) = patients(fhir.build(bob, bob.profile))
    assert entry["resource"] == {"resourceType": "Patient"}
    assert "bob" not in json.dumps(entry)  # not even the username or e-mail


def test_every_observation_refers_to_the_patient(alice):
    WeightFactory(user=alice)
    MeasurementFactory(user=alice)
    BloodPressureFactory(user=alice)
    lab(alice, "alt", 52, "U/L")
    lab(alice, "lsm", 9.1, "kPa")
    data = fhir.build(alice, alice.profile)
    (patient,) = patients(data)
    found = all_observations(data)
    assert len(found) == 6  # weight, BMI, waist, blood pressure, ALT, stiffness
    assert {o["subject"]["reference"] for o in found} == {patient["fullUrl"]}
    assert Bundle.model_validate(data).entry[1].resource.subject.reference == patient["fullUrl"]


@pytest.mark.parametrize(
    "key, value, unit, ucum",
    [("cap", 290, "dB/m", "dB/m"), ("lsm", 9.1, "kPa", "kPa"), ("pdff", 7.5, "%", "%")],
)
def test_imaging_measures_carry_liverlogs_own_code_and_their_unit(alice, key, value, unit, ucum):
    lab(alice, key, value, unit)
    data = fhir.build(alice, alice.profile)
    Bundle.model_validate(data)
    (found,) = all_observations(data)
    assert found["code"]["coding"][0]["system"] == fhir.LIVERLOG_CODES
    assert found["code"]["coding"][0]["code"] == key
    assert found["category"][0]["coding"][0]["code"] == "imaging"
    assert found["valueQuantity"]["value"] == value
    assert found["valueQuantity"]["code"] == ucum


def test_the_ultrasound_grade_a_word_not_a_measure_stays_out(alice):
    lab(alice, "ultrasound_grade", 2, "grade")
    assert all_observations(fhir.build(alice, alice.profile)) == []


def test_the_demo_account_exports_a_valid_bundle():
    user = demo.seed(dt.date(2026, 11, 21))
    data = fhir.build(user, user.profile)
    Bundle.model_validate(data)
    assert len(observations(data, "29463-7")) > 250
    (patient,) = patients(data)
    assert {o["subject"]["reference"] for o in all_observations(data)} == {patient["fullUrl"]}
    ids = [e["fullUrl"] for e in data["entry"]]
    assert len(ids) == len(set(ids))


def _comparable(bundle):
    """The observations without the ids and stamps that differ between accounts."""
    return sorted(
        (
            {key: value for key, value in resource.items() if key not in ("id", "subject")}
            for resource in all_observations(bundle)
        ),
        key=lambda r: (r["effectiveDateTime"], r["code"]["coding"][0]["code"]),
    )


def test_our_own_fhir_export_round_trips_into_a_fresh_account(alice, bob):
    from tracker.exchange import importer
    from tracker.exchange.parsed import Options
    from tracker.science import labs

    WeightFactory(user=alice, date=dt.date(2026, 9, 1), weight_kg=81.7)
    WeightFactory(user=alice, date=dt.date(2026, 9, 2), weight_kg=81.25)
    MeasurementFactory(user=alice, date=dt.date(2026, 9, 1), waist_cm=96.5)
    BloodPressureFactory(
        user=alice, date=dt.date(2026, 9, 1), time=dt.time(7, 45), systolic=131, diastolic=84
    )
    for test in labs.CATALOGUE:
        if test.loinc or test.key in fhir.IMAGING_MEASURES:
            low, high = test.plausible.as_tuple()
            result = lab(alice, test.key, round((low + high) / 3, 1), test.canonical_unit)
    result.lab_low, result.lab_high = 1, 50
    result.save()
    LabResult.objects.filter(test_key="ggt").update(qualifier="<")  # a bound comes back as one
    exported = fhir.build(alice, alice.profile)
    bob.profile.height_cm = alice.profile.height_cm
    bob.profile.save()

    text = json.dumps(exported)
    parsed = importer.read(text, Options(), bob.profile)
    assert parsed.source == "fhir"
    assert parsed.errors == []
    importer.commit(bob, parsed)

    again = fhir.build(bob, bob.profile)
    assert len(again["entry"]) == len(exported["entry"])
    assert _comparable(again) == _comparable(exported)


def test_a_bound_carries_fhirs_comparator(alice):
    lab(alice, "ggt", 5, "U/L")
    lab(alice, "alt", 300, "U/L")
    LabResult.objects.filter(test_key="ggt").update(qualifier="<")
    LabResult.objects.filter(test_key="alt").update(qualifier="≥")
    data = fhir.build(alice, alice.profile)
    Bundle.model_validate(data)
    assert observations(data, "2324-2")[0]["valueQuantity"]["comparator"] == "<"
    assert observations(data, "1742-6")[0]["valueQuantity"]["comparator"] == ">="
