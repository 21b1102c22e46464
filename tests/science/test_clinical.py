"""Clinical formulas and categories (tracker/clinical.py): pure, no database."""

import math
from datetime import date

import pytest

from tracker.science import clinical, units


def below(x):
    return math.nextafter(x, -math.inf)


def above(x):
    return math.nextafter(x, math.inf)


def key(category):
    return None if category is None else category.key


# --- Worked examples ------------------------------------------------------------------------


def test_bmi_worked_example():
    # 80 kg / 1.75 m² = 80 / 3.0625 = 26.122
    assert clinical.bmi(80, 175) == pytest.approx(26.1224, abs=1e-4)


def test_waist_to_height_worked_example():
    # 88 / 175 = 0.50286
    assert clinical.waist_to_height(88, 175) == pytest.approx(0.50286, abs=1e-5)


def test_homa_ir_worked_example():
    # 100 mg/dL = 5.5506 mmol/L; × 10 µIU/mL / 22.5 = 2.4669
    assert clinical.homa_ir(100, 10) == pytest.approx(2.46694, abs=1e-5)


def test_homa_ir_is_the_mmol_form():
    # 5.5 mmol/L × 10 / 22.5 = 2.4444; 5.5 mmol/L is stored as 99.088 mg/dL
    assert clinical.homa_ir(5.5 * 18.016, 10) == pytest.approx(5.5 * 10 / 22.5, abs=1e-9)


def glucose_mmol(value):
    """A glucose typed in mmol/L, as it is stored (canonical mg/dL)."""
    return units.to_canonical("glucose", value, "mmol/L")


@pytest.mark.parametrize(
    ("glucose", "insulin", "key"),
    [
        # 5.625 mmol/L × 10 µIU/mL / 22.5 = 2.5 exactly: on the convention, not past it
        (glucose_mmol(5.625), 10, "above"),
        (glucose_mmol(5.62), 10, "below"),
        (glucose_mmol(4.5), 12.5, "above"),
        (glucose_mmol(4.5), 12.49, "below"),
        # in mg/dL: 2.5 needs 101.34 mg/dL with an insulin of 10
        (101.34, 10, "above"),
        (101.33, 10, "below"),
    ],
)
def test_homa_ir_convention_edge_in_both_units(glucose, insulin, key):
    value = clinical.homa_ir(glucose, insulin)
    assert clinical.homa_ir_category(value).key == key


def test_homa_ir_of_an_exact_edge_is_exactly_the_edge():
    assert clinical.homa_ir(glucose_mmol(5.625), 10) == 2.5


def test_homa_b_worked_example():
    # 360 × 10 / (99 − 63) = 3600 / 36 = 100
    assert clinical.homa_b(99, 10) == pytest.approx(100.0)


def test_tyg_worked_example():
    # ln(150 × 100 / 2) = ln(7500) = 8.92266
    assert clinical.tyg(150, 100) == pytest.approx(8.92266, abs=1e-5)


def test_tyg_bmi_worked_example():
    # 8.92266 × 25 = 223.0665
    assert clinical.tyg_bmi(150, 100, 25) == pytest.approx(223.0665, abs=1e-3)


def test_ast_alt_ratio_worked_example():
    # 30 / 40 = 0.75
    assert clinical.ast_alt_ratio(30, 40) == pytest.approx(0.75)


def test_apri_worked_example():
    # (80 / 40) / 200 × 100 = 2 / 200 × 100 = 1.0
    assert clinical.apri(80, 40, 200) == pytest.approx(1.0)


def test_fib4_worked_example():
    # 50 × 40 / (200 × √25) = 2000 / 1000 = 2.0
    assert clinical.fib4(50, 40, 25, 200) == pytest.approx(2.0)


def test_nafld_fibrosis_score_worked_example():
    # −1.675 + 0.037×50 + 0.094×30 + 1.13×1 + 0.99×(40/40) − 0.013×200 − 0.66×4.0
    # = −1.675 + 1.85 + 2.82 + 1.13 + 0.99 − 2.6 − 2.64 = −0.125
    assert clinical.nafld_fibrosis_score(50, 30, True, 40, 40, 200, 4.0) == pytest.approx(-0.125)
    # without impaired glucose: −0.125 − 1.13 = −1.255
    assert clinical.nafld_fibrosis_score(50, 30, False, 40, 40, 200, 4.0) == pytest.approx(-1.255)


