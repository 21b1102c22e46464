"""tracker/derived.py: lab series, flags, indices over time and the checklists."""

from datetime import date, timedelta

import pytest

from tests.factories import (
    BloodPressureFactory,
    LabReportFactory,
    LabResultFactory,
    MeasurementFactory,
    WeightFactory,
    record_of,
)
from tracker import display
from tracker.labs import scores as derived
from tracker.models import LabResult

DAY = date(2026, 6, 15)


def report_with(user, day=DAY, fasting=True, **values):
    """One report holding canonical values: report_with(alice, glucose=100, insulin=10)."""
    report = LabReportFactory(user=user, date=day, fasting=fasting)
    for key, value in values.items():
        LabResultFactory(user=user, report=report, test_key=key, value=value)
    return report


def point(user, key, day=DAY):
    found = [p for p in derived.index_history(record_of(user)) if p.key == key and p.date == day]
    assert len(found) == 1, f"expected one {key} point on {day}, got {found}"
    return found[0]


@pytest.fixture
def aged(alice):
    """Alice, born 15 June 1970: 55 on 14 June 2026, 56 on 15 June 2026."""
    alice.profile.date_of_birth = date(1970, 6, 15)
    alice.profile.save()
    return alice


# --- Series and display ---------------------------------------------------------------------


def test_lab_series_is_oldest_first_with_canonical_values(alice, bob):
    report_with(alice, DAY, alt=30)
    report_with(alice, DAY - timedelta(days=90), alt=50)
    report_with(bob, DAY, alt=99)
    series = derived.lab_series(record_of(alice), "alt")
    assert [(p.date, p.value) for p in series] == [(DAY - timedelta(days=90), 50), (DAY, 30)]


def test_lab_series_rejects_an_unknown_test(alice):
    with pytest.raises(KeyError):
        derived.lab_series(record_of(alice), "nonsense")


def test_glucose_shows_in_mmol_per_litre_when_the_profile_asks(alice):
    from tracker.science import labs

    glucose = labs.get("glucose")
    assert display.value_text(glucose, 100, alice.profile) == "100 mg/dL"
    alice.profile.lab_units = "mmol/L"
    assert display.value_text(glucose, 90, alice.profile) == "5.0 mmol/L"
    # 100 mg/dL is 5.55 mmol/L, below the published 5.6: one more decimal keeps the
    # number on the side of the cut-off it is judged on.
    assert display.value_text(glucose, 100, alice.profile) == "5.55 mmol/L"
    # ALT has no SI choice in the profile: it stays in U/L.
    assert display.value_text(labs.get("alt"), 44, alice.profile) == "44 U/L"


# --- Flags ----------------------------------------------------------------------------------


def flags_of(user, **kwargs):
    result = LabResultFactory(user=user, **kwargs)
    return {flag.kind: flag for flag in derived.flags(result, user.profile)}


def test_alt_above_the_lab_range_shows_both_flags_and_names_each(alice):
    found = flags_of(alice, value=58, lab_low=7, lab_high=56, lab_low_typed=7, lab_high_typed=56)
    assert found["lab"].text == "High: outside the lab's own range, 7–56 U/L"
    assert found["guideline"].text == (
        "Above the healthy upper limit: >25 U/L for women, ACG 2017 (Kwo)"
    )
    assert (found["lab"].mark, found["guideline"].mark) == ("H", "G")


def test_alt_inside_the_lab_range_can_still_be_above_the_guideline_limit(alice):
    found = flags_of(alice, value=44, lab_low=7, lab_high=56, lab_low_typed=7, lab_high_typed=56)
    assert set(found) == {"guideline"}


def test_a_typical_range_flags_a_test_without_guideline_cutoffs_when_no_lab_range(alice):
    found = flags_of(alice, test_key="ast", value=45)
    assert set(found) == {"typical"}
    assert "up to 40 U/L" in found["typical"].text
    assert "the lab printed no range" in found["typical"].text


def test_low_hdl_is_a_low_guideline_flag_for_women(alice):
    found = flags_of(alice, test_key="hdl", value=45)
    assert found["guideline"].direction == "low"
    assert found["guideline"].text.startswith("Low: <50 mg/dL for women")


def test_a_value_in_range_has_no_flags(alice):
    assert flags_of(alice, value=20, lab_low=7, lab_high=56) == {}


# --- Indices --------------------------------------------------------------------------------


