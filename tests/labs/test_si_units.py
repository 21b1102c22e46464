"""SI units as a whole: every SI analyte in its SI unit, ranges and flag texts converted, and
guideline cut-offs at their published SI values, so that the number shown and the flag agree
(issue cases: triglycerides 1.69 mmol/L, HDL 1.29 in a woman, glucose 5.55)."""

import pytest

from tests.factories import LabResultFactory
from tracker import display
from tracker.labs import scores as derived
from tracker.science import labs, units


@pytest.fixture
def si(alice):
    alice.profile.lab_units = "mmol/L"
    alice.profile.save()
    return alice


def typed(user, key, value, unit, **extra):
    """A result as the person typed it, stored canonically the way the lab form does."""
    test = labs.get(key)
    return LabResultFactory(
        user=user,
        test_key=key,
        value=units.to_canonical(test.analyte, value, unit),
        value_typed=value,
        unit_typed=unit,
        **extra,
    )


def shown_and_flag(user, key, value, unit="mmol/L"):
    result = typed(user, key, value, unit)
    found = {flag.kind: flag.text for flag in derived.flags(result, user.profile)}
    return display.value_text(result.test, result.value, user.profile), found.get("guideline")


@pytest.mark.parametrize(
    "key, unit",
    [
        ("glucose", "mmol/L"),
        ("triglycerides", "mmol/L"),
        ("hdl", "mmol/L"),
        ("creatinine", "µmol/L"),
        ("albumin", "g/L"),
        ("insulin", "pmol/L"),
        ("hba1c", "mmol/mol"),
    ],
)
def test_each_si_analyte_is_shown_in_its_si_unit(si, key, unit):
    assert display.display_unit(labs.get(key), si.profile) == unit


def test_conventional_units_stay_when_the_profile_asks_for_them(alice):
    for key in ("glucose", "creatinine", "albumin", "insulin", "hba1c"):
        test = labs.get(key)
        assert display.display_unit(test, alice.profile) == test.canonical_unit


def test_si_values_convert_with_their_units_decimals(si):
    assert display.value_text(labs.get("creatinine"), 1.0, si.profile) == "88 µmol/L"
    assert display.value_text(labs.get("albumin"), 4.2, si.profile) == "42 g/L"
    assert display.value_text(labs.get("insulin"), 10, si.profile) == "60 pmol/L"


def test_the_insulin_factor_is_named_for_si_readers(si, alice):
    assert any("× 6.00" in note for note in display.unit_notes(si.profile))
    si.profile.lab_units = "mg/dL"
    assert display.unit_notes(si.profile) == []


@pytest.mark.parametrize(
    "key, value, shown, flag",
    [
        ("triglycerides", 1.69, "1.69 mmol/L", None),
        ("triglycerides", 1.70, "1.70 mmol/L", "Borderline high: ≥1.7 mmol/L"),
        ("glucose", 5.55, "5.55 mmol/L", None),
        ("glucose", 5.6, "5.6 mmol/L", "Prediabetes range: ≥5.6 mmol/L"),
        ("glucose", 6.99, "6.99 mmol/L", "Prediabetes range: ≥5.6 mmol/L"),
        ("glucose", 7.0, "7.0 mmol/L", "Diabetes range: ≥7.0 mmol/L"),
        ("hdl", 1.29, "1.29 mmol/L", "Low: <1.3 mmol/L for women"),
        ("hdl", 1.30, "1.30 mmol/L", None),
    ],
)
def test_flags_use_the_published_si_cutoffs_on_both_sides(si, key, value, shown, flag):
    text, guideline = shown_and_flag(si, key, value)
    assert text == shown
    if flag is None:
        assert guideline is None
    else:
        assert guideline.startswith(flag)


@pytest.mark.parametrize(
    "value, shown, flag",
    [
        (38, "38 mmol/mol", None),
        (39, "39 mmol/mol", "Prediabetes range: ≥39 mmol/mol"),
        (47, "47 mmol/mol", "Prediabetes range: ≥39 mmol/mol"),
        (48, "48 mmol/mol", "Diabetes range: ≥48 mmol/mol"),
    ],
)
def test_hba1c_in_mmol_per_mol_against_39_and_48(si, value, shown, flag):
    text, guideline = shown_and_flag(si, "hba1c", value, "mmol/mol")
    assert text == shown
    assert (guideline or "").startswith(flag or "")
    assert (guideline is None) == (flag is None)


def test_hdl_in_a_man_is_judged_against_1_0(bob):
    bob.profile.lab_units = "mmol/L"
    bob.profile.save()
    assert shown_and_flag(bob, "hdl", 0.99)[1].startswith("Low: <1.0 mmol/L for men")
    assert shown_and_flag(bob, "hdl", 1.0)[1] is None


def test_a_rounded_number_never_crosses_the_cutoff_it_is_judged_on(si):
    # 99.6 mg/dL would round to "100" beside an unmet "≥100 mg/dL".
    si.profile.lab_units = "mg/dL"
    assert display.value_text(labs.get("glucose"), 99.6, si.profile) == "99.6 mg/dL"
    assert display.value_text(labs.get("glucose"), 99.4, si.profile) == "99 mg/dL"


def test_the_labs_own_range_is_converted_to_the_unit_shown(si):
    result = typed(si, "glucose", 100, "mg/dL", lab_low_typed=70, lab_high_typed=99)
    result.lab_low, result.lab_high = 70.0, 99.0
    assert display.lab_range_text(result, si.profile) == "3.9–5.5 mmol/L"
    flags = {flag.kind: flag.text for flag in derived.flags(result, si.profile)}
    assert flags["lab"] == "High: outside the lab's own range, 3.9–5.5 mmol/L"


def test_a_range_typed_in_the_unit_shown_reads_as_printed(si):
    result = typed(si, "glucose", 5.2, "mmol/L", lab_low_typed=3.9, lab_high_typed=5.5)
    assert display.lab_range_text(result, si.profile) == "3.9–5.5 mmol/L"


def test_a_typical_range_flag_is_in_si_units(si):
    result = typed(si, "creatinine", 150, "µmol/L")
    flags = {flag.kind: flag.text for flag in derived.flags(result, si.profile)}
    assert "µmol/L" in flags["typical"] and "mg/dL" not in flags["typical"]


def test_the_insulin_page_names_the_factor_for_si_readers(si, client):
    client.force_login(si)
    typed(si, "insulin", 60, "pmol/L")
    page = client.get("/labs/test/insulin/").content.decode()
    assert "pmol/L" in page and "× 6.00" in page


def test_the_report_names_the_insulin_factor_for_si_readers(si, client):
    from tracker.report import build as reports

    result = typed(si, "insulin", 60, "pmol/L")
    day = result.report.date
    report = reports.report_for(si, si.profile, day, day)
    assert any("× 6.00" in note for note in report.unit_notes)
    si.profile.lab_units = "mg/dL"
    assert reports.report_for(si, si.profile, day, day).unit_notes == []