# --- Missing and impossible inputs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "args"),
    [
        (clinical.bmi, (None, 175)),
        (clinical.waist_to_height, (88, None)),
        (clinical.homa_ir, (None, 10)),
        (clinical.homa_b, (99, None)),
        (clinical.tyg, (150, None)),
        (clinical.tyg_bmi, (150, 100, None)),
        (clinical.ast_alt_ratio, (30, None)),
        (clinical.apri, (80, None, 200)),
        (clinical.fib4, (50, 40, 25, None)),
        (clinical.nafld_fibrosis_score, (50, 30, None, 40, 40, 200, 4.0)),
        (clinical.nafld_fibrosis_score, (50, 30, True, 40, 40, 200, None)),
    ],
)
def test_a_missing_input_gives_none(function, args):
    assert function(*args) is None


@pytest.mark.parametrize(
    ("function", "args", "name"),
    [
        (clinical.bmi, (-80, 175), "weight_kg"),
        (clinical.bmi, (80, 0), "height_cm"),
        (clinical.waist_to_height, (88, -1), "height_cm"),
        (clinical.homa_ir, (100, 0), "insulin"),
        (clinical.homa_b, (-5, 10), "glucose"),
        (clinical.tyg, (0, 100), "triglycerides"),
        (clinical.tyg_bmi, (150, 100, -25), "bmi"),
        (clinical.ast_alt_ratio, (30, 0), "alt"),
        (clinical.apri, (80, 40, 0), "platelets"),
        (clinical.apri, (80, 0, 200), "ast_uln"),
        (clinical.fib4, (50, 40, 25, 0), "platelets"),
        (clinical.fib4, (50, 40, 0, 200), "alt"),
        (clinical.fib4, (0, 40, 25, 200), "age"),
        (clinical.fib4, (50, math.nan, 25, 200), "ast"),
        (clinical.fib4, (50, math.inf, 25, 200), "ast"),
        (clinical.nafld_fibrosis_score, (50, 30, True, 40, 40, 0, 4.0), "platelets"),
        (clinical.nafld_fibrosis_score, (50, 30, True, 40, 40, 200, -4.0), "albumin"),
    ],
)
def test_an_impossible_input_raises_value_error_naming_it(function, args, name):
    with pytest.raises(ValueError, match=name):
        function(*args)


def test_a_bad_input_raises_even_when_another_is_missing():
    with pytest.raises(ValueError):
        clinical.fib4(50, None, 25, 0)


@pytest.mark.parametrize("glucose", [63, below(63), 40])
def test_homa_b_is_undefined_at_or_below_glucose_63(glucose):
    assert clinical.homa_b(glucose, 10) is None


def test_homa_b_is_defined_just_above_glucose_63():
    assert clinical.homa_b(64, 10) == pytest.approx(3600)  # 360 × 10 / 1


# --- Body size categories -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (below(18.5), "underweight"),
        (18.5, "normal"),
        (below(25), "normal"),
        (24.95, "normal"),  # "18.5–24.9" means below 25
        (25, "overweight"),
        (below(30), "overweight"),
        (30, "obesity_1"),
        (below(35), "obesity_1"),
        (35, "obesity_2"),
        (below(40), "obesity_2"),
        (40, "obesity_3"),
    ],
)
def test_bmi_category_who_edges(value, expected):
    category = clinical.bmi_category(value)
    assert category.key == expected
    assert category.source == "WHO 2000"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (below(18.5), "underweight"),
        (18.5, "normal"),
        (below(23), "normal"),
        (23, "increased_risk"),
        (below(27.5), "increased_risk"),
        (27.5, "high_risk"),
    ],
)
def test_bmi_category_asian_action_point_edges(value, expected):
    category = clinical.bmi_category(value, cutoffs="Asian")
    assert category.key == expected
    assert "WHO 2004" in category.source


def test_bmi_category_rejects_unknown_cutoffs_and_passes_none_through():
    with pytest.raises(ValueError, match="cutoffs"):
        clinical.bmi_category(25, cutoffs="EU")
    assert clinical.bmi_category(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (below(0.5), "healthy"),
        (0.5, "increased"),
        (0.59, "increased"),
        (below(0.6), "increased"),
        (0.6, "high"),
    ],
)
def test_waist_to_height_category_edges(value, expected):
    category = clinical.waist_to_height_category(value)
    assert (category.key, category.source) == (expected, "NICE 2022")