def test_homa_ir_comes_from_glucose_and_insulin_of_the_same_report(alice):
    # 5.625 mmol/L (stored as 101.34 mg/dL) × 10 µIU/mL / 22.5 = 2.5 exactly
    report_with(alice, glucose=5.625 * 18.016, insulin=10)
    homa = point(alice, "homa_ir")
    assert homa.value == 2.5
    assert homa.value_text == "2.50"
    assert homa.category.key == "above"  # 2.5 is "at or above" the common convention
    assert [(i.name, i.value_text, i.date) for i in homa.inputs] == [
        ("Glucose", "101 mg/dL", DAY),
        ("Insulin", "10.0 µIU/mL", DAY),
    ]
    assert homa.missing == []
    assert homa.note == ""


def test_homa_ir_just_under_the_convention_is_below(alice):
    report_with(alice, glucose=5.62 * 18.016, insulin=10)
    assert point(alice, "homa_ir").category.key == "below"


@pytest.mark.parametrize("key", ["homa_ir", "homa_b", "tyg"])
def test_fasting_indices_say_when_fasting_is_not_recorded(alice, key):
    report_with(alice, fasting=None, glucose=100, insulin=10, triglycerides=150)
    found = point(alice, key)
    assert found.value is not None
    assert found.note == derived.FASTING_NOT_CONFIRMED


def test_homa_ir_does_not_pair_insulin_from_another_day(alice):
    report_with(alice, glucose=100)
    report_with(alice, DAY - timedelta(days=3), insulin=10)
    homa = point(alice, "homa_ir")
    assert homa.value is None
    assert homa.needs_text == "needs fasting insulin from the same day"


def test_glucose_from_a_report_marked_not_fasting_is_not_used(alice):
    report_with(alice, fasting=False, glucose=100, insulin=10)
    assert not [p for p in derived.index_history(record_of(alice)) if p.key == "homa_ir"]


def test_fib4_names_the_missing_platelets(aged):
    report_with(aged, ast=30, alt=40)
    fib4 = point(aged, "fib4")
    assert fib4.value is None
    assert fib4.missing == ["platelets"]
    assert fib4.needs_text == "needs platelets"


def test_fib4_uses_platelets_up_to_30_days_before_but_not_31(aged):
    report_with(aged, DAY - timedelta(days=30), platelets=200)
    report_with(aged, ast=30, alt=36)
    fib4 = point(aged, "fib4")
    # 56 × 30 / (200 × 6) = 1.4
    assert fib4.value == pytest.approx(1.4)
    assert ("Platelets", DAY - timedelta(days=30)) in [(i.name, i.date) for i in fib4.inputs]
    assert fib4.category.key == "indeterminate"

    later = DAY + timedelta(days=1)
    report_with(aged, later, ast=30, alt=36)
    assert point(aged, "fib4", later).needs_text == "needs platelets"


def test_age_comes_from_the_date_of_birth_at_the_lab_date(aged):
    report_with(aged, DAY - timedelta(days=1), ast=30, alt=36, platelets=200)
    report_with(aged, DAY, ast=30, alt=36, platelets=200)
    before, on = point(aged, "fib4", DAY - timedelta(days=1)), point(aged, "fib4", DAY)
    assert ("Age", "55 years") in [(i.name, i.value_text) for i in before.inputs]
    assert ("Age", "56 years") in [(i.name, i.value_text) for i in on.inputs]
    assert on.value / before.value == pytest.approx(56 / 55)


def test_fib4_without_a_date_of_birth_asks_for_it(alice):
    report_with(alice, ast=30, alt=36, platelets=200)
    assert point(alice, "fib4").missing == ["date of birth (in your profile)"]


@pytest.mark.parametrize("offset", [-30, 30])
def test_bmi_uses_a_weight_within_30_days_either_side(alice, offset):
    WeightFactory(user=alice, date=DAY + timedelta(days=offset), weight_kg=81.675)
    report_with(alice, alt=30)
    bmi = point(alice, "bmi")
    assert bmi.value == pytest.approx(30.0)  # 81.675 / 1.65²
    assert ("Weight", "81.7 kg", DAY + timedelta(days=offset)) in [
        (i.name, i.value_text, i.date) for i in bmi.inputs
    ]


@pytest.mark.parametrize("offset", [-31, 31])
def test_bmi_does_not_use_a_weight_31_days_away(alice, offset):
    WeightFactory(user=alice, date=DAY + timedelta(days=offset))
    report_with(alice, alt=30)
    bmi = point(alice, "bmi")
    assert bmi.value is None
    assert bmi.needs_text == "needs a weight within 30 days"


def test_bmi_uses_the_nearest_weight(alice):
    WeightFactory(user=alice, date=DAY - timedelta(days=10), weight_kg=90)
    WeightFactory(user=alice, date=DAY + timedelta(days=2), weight_kg=80)
    report_with(alice, alt=30)
    assert point(alice, "bmi").inputs[0].date == DAY + timedelta(days=2)


