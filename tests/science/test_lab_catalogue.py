"""The lab catalogue (tracker/labs.py): pure data, no database."""

import math
import re

import pytest

from tracker.science import labs, units

KEYS = (
    "alt",
    "ast",
    "ggt",
    "glucose",
    "glucose_2h",
    "insulin",
    "hba1c",
    "triglycerides",
    "total_cholesterol",
    "hdl",
    "ldl",
    "platelets",
    "albumin",
    "creatinine",
    "ultrasound_grade",
    "cap",
    "lsm",
    "pdff",
)
LOINC = re.compile(r"^\d{1,6}-\d$")


def below(x):
    return math.nextafter(x, -math.inf)


def above(x):
    return math.nextafter(x, math.inf)


# --- Catalogue integrity --------------------------------------------------------------------


def test_the_catalogue_holds_every_test_in_display_order():
    assert tuple(test.key for test in labs.CATALOGUE) == KEYS


def test_groups_are_contiguous_in_display_order():
    groups = [test.group for test in labs.CATALOGUE]
    assert groups == sorted(groups, key=labs.GROUPS.index)


@pytest.mark.parametrize("test", labs.CATALOGUE, ids=lambda t: t.key)
def test_every_test_has_a_loinc_code_or_says_why_not(test):
    if test.loinc is None:
        assert labs.NO_LOINC in test.note
    else:
        assert LOINC.match(test.loinc)
    for code in test.loinc_alt + test.loinc_generic:
        assert LOINC.match(code)


def test_loinc_codes_are_not_shared_between_tests():
    codes = [c for t in labs.CATALOGUE for c in (t.loinc, *t.loinc_alt, *t.loinc_generic) if c]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("key", "loinc"),
    [("alt", "1742-6"), ("ast", "1920-8"), ("glucose", "1558-6"), ("insulin", "27873-9")]
    + [("hba1c", "4548-4"), ("hdl", "2085-9"), ("ldl", "13457-7"), ("platelets", "777-3")]
    + [("glucose_2h", "1518-0")],
)
def test_loinc_codes_follow_clinical_md(key, loinc):
    assert labs.get(key).loinc == loinc


@pytest.mark.parametrize("test", labs.CATALOGUE, ids=lambda t: t.key)
def test_every_accepted_unit_converts_and_has_display_decimals(test):
    assert test.accepted_units == units.accepted_units(test.analyte)
    assert test.canonical_unit == test.accepted_units[0]
    assert set(labs.DECIMALS[test.analyte]) == set(test.accepted_units)
    for unit in test.accepted_units:
        shown = units.from_canonical(test.analyte, 100.0, unit)
        assert units.to_canonical(test.analyte, shown, unit) == pytest.approx(100.0)
        assert test.decimals(unit) >= 0


@pytest.mark.parametrize("test", labs.CATALOGUE, ids=lambda t: t.key)
def test_reference_ranges_and_cutoffs_lie_inside_the_plausible_limits(test):
    low, high = test.plausible.as_tuple()
    assert low < high
    for sex in ("male", "female", None):
        ref_low, ref_high = labs.reference_range(test, sex)
        for limit in (ref_low, ref_high):
            assert limit is None or low <= limit <= high
        if ref_low is not None and ref_high is not None:
            assert ref_low <= ref_high
    for threshold in test.thresholds:
        assert low < threshold.cutoff < high


@pytest.mark.parametrize("test", labs.CATALOGUE, ids=lambda t: t.key)
def test_plausible_limits_in_every_unit_stay_inside_the_canonical_limits(test):
    for unit in test.accepted_units:
        low, high = labs.plausible_in(test, unit)
        assert low < high
        assert units.to_canonical(test.analyte, float(low), unit) >= test.plausible.low
        assert units.to_canonical(test.analyte, float(high), unit) <= test.plausible.high


@pytest.mark.parametrize("test", labs.CATALOGUE, ids=lambda t: t.key)
def test_thresholds_are_listed_in_increasing_concern(test):
    for sex in ("male", "female"):
        cutoffs = [t.cutoff for t in test.thresholds if t.sex in (None, sex) and t.op != "<"]
        assert cutoffs == sorted(cutoffs)
    for threshold in test.thresholds:
        assert threshold.source and threshold.label