# --- Fibrosis categories --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "age", "expected"),
    [
        (below(1.30), 50, "low"),
        (1.30, 50, "indeterminate"),
        (2.67, 50, "indeterminate"),
        (above(2.67), 50, "high"),
        (below(2.0), 64, "indeterminate"),  # under 65 the low cut-off stays 1.30
        (below(2.0), 65, "low"),  # from 65: low below 2.0 (McPherson 2017)
        (2.0, 65, "indeterminate"),
        (2.67, 70, "indeterminate"),
        (above(2.67), 70, "high"),
    ],
)
def test_fib4_category_edges(value, age, expected):
    assert clinical.fib4_category(value, age).key == expected


def test_fib4_category_names_its_sources():
    assert clinical.fib4_category(1.0, 50).source == "Shah 2009"
    assert "McPherson 2017" in clinical.fib4_category(1.0, 65).source
    assert clinical.fib4_category(1.0, 50).label == "low-risk range"


@pytest.mark.parametrize(("age", "reliable"), [(below(35), False), (34, False), (35, True)])
def test_fib4_is_flagged_unreliable_under_35(age, reliable):
    category = clinical.fib4_category(1.0, age)
    assert category.reliable is reliable
    assert clinical.fib4_age_reliable(age) is reliable
    assert ("unreliable" in category.note) is not reliable


@pytest.mark.parametrize(
    ("value", "age", "expected"),
    [
        (below(-1.455), 50, "low"),
        (-1.455, 50, "indeterminate"),
        (0.676, 50, "indeterminate"),
        (above(0.676), 50, "high"),
        (below(0.12), 64, "indeterminate"),
        (below(0.12), 65, "low"),
        (0.12, 65, "indeterminate"),
        (above(0.676), 65, "high"),
    ],
)
def test_nafld_fibrosis_category_edges(value, age, expected):
    assert clinical.nafld_fibrosis_category(value, age).key == expected


def test_nafld_fibrosis_category_names_its_sources():
    assert clinical.nafld_fibrosis_category(0, 50).source == "Angulo 2007"
    assert "McPherson 2017" in clinical.nafld_fibrosis_category(0, 65).source


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.5, "low"),
        (above(0.5), "indeterminate"),
        (1.5, "indeterminate"),
        (above(1.5), "high"),
    ],
)
def test_apri_category_edges(value, expected):
    category = clinical.apri_category(value)
    assert (category.key, category.source) == (expected, "Wai 2003")


@pytest.mark.parametrize("function", [clinical.fib4_category, clinical.nafld_fibrosis_category])
def test_fibrosis_categories_need_the_value_and_the_age(function):
    assert function(None, 50) is None
    assert function(1.0, None) is None


def test_fibrosis_category_labels_are_neutral():
    labels = {clinical.fib4_category(v, 50).label for v in (1, 2, 3)}
    assert labels == {"low-risk range", "indeterminate range", "high-risk range"}


# --- Glycaemia ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glucose", "hba1c", "expected"),
    [
        (below(100), None, "normal"),
        (100, None, "prediabetes"),
        (below(126), None, "prediabetes"),
        (126, None, "diabetes"),
        (None, below(5.7), "normal"),
        (None, 5.7, "prediabetes"),
        (None, below(6.5), "prediabetes"),
        (None, 6.5, "diabetes"),
        (90, 5.8, "prediabetes"),  # the higher of the two
        (130, 5.5, "diabetes"),
        (90, 5.5, "normal"),
        (None, None, None),
    ],
)
def test_glycemic_category_edges(glucose, hba1c, expected):
    category = clinical.glycemic_category(glucose, hba1c)
    assert key(category) == expected
    if category:
        assert category.source == clinical.ADA


@pytest.mark.parametrize(
    ("glucose", "hba1c", "diabetes", "expected"),
    [
        (None, None, False, None),
        (None, None, True, True),
        (below(100), None, False, False),
        (100, None, False, True),
        (None, 5.7, False, True),
        (None, below(5.7), False, False),
        (95, 5.6, False, False),
        (95, 5.9, False, True),
    ],
)
def test_impaired_glucose_definition(glucose, hba1c, diabetes, expected):
    assert clinical.impaired_glucose(glucose, hba1c, diabetes) is expected


# --- Metabolic syndrome ---------------------------------------------------------------------