def test_apri_uses_the_lab_printed_ast_upper_limit_when_there_is_one(alice):
    report = report_with(alice, platelets=200)
    LabResultFactory(user=alice, report=report, test_key="ast", value=50, lab_high=50)
    apri = point(alice, "apri")
    assert apri.value == pytest.approx(0.5)  # (50 / 50) / 200 × 100
    assert "AST upper limit" in [i.name for i in apri.inputs]


def test_a_fibroscan_only_date_has_no_blood_scores(aged):
    report_with(aged, ast=30, alt=36, platelets=200)
    report_with(aged, DAY + timedelta(days=5), cap=300)
    keys = {p.key for p in derived.index_history(record_of(aged)) if p.date != DAY}
    assert keys == {"bmi", "waist_to_height"}


def test_the_nafld_score_is_computed_from_all_its_inputs(aged):
    WeightFactory(user=aged, date=DAY, weight_kg=81.675)  # BMI 30
    report_with(aged, ast=30, alt=30, platelets=200, albumin=4.0, glucose=105)
    nfs = point(aged, "nfs")
    expected = -1.675 + 0.037 * 56 + 0.094 * 30 + 1.13 + 0.99 - 0.013 * 200 - 0.66 * 4
    assert nfs.value == pytest.approx(expected)
    assert nfs.category is not None


def test_latest_indices_give_the_newest_point_of_each_index(alice):
    report_with(alice, DAY - timedelta(days=90), glucose=100, insulin=20)
    report_with(alice, glucose=90, insulin=9)
    latest = derived.latest_indices(record_of(alice))
    assert latest["homa_ir"].date == DAY
    assert latest["homa_ir"].value == pytest.approx(90 / 18.016 * 9 / 22.5)


def test_index_history_reads_the_record_and_runs_no_query(alice, django_assert_num_queries):
    for n in range(12):
        report_with(alice, DAY - timedelta(days=20 * n), glucose=100, insulin=10, alt=30, ast=25)
        WeightFactory(user=alice, date=DAY - timedelta(days=20 * n))
    record = record_of(alice)
    with django_assert_num_queries(0):
        points = derived.index_history(record)
    assert len({p.date for p in points}) == 12


# --- Checklists -----------------------------------------------------------------------------


@pytest.fixture
def checklist_data(alice):
    today = date(2026, 11, 20)
    MeasurementFactory(user=alice, date=today - timedelta(days=5), waist_cm=90)
    WeightFactory(user=alice, date=today - timedelta(days=2), weight_kg=70)  # BMI 25.7
    report_with(alice, today - timedelta(days=40), glucose=105, triglycerides=120)
    BloodPressureFactory(user=alice, date=today - timedelta(days=3), systolic=135, diastolic=80)
    BloodPressureFactory(user=alice, date=today - timedelta(days=10), systolic=125, diastolic=80)
    # Older than 30 days: left out of the average.
    BloodPressureFactory(user=alice, date=today - timedelta(days=31), systolic=180, diastolic=110)
    return derived.checklist_inputs(record_of(alice, end=today))


def test_checklists_say_met_not_met_and_unknown_from_the_latest_data(alice, checklist_data):
    metabolic, masld = derived.checklists(record_of(alice, end=date(2026, 11, 20)))
    met = {criterion.key: criterion.met for criterion in metabolic}
    assert met == {
        "waist": True,  # 90 ≥ 88 cm for women (US)
        "triglycerides": False,
        "hdl": None,  # never measured
        "blood_pressure": True,  # average 130/80
        "glucose": True,
    }
    assert metabolic.present is True
    assert metabolic["hdl"].missing == ("hdl",)
    assert masld["body_size"].met is True
    assert masld.present is True


def test_blood_pressure_is_the_average_of_the_last_30_days_and_says_so(checklist_data):
    assert checklist_data.values["systolic"] == 130
    assert checklist_data.values["diastolic"] == 80
    assert "average of 2 readings" in checklist_data.shown["systolic"].value_text


def test_an_average_reaching_before_a_short_period_says_so(alice):
    end = date(2026, 11, 20)
    BloodPressureFactory(user=alice, date=date(2026, 11, 1), systolic=130, diastolic=80)
    BloodPressureFactory(user=alice, date=date(2026, 11, 18), systolic=120, diastolic=80)
    short = derived.checklist_inputs(record_of(alice, start=date(2026, 11, 14), end=end))
    assert short.values["systolic"] == 125
    text = short.shown["systolic"].value_text
    assert (
        text
        == "125/80 mmHg (average of 2 readings, 1 Nov – 18 Nov 2026, from before this period too)"
    )
    month = derived.checklist_inputs(record_of(alice, start=date(2026, 10, 20), end=end))
    assert "before this period" not in month.shown["systolic"].value_text


