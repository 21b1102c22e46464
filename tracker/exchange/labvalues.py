"""Lab results from text: find the test, match the unit, check the value is plausible.
Shared by the lab CSV import and the JSON backup. Pure Python."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tracker.display import unit_for
from tracker.science import labs, rules, units

from . import lab_names
from .reading import RowProblem, parse_number

TYPED_PLACES = Decimal("0.001")  # LabResult.value_typed has three decimal places
TYPED_LIMIT = Decimal("9999999.999")  # and ten digits in all


def _unit_key(text: str) -> str:
    key = text.strip().lower().replace(" ", "")
    for micro in ("µ", "μ"):  # the micro sign and the Greek letter mu
        key = key.replace(micro, "u")
    return key.replace("⁹", "^9").replace("³", "^3").replace("10*", "10^").replace("x10", "10")


# Other spellings labs print for the same unit (after _unit_key).
UNIT_ALIASES = {
    "k/ul": "10³/µL",
    "thou/ul": "10³/µL",
    "10e3/ul": "10³/µL",
    "10^3/mm3": "10³/µL",
    "10e3/mm3": "10³/µL",
    "k/mm3": "10³/µL",
    "thou/mm3": "10³/µL",
    "10e9/l": "10⁹/L",
    "giga/l": "10⁹/L",
    "/mm3": "/µL",
    "uu/ml": "µIU/mL",
    "uui/ml": "µIU/mL",
    "mu/l": "mIU/L",
    "mui/l": "mIU/L",
    "ui/l": "IU/L",
    "[iu]/l": "IU/L",
    "u[iu]/ml": "µIU/mL",
}


def match_unit(test: labs.LabTest, text: str) -> str:
    """The accepted unit a typed unit means for this test, or a RowProblem."""
    wanted = _unit_key(text)
    for unit in test.accepted_units:
        if _unit_key(unit) == wanted:
            return unit
    alias = UNIT_ALIASES.get(wanted)
    if alias in test.accepted_units:
        return alias
    if wanted == "g/l" and test.analyte == "platelets":  # G/L, giga per litre
        return "10⁹/L"
    if not wanted and len(test.accepted_units) == 1:
        return test.canonical_unit
    raise RowProblem(
        f"“{text}” is not a unit for {test.name} (use {', '.join(test.accepted_units)})."
    )


def _names() -> dict[str, labs.LabTest]:
    found: dict[str, labs.LabTest] = {}
    for test in labs.CATALOGUE:
        for name in (test.key, test.name, test.short):
            found[name.strip().lower()] = test
    return found


TEST_NAMES = _names()


class UnknownTest(RowProblem):
    """A test LiverLog does not keep: a lab file lists it as skipped, not as an error."""


def find_test(text: str) -> labs.LabTest | None:
    """A test by our key ("alt"), its name or short name, a LOINC code, or one of the
    names labs print for it (lab_names: "AST (SGOT)", "Hemoglobin A1c", "GOT")."""
    wanted = text.strip().lower()
    test = TEST_NAMES.get(wanted) or labs.by_loinc(text.strip())
    if test is None and (key := lab_names.test_key(text)):
        test = labs.get(key)
    return test


def match_test(text: str) -> labs.LabTest:
    test = find_test(text)
    if test is None:
        known = ", ".join(test.short for test in labs.CATALOGUE)
        raise UnknownTest(f"“{text}” is not a test LiverLog knows (known tests: {known}).")
    return test


def lab_value(test: labs.LabTest, text: str) -> Decimal:
    """A number, or for an ordinal scale (ultrasound grade) its word, e.g. "mild"."""
    if test.labels:
        words = {word: Decimal(value) for value, word in test.labels}
        if text.strip().lower() in words:
            return words[text.strip().lower()]
    return parse_number(text, f"{test.short} value")


def _typed(value: Decimal, what: str) -> Decimal:
    # Checked before quantize(), which raises for NaN, infinity and huge numbers.
    if not value.is_finite():
        raise RowProblem(f"the {what} {value} is not a number.")
    if abs(value) > TYPED_LIMIT:
        raise RowProblem(f"the {what} {value} is too large.")
    return value.quantize(TYPED_PLACES, rounding=ROUND_HALF_UP)


def result_fields(
    test: labs.LabTest,
    value: Decimal,
    unit: str,
    low: Decimal | None = None,
    high: Decimal | None = None,
    qualifier: str = "",
) -> dict:
    """LabResult fields for a checked value, or a RowProblem naming what is wrong."""
    typed = _typed(value, f"{test.short} value")
    problem = rules.lab_value_problem(test, typed, unit)
    if problem:
        raise RowProblem(problem)
    canonical = units.to_canonical(test.analyte, float(typed), unit)
    low_typed = None if low is None else _typed(low, "range low")
    high_typed = None if high is None else _typed(high, "range high")
    problem = rules.lab_range_problem(low_typed, high_typed)
    if problem:
        raise RowProblem(problem)
    return {
        "test_key": test.key,
        "qualifier": qualifier,
        "value": canonical,
        "value_typed": float(typed),
        "unit_typed": unit,
        "lab_low_typed": None if low_typed is None else float(low_typed),
        "lab_high_typed": None if high_typed is None else float(high_typed),
        "lab_low": None
        if low_typed is None
        else units.to_canonical(test.analyte, float(low_typed), unit),
        "lab_high": None
        if high_typed is None
        else units.to_canonical(test.analyte, float(high_typed), unit),
    }


def display_unit(test: labs.LabTest, lab_units: str) -> str:
    """The unit to show a test in for a lab-units preference (tracker.display)."""
    return unit_for(test, lab_units)