HEALTHY = dict(
    waist_cm=80,
    triglycerides_mg_dl=100,
    hdl_mg_dl=60,
    systolic=115,
    diastolic=75,
    glucose_mg_dl=90,
)


def mets(sex="male", **overrides):
    return clinical.metabolic_syndrome(sex, **{**HEALTHY, **overrides})


def test_metabolic_syndrome_worked_example():
    # waist 104 ≥ 102, TG 160 ≥ 150, glucose 105 ≥ 100: 3 of 5 -> present
    result = mets(waist_cm=104, triglycerides_mg_dl=160, hdl_mg_dl=45, glucose_mg_dl=105)
    assert [c.key for c in result] == ["waist", "triglycerides", "hdl", "blood_pressure", "glucose"]
    assert [c.met for c in result] == [True, True, False, False, True]
    assert result.met_count == 3
    assert result.present is True
    assert result.source == clinical.HARMONIZED
    assert result["waist"].inputs == {"waist_cm": 104}
    assert result["waist"].threshold.startswith("≥102 cm (men)")


def test_metabolic_syndrome_absent_with_two_criteria():
    result = mets(waist_cm=104, triglycerides_mg_dl=160)
    assert (result.met_count, result.present) == (2, False)


@pytest.mark.parametrize(
    ("sex", "population", "waist", "met"),
    [
        ("male", "US", 102, True),
        ("male", "US", below(102), False),
        ("female", "US", 88, True),
        ("female", "US", below(88), False),
        ("male", "Europid", 94, True),
        ("male", "Europid", below(94), False),
        ("female", "Europid", 80, True),
        ("female", "Europid", below(80), False),
        ("male", "Asian", 90, True),
        ("male", "Asian", below(90), False),
        ("female", "Asian", 80, True),
        ("female", "Japanese", below(90), False),
        ("female", "Japanese", 90, True),
        ("male", "Japanese", 85, True),
    ],
)
def test_metabolic_syndrome_waist_edges_by_population(sex, population, waist, met):
    result = clinical.metabolic_syndrome(sex, waist, None, None, None, None, None, population)
    assert result["waist"].met is met


@pytest.mark.parametrize(
    ("overrides", "criterion", "met"),
    [
        ({"triglycerides_mg_dl": 150}, "triglycerides", True),
        ({"triglycerides_mg_dl": below(150)}, "triglycerides", False),
        ({"hdl_mg_dl": below(40)}, "hdl", True),
        ({"hdl_mg_dl": 40}, "hdl", False),
        ({"systolic": 130}, "blood_pressure", True),
        ({"systolic": below(130)}, "blood_pressure", False),
        ({"diastolic": 85}, "blood_pressure", True),
        ({"diastolic": below(85)}, "blood_pressure", False),
        ({"glucose_mg_dl": 100}, "glucose", True),
        ({"glucose_mg_dl": below(100)}, "glucose", False),
    ],
)
def test_metabolic_syndrome_criterion_edges(overrides, criterion, met):
    assert mets(**overrides)[criterion].met is met


@pytest.mark.parametrize(("hdl", "met"), [(below(50), True), (50, False)])
def test_metabolic_syndrome_hdl_edge_for_women(hdl, met):
    assert mets("female", hdl_mg_dl=hdl)["hdl"].met is met


def tg_mmol(value):
    return units.to_canonical("triglycerides", value, "mmol/L")


def chol_mmol(value):
    return units.to_canonical("cholesterol", value, "mmol/L")


@pytest.mark.parametrize(
    ("sex", "overrides", "criterion", "met"),
    [
        # published SI cut-offs: TG 1.7, HDL 1.0 / 1.3 ("<" here), fasting glucose 5.6
        ("male", {"triglycerides_mg_dl": tg_mmol(1.7)}, "triglycerides", True),
        # 1.69 mmol/L is 149.68 mg/dL: below 1.7 as shown, and below 150
        ("male", {"triglycerides_mg_dl": tg_mmol(1.69)}, "triglycerides", False),
        ("male", {"hdl_mg_dl": chol_mmol(0.99)}, "hdl", True),
        ("male", {"hdl_mg_dl": chol_mmol(1.0)}, "hdl", False),
        # 1.29 mmol/L is 49.88 mg/dL, "<50"; in SI it is compared with 1.3 and is below too
        ("female", {"hdl_mg_dl": chol_mmol(1.29)}, "hdl", True),
        ("female", {"hdl_mg_dl": chol_mmol(1.3)}, "hdl", False),
        # 1.02 mmol/L is 39.44 mg/dL: "<40" in mg/dL, but not below the published 1.0
        ("male", {"hdl_mg_dl": chol_mmol(1.02)}, "hdl", False),
        ("male", {"glucose_mg_dl": glucose_mmol(5.6)}, "glucose", True),
        ("male", {"glucose_mg_dl": glucose_mmol(5.59)}, "glucose", False),
    ],
)
def test_metabolic_syndrome_edges_in_si(sex, overrides, criterion, met):
    si = {"glucose", "cholesterol", "triglycerides"}
    assert mets(sex, si=si, **overrides)[criterion].met is met