def test_plausible_limits_follow_the_unit():
    # HbA1c 3–20 % = (3 − 2.152) / 0.09148 = 9.3 -> 10 and (20 − 2.152) / 0.09148 = 195.1 -> 195
    assert labs.plausible_in(labs.get("hba1c"), "mmol/mol") == (10, 195)
    # Platelets 5–1500 × 10⁹/L = 5,000–1,500,000 /µL
    assert labs.plausible_in(labs.get("platelets"), "/µL") == (5000, 1_500_000)


def test_the_ultrasound_grade_is_an_ordinal_scale_with_words():
    grade = labs.get("ultrasound_grade")
    assert grade.canonical_unit == "grade"
    assert [grade.label_for(v) for v in range(4)] == ["none", "mild", "moderate", "severe"]
    assert grade.label_for(1.5) is None  # not on the scale: no word rather than a wrong one
    assert grade.label_for(4) is None
    assert grade.plausible.as_tuple() == (0, 3)
    assert labs.flag(1, *labs.reference_range(grade)) == "high"
    assert labs.flag(0, *labs.reference_range(grade)) is None


# --- Lookups --------------------------------------------------------------------------------


def test_get_names_the_unknown_key():
    with pytest.raises(labs.UnknownLabTest, match="'bilirubin'"):
        labs.get("bilirubin")
    with pytest.raises(KeyError):
        labs.get("bilirubin")


@pytest.mark.parametrize(
    ("code", "key"),
    [("1742-6", "alt"), ("14771-0", "glucose"), ("59261-8", "hba1c"), ("18262-6", "ldl")],
)
def test_by_loinc_finds_primary_and_alternative_codes(code, key):
    assert labs.by_loinc(code).key == key


def test_by_loinc_does_not_map_generic_non_fasting_codes():
    assert labs.by_loinc("2345-7") is None
    assert labs.by_loinc("20448-7") is None


# --- Reference ranges and flags -------------------------------------------------------------


def test_alt_upper_limits_are_sex_specific_per_acg_2017():
    alt = labs.get("alt")
    assert labs.reference_range(alt, "male") == (None, 33)
    assert labs.reference_range(alt, "female") == (None, 25)
    # Sex unknown: the wider range, so a flag holds for either sex.
    assert labs.reference_range(alt, None) == (None, 33)


def test_hdl_lower_limits_are_sex_specific():
    hdl = labs.get("hdl")
    assert labs.reference_range(hdl, "male") == (40, None)
    assert labs.reference_range(hdl, "female") == (50, None)
    assert labs.reference_range(hdl, None) == (40, None)


def test_reference_range_rejects_an_unknown_sex():
    with pytest.raises(ValueError, match="sex"):
        labs.reference_range(labs.get("alt"), "m")


@pytest.mark.parametrize(
    ("value", "low", "high", "expected"),
    [
        (33, None, 33, None),
        (above(33), None, 33, "high"),
        (40, 40, None, None),
        (below(40), 40, None, "low"),
        (150, 150, 400, None),
        (400, 150, 400, None),
        (below(150), 150, 400, "low"),
        (above(400), 150, 400, "high"),
        (None, 150, 400, None),
        (5, None, None, None),
    ],
)
def test_flag_treats_the_limits_as_in_range(value, low, high, expected):
    assert labs.flag(value, low, high) == expected


