"""FHIR R4: a Bundle of Observations (any type: collection, searchset, transaction,
document) or a single Observation, as patient portals and LiverLog's own FHIR export
write them (tracker.exchange.fhir).

Observations are recognised by their LOINC code: body weight 29463-7 (or 3141-9),
waist circumference 8280-0 (or 56086-2), the blood-pressure panel 85354-9 (or 55284-4)
with its systolic 8480-6 and diastolic 8462-4 components, and every lab test in the
catalogue by its LOINC code (labs.by_loinc). Quantities are converted from their UCUM
code (kg, [lb_av], g; cm, [in_i], m; mm[Hg]; lab units through the lab unit matcher).
BMI (39156-5) is computed from weight and height, so it is not imported; observations
marked entered-in-error or cancelled are left out; anything else is counted as left out.
A lab result with a Quantity.comparator ("<" 5) is kept as a bound, as the lab CSV keeps
"<5"; a weight, waist or blood pressure given as a bound is left out and counted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tracker.science import labs
from tracker.science.bounds import QUALIFIERS

from .. import dates
from ..fhir import LIVERLOG_CODES  # our own export's codes for imaging
from ..labvalues import match_unit
from ..reading import RowProblem, parse_number
from .records import Collected, LabReading, Pressure, Waist

SOURCE, TITLE = "fhir", "FHIR health record"
LOINC = "http://loinc.org"
WEIGHT, WAIST = {"29463-7", "3141-9"}, {"8280-0", "56086-2"}
BP_PANEL, SYSTOLIC, DIASTOLIC = {"85354-9", "55284-4"}, "8480-6", "8462-4"
BMI = "39156-5"
WEIGHT_UCUM = {"kg": ("kg", 1), "[lb_av]": ("lb", 1), "lb": ("lb", 1), "g": ("kg", "0.001")}
LENGTH_UCUM = {"cm": ("cm", 1), "[in_i]": ("in", 1), "in": ("in", 1), "m": ("cm", 100)}
LAB_UCUM = {"u[iu]/ml": "µIU/mL", "[iu]/l": "U/L", "10*3/ul": "10³/µL", "10*9/l": "10⁹/L"}
VOID = {"entered-in-error", "cancelled"}


def sniff(data) -> bool:
    return isinstance(data, dict) and data.get("resourceType") in ("Bundle", "Observation")


def _resources(data: dict):
    if data.get("resourceType") == "Observation":
        yield "Observation", data
        return
    entries = data.get("entry")
    for index, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict):
            yield f"Entry {index:,}", resource


def _codes(concept, system: str = LOINC) -> list[str]:
    if not isinstance(concept, dict):
        return []
    return [
        str(coding.get("code"))
        for coding in concept.get("coding") or []
        if isinstance(coding, dict) and coding.get("system") == system
    ]


def _own_test(concept) -> labs.LabTest | None:
    for key in _codes(concept, LIVERLOG_CODES):
        try:
            return labs.get(key)
        except labs.UnknownLabTest:
            continue
    return None


def _when(resource: dict) -> tuple[dt.date, dt.time | None]:
    text = resource.get("effectiveDateTime") or (resource.get("effectivePeriod") or {}).get("start")
    if not isinstance(text, str):
        raise RowProblem("has no date (effectiveDateTime).")
    try:
        return dates.parse(text, dates.YMD)
    except dates.NotADate:
        raise RowProblem(f"“{text}” is not a FHIR date.") from None


def _quantity(holder: dict, what: str, bound_allowed: bool = False) -> tuple[Decimal, str]:
    quantity = holder.get("valueQuantity")
    if not isinstance(quantity, dict) or "value" not in quantity:
        raise RowProblem(f"the {what} has no valueQuantity.")
    if quantity.get("comparator") and not bound_allowed:
        raise Censored(quantity.get("comparator"))
    value = parse_number(str(quantity["value"]), what)
    return value, str(quantity.get("code") or quantity.get("unit") or "")


def _qualifier(holder: dict) -> str:
    """A lab result given as a bound: FHIR's Quantity.comparator as LabResult.qualifier."""
    comparator = holder["valueQuantity"].get("comparator") or ""
    if comparator and comparator not in QUALIFIERS:
        raise RowProblem(f"the comparator “{comparator}” is not <, <=, > or >=.")
    return QUALIFIERS[comparator] if comparator else ""