def test_si_thresholds_are_written_with_their_published_values():
    result = mets("female", si={"glucose", "cholesterol", "triglycerides"})
    assert result["triglycerides"].threshold.startswith("≥1.7 mmol/L")
    assert result["hdl"].threshold.startswith("<1.3 mmol/L (women)")
    assert result["glucose"].threshold.startswith("fasting ≥5.6 mmol/L")
    assert masld("male", si={"cholesterol"})["hdl"].threshold.startswith("≤1.0 mmol/L (men)")


def test_an_unknown_si_analyte_is_an_error():
    with pytest.raises(ValueError, match="SI"):
        mets(si={"insulin"})


@pytest.mark.parametrize("item", ["triglycerides", "hdl", "blood_pressure", "glucose"])
def test_treatment_meets_a_criterion_whatever_the_value(item):
    result = mets(treated={item})
    assert result[item].met is True
    assert result[item].treated is True


def test_treatment_meets_a_criterion_without_a_value():
    result = mets(triglycerides_mg_dl=None, treated=frozenset({"triglycerides"}))
    assert result["triglycerides"].met is True


def test_a_missing_value_makes_its_criterion_unknown_and_names_it():
    result = mets(hdl_mg_dl=None)
    assert result["hdl"].met is None
    assert result["hdl"].missing == ("hdl",)


@pytest.mark.parametrize(
    ("overrides", "present"),
    [
        # 2 met, 1 unknown: a third could still be met
        ({"waist_cm": 110, "triglycerides_mg_dl": 200, "hdl_mg_dl": None}, None),
        # 1 met, 2 unknown: still possible
        ({"waist_cm": 110, "hdl_mg_dl": None, "glucose_mg_dl": None}, None),
        # 1 met, 1 unknown: at most 2, so not present
        ({"waist_cm": 110, "hdl_mg_dl": None}, False),
        # 3 met, 2 unknown: present whatever the unknowns
        (
            {
                "waist_cm": 110,
                "triglycerides_mg_dl": 200,
                "hdl_mg_dl": 30,
                "systolic": None,
                "diastolic": None,
                "glucose_mg_dl": None,
            },
            True,
        ),
    ],
)
def test_metabolic_syndrome_present_with_unknowns(overrides, present):
    assert mets(**overrides).present is present


@pytest.mark.parametrize(
    ("systolic", "diastolic", "met"),
    [(120, None, None), (None, 80, None), (135, None, True), (None, 90, True), (120, 80, False)],
)
def test_blood_pressure_needs_both_parts_to_be_ruled_out(systolic, diastolic, met):
    assert mets(systolic=systolic, diastolic=diastolic)["blood_pressure"].met is met


@pytest.mark.parametrize(
    ("criterion", "overrides", "met"),
    [
        ("waist", {"waist_cm": 110}, True),  # ≥102 and ≥88: met for either sex
        ("waist", {"waist_cm": 95}, None),  # ≥88 but <102: depends on sex
        ("waist", {"waist_cm": 80}, False),
        ("hdl", {"hdl_mg_dl": 35}, True),
        ("hdl", {"hdl_mg_dl": 45}, None),
        ("hdl", {"hdl_mg_dl": 55}, False),
    ],
)
def test_unknown_sex_decides_only_when_both_cutoffs_agree(criterion, overrides, met):
    result = mets(None, **overrides)
    assert result[criterion].met is met
    assert ("sex" in result[criterion].missing) is (met is None)


def test_metabolic_syndrome_rejects_bad_arguments():
    with pytest.raises(ValueError, match="population"):
        mets(population="Martian")
    with pytest.raises(ValueError, match="treated"):
        mets(treated={"statin"})
    with pytest.raises(ValueError, match="sex"):
        mets("F")
    with pytest.raises(ValueError, match="waist_cm"):
        mets(waist_cm=-1)