@pytest.mark.parametrize(
    ("key", "value", "sex", "label", "threshold"),
    [
        ("glucose", below(100), None, None, None),
        ("glucose", 100, None, "prediabetes range", "≥100 mg/dL"),
        ("glucose", below(126), None, "prediabetes range", "≥100 mg/dL"),
        ("glucose", 126, None, "diabetes range", "≥126 mg/dL"),
        ("glucose_2h", below(140), None, None, None),
        ("glucose_2h", 140, None, "prediabetes range", "≥140 mg/dL"),
        ("glucose_2h", below(200), None, "prediabetes range", "≥140 mg/dL"),
        ("glucose_2h", 200, None, "diabetes range", "≥200 mg/dL"),
        ("hba1c", below(5.7), None, None, None),
        ("hba1c", 5.7, None, "prediabetes range", "≥5.7 %"),
        ("hba1c", below(6.5), None, "prediabetes range", "≥5.7 %"),
        ("hba1c", 6.5, None, "diabetes range", "≥6.5 %"),
        ("triglycerides", below(150), None, None, None),
        ("triglycerides", 150, None, "borderline high", "≥150 mg/dL"),
        ("triglycerides", 200, None, "high", "≥200 mg/dL"),
        ("triglycerides", 500, None, "very high", "≥500 mg/dL"),
        ("total_cholesterol", below(200), None, None, None),
        ("total_cholesterol", 240, None, "high", "≥240 mg/dL"),
        ("ldl", below(130), None, None, None),
        ("ldl", 190, None, "very high", "≥190 mg/dL"),
        ("hdl", 40, "male", None, None),
        ("hdl", below(40), "male", "low", "<40 mg/dL"),
        ("hdl", 50, "female", None, None),
        ("hdl", below(50), "female", "low", "<50 mg/dL"),
        ("hdl", 45, None, None, None),  # low for a woman, not for a man: undecided
        ("hdl", 39, None, "low", "<40 mg/dL"),
        ("alt", 33, "male", None, None),
        ("alt", above(33), "male", "above the healthy upper limit", ">33 U/L"),
        ("alt", 25, "female", None, None),
        ("alt", above(25), "female", "above the healthy upper limit", ">25 U/L"),
        ("alt", 30, None, None, None),
        ("alt", 34, None, "above the healthy upper limit", ">33 U/L"),
        ("cap", below(248), None, None, None),
        ("cap", 248, None, "mild fat range (S1)", "≥248 dB/m"),
        ("cap", below(268), None, "mild fat range (S1)", "≥248 dB/m"),
        ("cap", 268, None, "moderate fat range (S2)", "≥268 dB/m"),
        ("cap", below(280), None, "moderate fat range (S2)", "≥268 dB/m"),
        ("cap", 280, None, "severe fat range (S3)", "≥280 dB/m"),
        ("lsm", below(8), None, None, None),
        ("lsm", 8, None, "indeterminate range", "≥8 kPa"),
        ("lsm", 12, None, "indeterminate range", "≥8 kPa"),
        ("lsm", above(12), None, "high-risk range", ">12 kPa"),
        ("pdff", below(5), None, None, None),
        ("pdff", 5, None, "above the 5 % liver-fat cut-off", "≥5 %"),
        ("platelets", 20, None, None, None),  # no guideline cut-off
    ],
)
def test_guideline_flags_at_every_edge(key, value, sex, label, threshold):
    result = labs.guideline_flag(labs.get(key), value, sex)
    if label is None:
        assert result is None
    else:
        assert (result.label, result.threshold) == (label, threshold)
        assert result.source


def test_guideline_flags_name_their_source_and_year():
    assert labs.guideline_flag(labs.get("cap"), 300).source == "Karlas 2017"
    assert labs.guideline_flag(labs.get("lsm"), 13).source == "AASLD 2023"
    assert labs.guideline_flag(labs.get("alt"), 50, "male").source == "ACG 2017 (Kwo)"


def test_guideline_flag_of_a_missing_value_is_none():
    assert labs.guideline_flag(labs.get("glucose"), None) is None


# --- Display --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "unit", "text"),
    [
        # 100 / 18.016 = 5.5506: one more decimal than usual, as 5.6 would read as if it
        # reached the published 5.6 mmol/L cut-off.
        ("glucose", 100, "mmol/L", "5.55 mmol/L"),
        ("glucose", 90, "mmol/L", "5.0 mmol/L"),
        ("glucose", 100, None, "100 mg/dL"),
        # (6.5 − 2.152) / 0.09148 = 47.53, below the published 48 mmol/mol.
        ("hba1c", 6.5, "mmol/mol", "47.5 mmol/mol"),
        ("hba1c", 6.6, "mmol/mol", "49 mmol/mol"),
        ("platelets", 250, "/µL", "250,000 /µL"),
        ("ultrasound_grade", 2, None, "moderate"),
        ("alt", None, None, "—"),
    ],
)
def test_display_uses_the_unit_and_its_decimals(key, value, unit, text):
    assert labs.display(labs.get(key), value, unit) == text


def test_every_panel_lists_known_blood_tests_once_in_catalogue_order():
    order = [test.key for test in labs.CATALOGUE]
    for panel in labs.PANELS:
        keys = list(panel.tests)
        assert keys == sorted(keys, key=order.index), panel.key
        assert all(labs.get(key).group != "imaging" for key in keys), panel.key
    every = [key for panel in labs.PANELS for key in panel.tests]
    assert len(every) == len(set(every))
    assert labs.panel("liver").tests == ("alt", "ast", "ggt")
    assert labs.panel("nonsense") is None
