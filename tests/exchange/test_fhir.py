"""The FHIR export is a Bundle that a real FHIR library accepts (fhir.resources, R4B:
the R4-compatible module of fhir.resources 8)."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.factories import BloodPressureFactory, MeasurementFactory, WeightFactory
from tracker.demo import logs as demo
from tracker.exchange import fhir
from tracker.models import LabReport, LabResult

pytestmark = pytest.mark.django_db


def observations(bundle, loinc):
    return [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["code"]["coding"][0]["code"] == loinc
    ]


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
    lab(alice, "cap", 290, "dB/m")  # imaging: no LOINC, left out

    data = fhir.build(alice, alice.profile)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    assert all(e["resource"]["status"] == "final" for e in data["entry"])

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
        for o in (e["resource"] for e in data["entry"])
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


def test_an_empty_account_gives_a_valid_empty_bundle(alice):
    data = fhir.build(alice, alice.profile)
    Bundle.model_validate(data)
    assert data["entry"] == []


def test_the_demo_account_exports_a_valid_bundle():
    user = demo.seed(dt.date(2026, 11, 21))
    data = fhir.build(user, user.profile)
    Bundle.model_validate(data)
    assert len(observations(data, "29463-7")) > 250
    ids = [e["fullUrl"] for e in data["entry"]]
    assert len(ids) == len(set(ids))


def _comparable(bundle):
    """The observations without the ids and stamps that differ between accounts."""
    return sorted(
        (
            {key: value for key, value in e["resource"].items() if key != "id"}
            for e in bundle["entry"]
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
        if test.loinc:
            low, high = test.plausible.as_tuple()
            result = lab(alice, test.key, round((low + high) / 3, 1), test.canonical_unit)
    result.lab_low, result.lab_high = 1, 50
    result.save()
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