def test_every_waist_population_has_both_cutoffs_and_a_source():
    for cutoff in clinical.WAIST_CUTOFFS.values():
        assert cutoff.male > 0 and cutoff.female > 0 and cutoff.source


# --- MASLD cardiometabolic criteria ---------------------------------------------------------


def masld(sex="male", **values):
    return clinical.masld_risk_factors(sex, **values)


HEALTHY_MASLD = dict(
    bmi=22,
    waist_cm=80,
    glucose_mg_dl=90,
    hba1c_percent=5.2,
    systolic=115,
    diastolic=75,
    triglycerides_mg_dl=100,
    hdl_mg_dl=60,
)


def test_masld_worked_example():
    result = masld(**{**HEALTHY_MASLD, "bmi": 27})
    assert [c.key for c in result] == [
        "body_size",
        "glucose",
        "triglycerides",
        "hdl",
        "blood_pressure",
    ]
    assert result.met_count == 1
    assert result.present is True
    assert result.source == clinical.MASLD_2023


def test_masld_none_met_when_all_known_and_healthy():
    result = masld(**HEALTHY_MASLD)
    assert (result.met_count, result.unknown_count, result.present) == (0, 0, False)


def test_masld_undetermined_when_nothing_is_met_and_something_is_unknown():
    result = masld(**{**HEALTHY_MASLD, "hdl_mg_dl": None})
    assert result.present is None


@pytest.mark.parametrize(
    ("values", "met"),
    [
        ({"bmi": 25}, True),
        ({"bmi": below(25)}, None),  # the waist may still meet it: unknown until measured
        ({"bmi": below(25), "waist_cm": 94}, False),
        ({"bmi": 23, "bmi_cutoffs": "Asian"}, True),
        ({"bmi": below(23), "bmi_cutoffs": "Asian", "waist_cm": 80}, False),
        # the Asian BMI cut-off follows the BMI setting, not the waist population
        ({"bmi": 23, "population": "Asian", "waist_cm": 80}, False),
        ({"bmi": 23, "population": "US", "bmi_cutoffs": "Asian"}, True),
        ({"waist_cm": 94}, None),  # "above" the cut-off: strictly greater; BMI unknown
        ({"waist_cm": 94, "bmi": 22}, False),
        ({"waist_cm": above(94)}, True),
        ({"bmi": 22, "waist_cm": 95}, True),
        # US: the consensus's 94 / 80 cm, not the metabolic syndrome's 102 / 88
        ({"bmi": 22, "waist_cm": 95, "population": "US"}, True),
        ({"bmi": 22, "waist_cm": 94, "population": "US"}, False),
        # Asian: the ethnicity-adjusted 90 cm
        ({"bmi": 22, "waist_cm": above(90), "population": "Asian"}, True),
        ({"bmi": 22, "waist_cm": 90, "population": "Asian"}, False),
        ({}, None),
    ],
)
def test_masld_body_size_edges(values, met):
    assert masld(**values)["body_size"].met is met


def test_masld_waist_for_women_uses_the_female_cutoff():
    assert masld("female", bmi=22, waist_cm=80)["body_size"].met is False
    assert masld("female", bmi=22, waist_cm=above(80))["body_size"].met is True
    assert masld("female", bmi=22, waist_cm=81, population="US")["body_size"].met is True


def test_masld_a_low_bmi_without_a_waist_names_the_waist_as_missing():
    criterion = masld(bmi=22)["body_size"]
    assert criterion.met is None
    assert criterion.missing == ("waist_cm",)


def test_masld_rejects_an_unknown_bmi_setting():
    with pytest.raises(ValueError, match="bmi_cutoffs"):
        masld(bmi_cutoffs="Martian")


def test_masld_unknown_sex_with_an_ambiguous_waist_is_undetermined():
    # 90 cm is above 80 (women) but not 94 (men); a normal BMI does not settle it.
    result = masld(None, bmi=22, waist_cm=90)
    assert result["body_size"].met is None
    assert "sex" in result["body_size"].missing