class Censored(Exception):
    """A weight, waist or blood pressure given only as a bound: kept out, and counted."""


def _scaled(value: Decimal, unit: str, table: dict, what: str) -> tuple[Decimal, str]:
    if unit not in table:
        raise RowProblem(f"the {what} unit “{unit}” is not one LiverLog reads.")
    name, factor = table[unit]
    return value * Decimal(str(factor)), name


def _lab(found: Collected, where: str, test: labs.LabTest, resource: dict) -> None:
    day, _ = _when(resource)
    value, code = _quantity(resource, test.short, bound_allowed=True)
    unit = LAB_UCUM.get(code.lower(), code)
    try:
        unit = match_unit(test, unit)
    except RowProblem:
        unit = match_unit(test, str(resource["valueQuantity"].get("unit") or ""))
    limits = (resource.get("referenceRange") or [{}])[0]
    low, high = (_bound(limits.get(name)) for name in ("low", "high"))
    found.lab_readings.append(
        LabReading(
            where, day, test.key, value, unit, low=low, high=high, qualifier=_qualifier(resource)
        )
    )


def _bound(quantity) -> Decimal | None:
    """A reference range limit; LiverLog's export writes it in the value's unit."""
    if not isinstance(quantity, dict) or quantity.get("value") is None:
        return None
    return parse_number(str(quantity["value"]), "range limit")


def _observation(found: Collected, where: str, resource: dict) -> None:
    codes = _codes(resource.get("code"))
    if resource.get("status") in VOID:
        found.skip("observations marked entered-in-error or cancelled")
        return
    if BMI in codes:
        found.skip("BMI values (LiverLog works BMI out from weight and height)")
        return
    found.count()
    if WEIGHT & set(codes):
        day, time = _when(resource)
        value, unit = _scaled(*_quantity(resource, "weight"), WEIGHT_UCUM, "weight")
        found.add_weight(where, day, time, value, unit)
    elif WAIST & set(codes):
        day, _ = _when(resource)
        value, unit = _scaled(*_quantity(resource, "waist"), LENGTH_UCUM, "waist")
        found.waists.append(Waist(where, day, value, unit))
    elif BP_PANEL & set(codes):
        day, time = _when(resource)
        parts = {}
        for component in resource.get("component") or []:
            for code in _codes(component.get("code")):
                if code in (SYSTOLIC, DIASTOLIC):
                    parts[code] = _quantity(component, "blood pressure")[0]
        if len(parts) < 2:
            raise RowProblem("a blood pressure panel without both numbers.")
        found.pressures.append(Pressure(where, day, time, parts[SYSTOLIC], parts[DIASTOLIC]))
    else:
        test = next((labs.by_loinc(code) for code in codes if labs.by_loinc(code)), None)
        test = test or _own_test(resource.get("code"))
        if test is None:
            found.rows_found -= 1
            found.skip("observations of tests LiverLog does not track")
            return
        _lab(found, where, test, resource)


def read(data: dict, options) -> Collected:
    found = Collected(SOURCE, TITLE)
    for where, resource in _resources(data):
        if resource.get("resourceType") != "Observation":
            continue
        try:
            _observation(found, where, resource)
        except Censored as bound:
            found.skip(f"results given only as a bound ({bound})")
        except RowProblem as problem:
            found.errors.append(f"{where}: {problem}")
        except (KeyError, TypeError, AttributeError):  # a part of the wrong JSON type
            found.errors.append(f"{where}: this Observation is not written as FHIR R4 says.")
    return found
