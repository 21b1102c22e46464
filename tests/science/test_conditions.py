"""Conditions and treatments (tracker/science/conditions.py): pure, no database."""

import pytest

from tracker.science import conditions as c


@pytest.mark.parametrize(
    ("name", "treatment", "text"),
    [
        ("Atorvastatin 20 mg", c.LIPID_LOWERING, "atorvastatin"),
        ("atorvastatin", c.LIPID_LOWERING, "atorvastatin"),
        ("Lipitor", c.LIPID_LOWERING, "Lipitor (atorvastatin)"),
        ("ezetimibe 10mg", c.LIPID_LOWERING, "ezetimibe"),
        ("metformin XR 500", c.GLUCOSE_LOWERING, "metformin"),
        ("Ozempic 0.5 mg weekly", c.GLUCOSE_LOWERING, "Ozempic (semaglutide)"),
        ("empagliflozin", c.GLUCOSE_LOWERING, "empagliflozin"),
        ("pioglitazone", c.GLUCOSE_LOWERING, "pioglitazone"),
        ("Insulin glargine", c.GLUCOSE_LOWERING, "insulin"),
        ("ramipril 5 mg", c.BLOOD_PRESSURE, "ramipril"),
        ("Losartan/HCTZ", c.BLOOD_PRESSURE, "Losartan/HCTZ (losartan)"),
        ("amlodipine", c.BLOOD_PRESSURE, "amlodipine"),
    ],
)
def test_known_medicines_suggest_their_treatment(name, treatment, text):
    found, match = c.classify(name)
    assert found == treatment
    assert match.text == text


@pytest.mark.parametrize(
    "name", ["Vitamin E", "propranolol", "carvedilol", "spironolactone", "Wegovy", "coffee", ""]
)
def test_other_medicines_suggest_nothing(name):
    # Propranolol, carvedilol and spironolactone are often for the liver, not blood pressure.
    assert c.classify(name) is None


def test_a_logged_statin_counts_until_the_person_says_otherwise():
    found = c.conditions("", {}, ["atorvastatin 20 mg", "vitamin D"])
    lipid = found.treatment(c.LIPID_LOWERING)
    assert lipid.on and lipid.from_log
    assert lipid.suggestion_text == "You take atorvastatin: counted as lipid-lowering treatment."
    assert found.treated == {"triglycerides", "hdl"}
    corrected = c.conditions("", {c.LIPID_LOWERING: c.NO}, ["atorvastatin 20 mg"])
    assert not corrected.on(c.LIPID_LOWERING)
    assert corrected.treated == frozenset()
    assert "not counted" in corrected.treatment(c.LIPID_LOWERING).suggestion_text


def test_a_stated_treatment_counts_without_any_medicine_logged():
    found = c.conditions("", {c.BLOOD_PRESSURE: c.YES}, [])
    assert found.on(c.BLOOD_PRESSURE)
    assert found.treated == {"blood_pressure"}
    assert found.treatment(c.BLOOD_PRESSURE).suggestion_text == ""


def test_nothing_stated_and_nothing_logged_is_not_treated():
    found = c.conditions("", {}, [])
    assert found.treated == frozenset()
    assert not found.impaired_glucose_or_diabetes


@pytest.mark.parametrize(
    ("diagnosis", "stated", "medicines", "condition", "impaired"),
    [
        ("type2", {}, [], True, True),
        ("prediabetes", {}, [], True, True),
        ("none", {}, [], False, False),
        ("", {}, ["metformin"], False, True),
        ("", {c.GLUCOSE_LOWERING: c.NO}, ["metformin"], False, False),
    ],
)
def test_diabetes_and_glucose_treatment(diagnosis, stated, medicines, condition, impaired):
    found = c.conditions(diagnosis, stated, medicines)
    assert found.glucose_condition is condition
    assert found.impaired_glucose_or_diabetes is impaired


def test_several_medicines_for_one_treatment_are_named_together():
    found = c.conditions("", {}, ["metformin", "Jardiance", "metformin 1 g"])
    text = found.treatment(c.GLUCOSE_LOWERING).suggestion_text
    assert text == (
        "You take metformin and Jardiance (empagliflozin): counted as glucose-lowering treatment."
    )


def test_bad_answers_are_errors():
    with pytest.raises(ValueError):
        c.conditions("type1", {}, [])
    with pytest.raises(ValueError):
        c.conditions("", {"statin": c.YES}, [])
    with pytest.raises(ValueError):
        c.conditions("", {c.LIPID_LOWERING: "maybe"}, [])


class Logged:
    def __init__(self, name, start, stop=None):
        self.name, self.start, self.stop = name, start, stop


def test_a_medicine_counts_from_its_first_day_to_its_last():
    from datetime import date

    day = date(2026, 11, 20)
    log = [
        Logged("simvastatin", date(2025, 1, 1), date(2026, 11, 19)),  # stopped the day before
        Logged("ramipril", date(2025, 1, 1), day),  # stopped that day: still taken
        Logged("metformin", date(2026, 11, 21)),  # starts the day after
        Logged("losartan", day),  # starts that day
    ]
    assert c.taken_on(log, day) == ["ramipril", "losartan"]
    assert c.conditions_on("", {}, log, day).treated == {"blood_pressure"}
    assert c.conditions_on("", {}, log, date(2026, 11, 21)).on(c.GLUCOSE_LOWERING)