@pytest.mark.parametrize(
    ("values", "met"),
    [
        ({"glucose_mg_dl": 100}, True),
        ({"glucose_mg_dl": below(100)}, False),
        ({"hba1c_percent": 5.7}, True),
        ({"hba1c_percent": below(5.7)}, False),
        ({"glucose_mg_dl": 90, "hba1c_percent": 5.8}, True),
        ({"ogtt_2h_mg_dl": 140}, True),
        ({"ogtt_2h_mg_dl": below(140)}, False),
        ({"glucose_mg_dl": 90, "ogtt_2h_mg_dl": 150}, True),
        # in SI: the published 5.6 and 7.8 mmol/L, 39 mmol/mol
        ({"glucose_mg_dl": glucose_mmol(5.6), "si": {"glucose"}}, True),
        ({"glucose_mg_dl": glucose_mmol(5.59), "si": {"glucose"}}, False),
        # 5.55 mmol/L is 99.99 mg/dL: below 100, and below 5.6 in SI too
        ({"glucose_mg_dl": glucose_mmol(5.55), "si": {"glucose"}}, False),
        ({"ogtt_2h_mg_dl": glucose_mmol(7.8), "si": {"glucose"}}, True),
        ({"ogtt_2h_mg_dl": glucose_mmol(7.79), "si": {"glucose"}}, False),
        ({"hba1c_percent": units.to_canonical("hba1c", 39, "mmol/mol"), "si": {"hba1c"}}, True),
        ({"hba1c_percent": units.to_canonical("hba1c", 38, "mmol/mol"), "si": {"hba1c"}}, False),
        ({"diabetes": True}, True),
        ({"treated": {"glucose"}}, True),
        ({}, None),
    ],
)
def test_masld_glucose_edges(values, met):
    assert masld(**values)["glucose"].met is met


TG_SI = {"triglycerides"}


@pytest.mark.parametrize(
    ("sex", "values", "criterion", "met"),
    [
        ("male", {"triglycerides_mg_dl": 150}, "triglycerides", True),
        ("male", {"triglycerides_mg_dl": below(150)}, "triglycerides", False),
        (
            "male",
            {"triglycerides_mg_dl": tg_mmol(1.7), "si": {"triglycerides"}},
            "triglycerides",
            True,
        ),
        (
            "male",
            {"triglycerides_mg_dl": tg_mmol(1.69), "si": {"triglycerides"}},
            "triglycerides",
            False,
        ),
        # MASLD's HDL is "≤" (Rinella 2023), unlike the metabolic syndrome's "<"
        ("male", {"hdl_mg_dl": 40}, "hdl", True),
        ("male", {"hdl_mg_dl": above(40)}, "hdl", False),
        ("female", {"hdl_mg_dl": 50}, "hdl", True),
        ("female", {"hdl_mg_dl": above(50)}, "hdl", False),
        ("male", {"hdl_mg_dl": chol_mmol(1.0), "si": {"cholesterol"}}, "hdl", True),
        ("male", {"hdl_mg_dl": chol_mmol(1.01), "si": {"cholesterol"}}, "hdl", False),
        ("female", {"hdl_mg_dl": chol_mmol(1.3), "si": {"cholesterol"}}, "hdl", True),
        ("female", {"hdl_mg_dl": chol_mmol(1.31), "si": {"cholesterol"}}, "hdl", False),
        ("male", {"treated": {"hdl"}, "hdl_mg_dl": 60}, "hdl", True),
        ("male", {"treated": {"triglycerides"}, "triglycerides_mg_dl": 90}, "triglycerides", True),
        ("male", {"systolic": 130, "diastolic": 80}, "blood_pressure", True),
        ("male", {"systolic": 129, "diastolic": 85}, "blood_pressure", True),
        ("male", {"systolic": 129, "diastolic": 84}, "blood_pressure", False),
        ("male", {"treated": {"blood_pressure"}}, "blood_pressure", True),
    ],
)
def test_masld_shared_criterion_edges(sex, values, criterion, met):
    assert masld(sex, **values)[criterion].met is met


# --- Ages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1970, 6, 15), date(2020, 6, 14), 49),
        (date(1970, 6, 15), date(2020, 6, 15), 50),
        (date(2000, 2, 29), date(2001, 2, 28), 0),
        (date(2000, 2, 29), date(2001, 3, 1), 1),
        (date(2000, 2, 29), date(2004, 2, 29), 4),
    ],
)
def test_age_in_completed_years(birth, on, age):
    assert clinical.age_in_years(birth, on) == age


def test_age_before_birth_is_an_error():
    with pytest.raises(ValueError):
        clinical.age_in_years(date(2000, 1, 2), date(2000, 1, 1))
