"""A FHIR R4 Bundle (type "collection") of one Patient and their Observations, built as
plain dicts.

The Patient holds only what the person entered in their profile (name or initials, sex,
date of birth); every Observation refers to it as its `subject`, so that a receiving
system can attach the results to someone.

Included: body weight (LOINC 29463-7), BMI (39156-5, from each weight and the profile
height; left out without a height), waist circumference (8280-0), blood pressure as the
panel 85354-9 with systolic 8480-6 and diastolic 8462-4 components, every lab result
whose test has a LOINC code, in the test's canonical unit with its UCUM code, and the
measured imaging results: FibroScan CAP and liver stiffness and MRI-PDFF. No LOINC code
is in common use for these (labs.NO_LOINC), so they carry a code of LiverLog's own code
system (LIVERLOG_CODES, the catalogue key) and their plain name; a test that gains a LOINC
code in the catalogue is exported with it. The ultrasound grade, a word rather than a
measurement, stays in the JSON backup and the lab CSV.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.utils import timezone

from tracker.models import BloodPressure, LabResult, Measurement, Profile, WeightEntry
from tracker.science import labs

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
NAMESPACE = uuid.UUID("7c1d2a52-2f0e-4c59-9a3f-8d0a51f3c0de")  # stable ids per row
# LiverLog's own codes for results that have no LOINC code in common use.
LIVERLOG_CODES = "urn:liverlog:lab-test"
IMAGING_MEASURES = ("cap", "lsm", "pdff")  # measured, so a quantity with a UCUM unit

# UCUM codes of our canonical units (the display text stays as people write it).
UCUM_CODES = {
    "kg": "kg",
    "cm": "cm",
    "kg/m2": "kg/m2",
    "mmHg": "mm[Hg]",
    "mg/dL": "mg/dL",
    "U/L": "U/L",
    "µIU/mL": "u[IU]/mL",
    "%": "%",
    "10⁹/L": "10*9/L",
    "g/dL": "g/dL",
    "dB/m": "dB/m",
    "kPa": "kPa",
}


# LabResult.qualifier as FHIR's Quantity.comparator codes.
COMPARATORS = {"<": "<", "≤": "<=", ">": ">", "≥": ">="}


def quantity(value: float, unit: str, decimals: int = 2) -> dict:
    return {
        "value": round(float(value), decimals),
        "unit": unit,
        "system": UCUM,
        "code": UCUM_CODES[unit],
    }


def code(loinc: str, display: str) -> dict:
    return {"coding": [{"system": LOINC, "code": loinc, "display": display}], "text": display}


def own_code(key: str, display: str) -> dict:
    return {
        "coding": [{"system": LIVERLOG_CODES, "code": key, "display": display}],
        "text": display,
    }


def category(name: str) -> list[dict]:
    display = {"vital-signs": "Vital Signs", "laboratory": "Laboratory", "imaging": "Imaging"}
    return [{"coding": [{"system": CATEGORY, "code": name, "display": display[name]}]}]


def _url(kind: str, pk: int) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{pk}')}"


def patient_url(user) -> str:
    return _url("patient", user.pk)


def patient_entry(user, profile: Profile) -> dict:
    """The person as they described themselves; nothing LiverLog did not ask them for."""
    resource: dict = {"resourceType": "Patient"}
    if profile.display_name.strip():
        resource["name"] = [{"text": profile.display_name.strip()}]
    if profile.sex in ("female", "male"):
        resource["gender"] = profile.sex
    if profile.date_of_birth:
        resource["birthDate"] = profile.date_of_birth.isoformat()
    return {"fullUrl": patient_url(user), "resource": resource}


def observation(kind: str, pk: int, effective: str, category_name: str, **parts) -> dict:
    return {
        "fullUrl": _url(kind, pk),
        "resource": {
            "resourceType": "Observation",
            "status": "final",
            "category": category(category_name),
            "effectiveDateTime": effective,
            **parts,
        },
    }


def weight_entries(user, profile: Profile) -> list[dict]:
    entries = []
    for e in WeightEntry.objects.filter(user=user).order_by("date"):
        day = e.date.isoformat()
        entries.append(
            observation(
                "weight",
                e.pk,
                day,
                "vital-signs",
                code=code("29463-7", "Body weight"),
                valueQuantity=quantity(e.weight_kg, "kg"),
            )
        )
        if profile.height_cm:
            bmi = e.weight_kg / (profile.height_cm / 100) ** 2
            entries.append(
                observation(
                    "bmi",
                    e.pk,
                    day,
                    "vital-signs",
                    code=code("39156-5", "Body mass index (BMI) [Ratio]"),
                    valueQuantity=quantity(bmi, "kg/m2", 1),
                )
            )
    return entries


def waist_entries(user) -> list[dict]:
    return [
        observation(
            "waist",
            m.pk,
            m.date.isoformat(),
            "vital-signs",
            code=code("8280-0", "Waist Circumference at umbilicus by Tape measure"),
            valueQuantity=quantity(m.waist_cm, "cm", 1),
        )
        for m in Measurement.objects.filter(user=user).order_by("date")
    ]


def _zone(profile: Profile) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(profile.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def blood_pressure_entries(user, profile: Profile) -> list[dict]:
    zone = _zone(profile)
    entries = []
    for bp in BloodPressure.objects.filter(user=user).order_by("date", "time", "id"):
        # A FHIR dateTime with a time must carry its offset: the person's local time.
        when = dt.datetime.combine(bp.date, bp.time, tzinfo=zone).isoformat(timespec="seconds")
        entries.append(
            observation(
                "bp",
                bp.pk,
                when,
                "vital-signs",
                code=code("85354-9", "Blood pressure panel with all children optional"),
                component=[
                    {
                        "code": code("8480-6", "Systolic blood pressure"),
                        "valueQuantity": quantity(bp.systolic, "mmHg", 0),
                    },
                    {
                        "code": code("8462-4", "Diastolic blood pressure"),
                        "valueQuantity": quantity(bp.diastolic, "mmHg", 0),
                    },
                ],
            )
        )
    return entries


def lab_entries(user) -> list[dict]:
    entries = []
    results = LabResult.objects.filter(user=user).select_related("report")
    for r in results.order_by("report__date", "id"):
        test = labs.get(r.test_key)
        if test.loinc is None and test.key not in IMAGING_MEASURES:
            continue  # the ultrasound grade: see the module docstring
        unit = test.canonical_unit
        places = test.decimals(unit) + 1
        value = quantity(r.value, unit, places)
        if r.qualifier:  # a bound the lab gave, not a measurement
            value["comparator"] = COMPARATORS[r.qualifier]
        parts = {
            "code": code(test.loinc, test.name) if test.loinc else own_code(test.key, test.name),
            "valueQuantity": value,
        }
        if r.lab_low is not None or r.lab_high is not None:
            limits = {}
            if r.lab_low is not None:
                limits["low"] = quantity(r.lab_low, unit, places)
            if r.lab_high is not None:
                limits["high"] = quantity(r.lab_high, unit, places)
            parts["referenceRange"] = [{**limits, "text": "as printed on the lab report"}]
        kind = "imaging" if test.group == "imaging" else "laboratory"
        entries.append(observation("lab", r.pk, r.report.date.isoformat(), kind, **parts))
    return entries


def build(user, profile: Profile, now: dt.datetime | None = None) -> dict:
    observations = [
        *weight_entries(user, profile),
        *waist_entries(user),
        *blood_pressure_entries(user, profile),
        *lab_entries(user),
    ]
    subject = {"reference": patient_url(user)}
    for entry in observations:
        entry["resource"]["subject"] = subject
    entries = [patient_entry(user, profile), *observations]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": (now or timezone.now()).isoformat(timespec="seconds"),
        "entry": entries,
    }