def test_without_recent_readings_the_latest_blood_pressure_is_used_and_named(alice):
    BloodPressureFactory(user=alice, date=date(2026, 9, 1), systolic=128, diastolic=84)
    inputs = derived.checklist_inputs(record_of(alice, end=date(2026, 11, 20)))
    assert inputs.values["systolic"] == 128
    assert "latest reading" in inputs.shown["systolic"].value_text


def test_a_latest_result_given_as_a_bound_leaves_its_criterion_unknown(alice):
    report_with(alice, date(2026, 6, 1), triglycerides=100, hdl=60)
    report_with(alice, date(2026, 10, 1), triglycerides=300, hdl=60)
    LabResult.objects.filter(test_key="triglycerides", value=300).update(qualifier=">")
    record = record_of(alice, end=date(2026, 11, 20))
    metabolic, masld = derived.checklists(record)
    assert metabolic["triglycerides"].met is None  # not the older 100, nor the bound
    assert masld["triglycerides"].met is None
    assert metabolic["hdl"].met is False
    shown = derived.checklist_inputs(record).shown["triglycerides"]
    assert shown.value_text == "> 300 mg/dL (a bound, so not used)"
    assert shown.date == date(2026, 10, 1)


def test_a_two_hour_glucose_counts_in_the_masld_glucose_criterion(alice):
    report_with(alice, glucose=90, hba1c=5.2, glucose_2h=145)
    _metabolic, masld = derived.checklists(record_of(alice))
    assert masld["glucose"].met is True
    assert masld["glucose"].inputs["ogtt_2h"] == 145


def test_a_person_reading_si_units_gets_the_published_si_cutoffs(alice):
    # 1.29 mmol/L HDL in a woman: below the published 1.3 for both sets; 1.3 meets MASLD's ≤.
    alice.profile.lab_units = "mmol/L"
    report_with(alice, hdl=1.3 * 38.67, triglycerides=1.69 * 88.57)
    metabolic, masld = derived.checklists(record_of(alice))
    assert metabolic["hdl"].met is False and masld["hdl"].met is True
    assert metabolic["triglycerides"].met is False
    assert metabolic["hdl"].threshold.startswith("<1.3 mmol/L (women)")


def test_masld_uses_the_bmi_setting_and_the_consensus_waist(alice):
    alice.profile.bmi_cutoffs = "Asian"
    alice.profile.height_cm = 170
    WeightFactory(user=alice, date=date(2026, 11, 1), weight_kg=23.2 * 1.7**2)
    _metabolic, masld = derived.checklists(record_of(alice))
    assert masld["body_size"].met is True  # BMI 23.2 ≥ 23
    alice.profile.bmi_cutoffs = "WHO"
    MeasurementFactory(user=alice, date=date(2026, 11, 1), waist_cm=82)
    metabolic, masld = derived.checklists(record_of(alice))
    assert metabolic["waist"].met is False  # US: ≥88 cm for women
    assert masld["body_size"].met is True  # MASLD: >80 cm for women


def test_checklists_with_no_data_are_all_unknown(alice):
    metabolic, masld = derived.checklists(record_of(alice))
    assert {c.met for c in metabolic} == {None}
    assert metabolic.present is None and masld.present is None


# --- Demo -----------------------------------------------------------------------------------


def test_the_demo_labs_improve_over_the_year_and_stop_before_today(alice):
    from tracker.demo import labs as demo_labs

    today = date(2026, 11, 21)
    demo_labs.add_labs(alice, today - timedelta(days=364), today)
    alt = derived.lab_series(record_of(alice), "alt")
    assert [p.value for p in alt] == [58, 44, 31, 24]
    assert today - timedelta(days=30) <= alt[-1].date <= today
    homa = [p for p in derived.index_history(record_of(alice)) if p.key == "homa_ir"]
    assert [round(p.value, 1) for p in homa] == [4.8, 3.6, 2.7, 2.2]
    assert [p.value for p in derived.lab_series(record_of(alice), "cap")] == [310, 255]
    assert derived.lab_series(record_of(alice), "cap")[-1].date <= today
    first_alt = alt[0].result
    assert {f.kind for f in derived.flags(first_alt, alice.profile)} == {"lab", "guideline"}


def test_si_criteria_analytes_leave_out_what_has_no_criteria_cutoff(alice, monkeypatch):
    monkeypatch.setattr(derived, "SI_ANALYTES", frozenset({"glucose", "insulin", "creatinine"}))
    alice.profile.lab_units = "mmol/L"
    assert derived.si_analytes(alice.profile) == {"glucose"}
    derived.checklists(record_of(alice))  # no error for the analytes left out
    alice.profile.lab_units = "mg/dL"
    assert derived.si_analytes(alice.profile) == frozenset()
