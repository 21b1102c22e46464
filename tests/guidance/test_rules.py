"""The guidance rules, one by one: each fires on the facts it names and stays quiet
otherwise, edges included. Pure: Facts are built by hand, no database."""

import re
from datetime import date, timedelta

import pytest

from tracker.guidance import library
from tracker.guidance.facts import (
    ActivityFacts,
    AlcoholFacts,
    BloodPressureFacts,
    CriteriaFacts,
    Facts,
    Fib4Facts,
    Reading,
    ScoreFacts,
    SleepFacts,
    WeekMinutes,
    WeightFacts,
)
from tracker.guidance.rules import BY_ID, RULES, group_by_metric, notes_for
from tracker.science import clinical, units
from tracker.science.conditions import conditions

TODAY = date(2026, 11, 21)
LAB_DAY = date(2026, 10, 3)


def facts(**fields) -> Facts:
    """An account with some data and nothing else notable (recent labs, no findings)."""
    return Facts(**{"today": TODAY, "has_any_data": True, "last_lab_date": LAB_DAY, **fields})


def fired(found: Facts) -> set[str]:
    return {note.rule_id for note in notes_for(found)}


def note_of(found: Facts, rule_id: str) -> str:
    return next(note.text for note in notes_for(found) if note.rule_id == rule_id)


def weight(lost_percent=0.0, baseline=100.0, unit="kg", **fields) -> WeightFacts:
    current = baseline * (1 - lost_percent / 100)
    return WeightFacts(
        **{
            "unit": unit,
            "baseline_kg": baseline,
            "baseline_date": date(2026, 1, 1),
            "current_kg": current,
            "as_of": TODAY,
            "lost_percent": lost_percent,
            "weekly_rate_kg": -0.5,
            "rate_days": 14,
            "pace_caution": False,
            **fields,
        }
    )


def fib4(value, age=50) -> Fib4Facts:
    category = clinical.fib4_category(value, age)
    return Fib4Facts(
        reading=Reading(value, LAB_DAY),
        category=category.key,
        age=age,
        reliable=category.reliable,
        low_cutoff=clinical.FIB4_LOW_65 if age >= 65 else clinical.FIB4_LOW,
        source=category.source,
    )


def activity(*minutes, goal=150) -> ActivityFacts:
    mondays = [date(2026, 11, 2), date(2026, 11, 9)][-len(minutes) :] if minutes else []
    weeks = zip(mondays, minutes, strict=True)
    return ActivityFacts(goal, tuple(WeekMinutes(monday, float(m)) for monday, m in weeks))


def alcohol(drinks) -> AlcoholFacts:
    return AlcoholFacts(drinks=drinks, grams=drinks * 14, days_logged=7)


def syndrome(*met) -> CriteriaFacts:
    return CriteriaFacts(met=met, total=5, needed=3, source=clinical.HARMONIZED)


def masld(*met) -> CriteriaFacts:
    return CriteriaFacts(met=met, total=5, needed=1, source=clinical.MASLD_2023)


def lab(value) -> Reading:
    return Reading(value, LAB_DAY)


def si(analyte, value) -> float:
    """A value typed in SI units, as it is stored (canonical)."""
    return units.to_canonical(analyte, value, clinical.SI_UNIT[analyte])


SI = frozenset({"glucose", "cholesterol", "triglycerides", "hba1c"})


def score(category, value=0.0) -> ScoreFacts:
    return ScoreFacts(lab(value), category, "a source 2000")


def bp(systolic, diastolic) -> BloodPressureFacts:
    return BloodPressureFacts(systolic, diastolic, "average of 3 readings, 1 Nov – 20 Nov 2026")


def sleep(hours) -> SleepFacts:
    return SleepFacts(hours, 5)


DIABETES = conditions("type2", {}, [])


# One case where each rule fires, and a close case where it stays quiet.
FIRES = {
    "first_run": Facts(today=TODAY),
    "weight_below_5": facts(weight=weight(4.99)),
    "weight_between_milestones": facts(weight=weight(5.0)),
    "weight_past_10": facts(weight=weight(10.0)),
    "loss_too_fast": facts(weight=weight(3, weekly_rate_kg=-1.4, pace_caution=True)),
    "activity_below_goal_2_weeks": facts(activity=activity(149, 90)),
    "alcohol_above_threshold": facts(sex="female", alcohol=alcohol(10)),
    "alt_above_limit": facts(sex="female", alt=Reading(26, LAB_DAY)),
    "fib4_indeterminate": facts(fib4=fib4(1.30)),
    "fib4_high": facts(fib4=fib4(2.68)),
    "homa_ir_high": facts(homa_ir=Reading(2.5, LAB_DAY)),
    "metabolic_syndrome_met": facts(
        metabolic_syndrome=syndrome("Waist circumference", "HDL cholesterol", "Blood pressure")
    ),
    "no_recent_labs": facts(last_lab_date=TODAY - timedelta(days=184)),
    "lsm_indeterminate": facts(lsm=lab(8.0)),
    "lsm_high": facts(lsm=lab(12.1)),
    "cap_fat": facts(cap=lab(248)),
    "nfs_indeterminate": facts(nfs=score("indeterminate", -1.0)),
    "nfs_high": facts(nfs=score("high", 0.7)),
    "apri_indeterminate": facts(apri=score("indeterminate", 0.6)),
    "apri_high": facts(apri=score("high", 1.6)),
    "glucose_diabetes_range": facts(glucose=lab(126)),
    "diabetes_check_fib4": facts(conditions=DIABETES),
    "blood_pressure_raised": facts(blood_pressure=bp(130, 80)),
    "blood_pressure_stage_2": facts(blood_pressure=bp(120, 90)),
    "triglycerides_high": facts(triglycerides=lab(150)),
    "hdl_low": facts(sex="male", hdl=lab(39.9)),
    "masld_criteria_met": facts(masld=masld("Triglycerides")),
    "bmi_above_cutoff": facts(bmi=lab(25.0)),
    "waist_above_cutoff": facts(sex="female", waist=lab(88)),
    "sleep_under_7_hours": facts(sleep=sleep(6.9)),
    "alcohol_with_possible_scarring": facts(alcohol=alcohol(1), fib4=fib4(1.30)),
}
QUIET = {
    "first_run": facts(),
    "weight_below_5": facts(weight=weight(5.0)),
    "weight_between_milestones": facts(weight=weight(10.0)),
    "weight_past_10": facts(weight=weight(9.99)),
    "loss_too_fast": facts(weight=weight(3, weekly_rate_kg=-1.4, pace_caution=False)),
    "activity_below_goal_2_weeks": facts(activity=activity(150, 90)),
    "alcohol_above_threshold": facts(sex="female", alcohol=alcohol(9.5)),
    "alt_above_limit": facts(sex="female", alt=Reading(25, LAB_DAY)),
    "fib4_indeterminate": facts(fib4=fib4(1.29)),
    "fib4_high": facts(fib4=fib4(2.67)),
    "homa_ir_high": facts(homa_ir=Reading(2.49, LAB_DAY)),
    "metabolic_syndrome_met": facts(
        metabolic_syndrome=syndrome("Waist circumference", "Blood pressure")
    ),
    "no_recent_labs": facts(last_lab_date=TODAY - timedelta(days=183)),
    "lsm_indeterminate": facts(lsm=lab(7.9)),
    "lsm_high": facts(lsm=lab(12.0)),
    "cap_fat": facts(cap=lab(247)),
    "nfs_indeterminate": facts(nfs=score("low", -1.5)),
    "nfs_high": facts(nfs=score("indeterminate", 0.676)),
    "apri_indeterminate": facts(apri=score("low", 0.5)),
    "apri_high": facts(apri=score("indeterminate", 1.5)),
    "glucose_diabetes_range": facts(glucose=lab(125.9), hba1c=lab(6.4)),
    "diabetes_check_fib4": facts(conditions=DIABETES, fib4=fib4(1.0)),
    "blood_pressure_raised": facts(blood_pressure=bp(129, 84)),
    "blood_pressure_stage_2": facts(blood_pressure=bp(139, 89)),
    "triglycerides_high": facts(triglycerides=lab(149.9)),
    "hdl_low": facts(sex="male", hdl=lab(40)),
    "masld_criteria_met": facts(masld=masld()),
    "bmi_above_cutoff": facts(bmi=lab(24.99)),
    "waist_above_cutoff": facts(sex="female", waist=lab(87.9)),
    "sleep_under_7_hours": facts(sleep=sleep(7.0)),
    "alcohol_with_possible_scarring": facts(alcohol=alcohol(1), fib4=fib4(1.29)),
}


@pytest.mark.parametrize(
    ("found", "rule_id", "fires"),
    [
        # SI units: the published cut-offs decide, as the number is shown
        (facts(si=SI, glucose=lab(si("glucose", 7.0))), "glucose_diabetes_range", True),
        (facts(si=SI, glucose=lab(si("glucose", 6.9))), "glucose_diabetes_range", False),
        (facts(si=SI, hba1c=lab(si("hba1c", 48))), "glucose_diabetes_range", True),
        (facts(si=SI, hba1c=lab(si("hba1c", 47))), "glucose_diabetes_range", False),
        (facts(hba1c=lab(6.5)), "glucose_diabetes_range", True),
        (facts(si=SI, triglycerides=lab(si("triglycerides", 1.7))), "triglycerides_high", True),
        (facts(si=SI, triglycerides=lab(si("triglycerides", 1.69))), "triglycerides_high", False),
        (facts(si=SI, sex="female", hdl=lab(si("cholesterol", 1.29))), "hdl_low", True),
        (facts(si=SI, sex="female", hdl=lab(si("cholesterol", 1.3))), "hdl_low", False),
        (facts(si=SI, sex="male", hdl=lab(si("cholesterol", 1.02))), "hdl_low", False),
        (facts(sex="female", hdl=lab(49.9)), "hdl_low", True),
        # unknown sex: low only when below both cut-offs
        (facts(hdl=lab(45)), "hdl_low", False),
        (facts(hdl=lab(39)), "hdl_low", True),
        # diagnosed diabetes: no pointer to a second test
        (facts(conditions=DIABETES, glucose=lab(140)), "glucose_diabetes_range", False),
        (facts(conditions=conditions("prediabetes", {}, [])), "diabetes_check_fib4", True),
        (facts(conditions=conditions("none", {}, ["metformin"])), "diabetes_check_fib4", False),
        (facts(blood_pressure=bp(125, 85)), "blood_pressure_raised", True),
        (facts(blood_pressure=bp(140, 70)), "blood_pressure_stage_2", True),
        (facts(blood_pressure=bp(140, 70)), "blood_pressure_raised", False),  # stage 2 instead
        (facts(bmi=lab(23.0), bmi_cutoffs="Asian"), "bmi_above_cutoff", True),
        (facts(bmi=lab(22.9), bmi_cutoffs="Asian"), "bmi_above_cutoff", False),
        (facts(sex="male", waist=lab(102)), "waist_above_cutoff", True),
        (facts(sex="male", waist=lab(101.9)), "waist_above_cutoff", False),
        (facts(sex="male", waist=lab(94), waist_population="Europid"), "waist_above_cutoff", True),
        (facts(alcohol=alcohol(0), fib4=fib4(2.7)), "alcohol_with_possible_scarring", False),
        (facts(alcohol=alcohol(1), nfs=score("high")), "alcohol_with_possible_scarring", True),
        (facts(alcohol=alcohol(1), lsm=lab(8.0)), "alcohol_with_possible_scarring", True),
        (facts(alcohol=alcohol(1), lsm=lab(7.9)), "alcohol_with_possible_scarring", False),
    ],
)
def test_new_rules_at_their_edges_in_both_units(found, rule_id, fires):
    assert (rule_id in fired(found)) is fires


def test_lab_notes_speak_the_persons_units_and_the_published_si_cutoff():
    text = note_of(facts(si=SI, triglycerides=lab(si("triglycerides", 1.8))), "triglycerides_high")
    assert "1.80 mmol/L" in text and "1.7 mmol/L" in text and "mg/dL" not in text
    text = note_of(facts(sex="female", hdl=lab(45)), "hdl_low")
    assert "45 mg/dL" in text and "50 mg/dL" in text and "for women" in text


def test_the_waist_note_speaks_the_persons_length_unit():
    text = note_of(facts(sex="female", waist=lab(90), length_unit="in"), "waist_above_cutoff")
    assert "35.4 in" in text and "34.6 in" in text and "cm" not in text


def test_the_blood_pressure_note_mentions_a_stated_treatment():
    treated = conditions("", {"blood_pressure": "yes"}, [])
    text = note_of(facts(conditions=treated, blood_pressure=bp(142, 88)), "blood_pressure_stage_2")
    assert "142/88 mmHg" in text and "AHA/ACC 2025" in text
    assert "blood pressure medicine" in text


def test_every_rule_has_a_firing_and_a_quiet_case():
    assert set(FIRES) == set(BY_ID) == set(QUIET)


@pytest.mark.parametrize("rule_id", sorted(FIRES))
def test_each_rule_fires_on_the_data_it_names(rule_id):
    assert rule_id in fired(FIRES[rule_id])


@pytest.mark.parametrize("rule_id", sorted(QUIET))
def test_each_rule_stays_quiet_just_outside_it(rule_id):
    assert rule_id not in fired(QUIET[rule_id])


def test_an_account_with_nothing_notable_gets_no_notes():
    assert notes_for(facts()) == []


@pytest.mark.parametrize("rule_id", sorted(FIRES))
def test_every_note_is_one_or_two_sentences(rule_id):
    text = note_of(FIRES[rule_id], rule_id)
    # A sentence ends at ". X" (a capital follows) or at the end; "et al. 2015" does not.
    assert 1 <= len(re.findall(r"[.!?](?:\s+(?=[A-Z])|$)", text)) <= 2, text


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_links_to_articles_that_exist(rule):
    assert 1 <= len(rule.articles) <= 2
    for slug in rule.articles:
        assert library.exists(slug), slug


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_belongs_to_a_chart_or_a_page_top(rule):
    for metric in rule.metrics:
        # a chart, a score or checklist of the scores page, or the top of a page
        shown = (*library.CHART_METRICS, *library.INDEX_METRICS, "bmi", "overview", "labs")
        assert metric in shown
    assert rule.source


def test_notes_are_grouped_by_chart_and_the_first_run_note_is_the_dashboards_alone():
    # The empty labs page says how to add a report; a note about a first weight there
    # would read as another page's message.
    grouped = group_by_metric(notes_for(Facts(today=TODAY)))
    assert set(grouped) == {"overview"}
    assert grouped["overview"][0].rule_id == "first_run"
    assert grouped["overview"][0].articles == BY_ID["first_run"].articles


# --- first run and labs ---------------------------------------------------------------------


def test_a_first_run_gets_no_lab_reminder_and_no_other_note():
    assert fired(Facts(today=TODAY)) == {"first_run"}


def test_with_data_but_no_labs_the_reminder_says_no_labs_yet():
    found = facts(last_lab_date=None)
    assert fired(found) == {"no_recent_labs"}
    assert note_of(found, "no_recent_labs").startswith("No lab results yet")


def test_the_stale_labs_note_gives_the_date_and_says_the_6_months_are_our_own():
    text = note_of(facts(last_lab_date=date(2026, 3, 2)), "no_recent_labs")
    assert "2 Mar 2026" in text
    assert "LiverLog's own, not a guideline" in text


# --- ALT ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "value", "fires"),
    [
        ("female", 25, False),
        ("female", 25.5, True),
        ("male", 33, False),
        ("male", 34, True),
        (None, 30, False),  # above the women's limit, but the sex is unknown
        (None, 34, True),
    ],
)
def test_alt_is_compared_with_the_limit_for_the_persons_sex(sex, value, fires):
    assert ("alt_above_limit" in fired(facts(sex=sex, alt=Reading(value, LAB_DAY)))) is fires


def test_the_alt_note_gives_the_value_date_limit_and_source():
    text = note_of(facts(sex="female", alt=Reading(41, LAB_DAY)), "alt_above_limit")
    assert "41 U/L on 3 Oct 2026" in text
    assert "25 U/L" in text and "for women" in text and "ACG 2017" in text
    assert "doctor" in text


def test_with_sex_unknown_the_alt_note_says_which_limit_it_used():
    text = note_of(facts(alt=Reading(41, LAB_DAY)), "alt_above_limit")
    assert "33 U/L" in text and "does not give your sex" in text


# --- FIB-4 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "age", "expected"),
    [
        (1.29, 50, set()),
        (1.30, 50, {"fib4_indeterminate"}),
        (2.67, 50, {"fib4_indeterminate"}),
        (2.68, 50, {"fib4_high"}),
        (1.99, 70, set()),  # from 65 the low cut-off is 2.0 (McPherson 2017)
        (2.0, 70, {"fib4_indeterminate"}),
    ],
)
def test_fib4_bands_follow_shah_and_mcpherson(value, age, expected):
    assert fired(facts(fib4=fib4(value, age))) & {"fib4_indeterminate", "fib4_high"} == expected


def test_the_fib4_indeterminate_note_suggests_asking_about_a_fibroscan():
    text = note_of(facts(fib4=fib4(1.62)), "fib4_indeterminate")
    assert "1.62 (3 Oct 2026)" in text
    assert "1.30 to 2.67 (Shah 2009)" in text
    assert "ask your doctor whether a FibroScan is worth doing" in text
    assert "unreliable" not in text


def test_the_fib4_note_names_the_older_cut_off_from_65():
    text = note_of(facts(fib4=fib4(2.2, age=70)), "fib4_indeterminate")
    assert "2.0 to 2.67 from age 65" in text and "McPherson 2017" in text


def test_the_fib4_note_warns_it_is_unreliable_under_35():
    text = note_of(facts(fib4=fib4(3.1, age=30)), "fib4_high")
    assert "unreliable under 35" in text
    assert "not a diagnosis" in text


# --- HOMA-IR --------------------------------------------------------------------------------


def test_the_homa_ir_note_calls_2_5_a_convention_not_a_guideline():
    text = note_of(facts(homa_ir=Reading(3.104, LAB_DAY)), "homa_ir_high")
    assert "3.10" in text and "3 Oct 2026" in text
    assert "a common convention" in text and "not a guideline cut-off" in text


# --- Weight ---------------------------------------------------------------------------------

WEIGHT_RULES = {"weight_below_5", "weight_between_milestones", "weight_past_10"}


@pytest.mark.parametrize(
    ("lost", "expected"),
    [
        (-2.0, "weight_below_5"),
        (0.0, "weight_below_5"),
        (4.99, "weight_below_5"),
        (5.0, "weight_between_milestones"),
        (9.99, "weight_between_milestones"),
        (10.0, "weight_past_10"),
        (14.0, "weight_past_10"),
    ],
)
def test_exactly_one_weight_band_note_fires(lost, expected):
    assert fired(facts(weight=weight(lost))) & WEIGHT_RULES == {expected}


def test_no_weighing_means_no_weight_note():
    assert not fired(facts()) & (WEIGHT_RULES | {"loss_too_fast"})


def test_below_5_the_note_gives_the_loss_and_the_5_percent_line():
    text = note_of(facts(weight=weight(2.3, baseline=98.0)), "weight_below_5")
    assert "2.3 % (2.3 kg) below your starting weight of 98.0 kg" in text
    assert "5 %, at 93.1 kg" in text and "AASLD 2023" in text


def test_just_under_5_percent_never_reads_as_5():
    text = note_of(facts(weight=weight(4.96)), "weight_below_5")
    assert "4.9 %" in text and "5.0 %" not in text


def test_after_a_gain_the_note_gives_the_trend_without_blame():
    text = note_of(facts(weight=weight(-1.0, baseline=98.0)), "weight_below_5")
    assert text.startswith("Your trend is at 99.0 kg, against a starting weight of 98.0 kg.")


def test_the_weight_notes_use_the_persons_unit():
    text = note_of(
        facts(weight=weight(8.0, baseline=100.0, unit="lb")), "weight_between_milestones"
    )
    assert "220.5 lb" in text and "kg" not in text


def test_between_milestones_the_note_names_the_next_line():
    seven = weight(6.0, next_milestone_percent=7.0, next_milestone_kg=93.0)
    assert "Next is 7 % at 93.0 kg" in note_of(facts(weight=seven), "weight_between_milestones")
    ten = weight(8.9, baseline=98.0, next_milestone_percent=10.0, next_milestone_kg=88.2)
    text = note_of(facts(weight=ten), "weight_between_milestones")
    assert "8.9 %" in text and "Next is 10 % at 88.2 kg" in text and "Vilar-Gomez" in text


def test_past_10_the_note_cites_vilar_gomez_and_the_doctor():
    text = note_of(facts(weight=weight(11.0)), "weight_past_10")
    assert "11.0 % (11.0 kg)" in text and "Vilar-Gomez et al. 2015" in text and "doctor" in text


def test_the_fast_loss_note_gives_the_rate_and_the_guideline_pace():
    fast = weight(3, weekly_rate_kg=-1.43, pace_caution=True)
    text = note_of(facts(weight=fast), "loss_too_fast")
    assert "1.4 kg a week over the last 14 days" in text
    assert (
        "0.5–1 kg a week" in text
        and "EASL–EASD–EASO 2016" in text
        and "Andersen et al. 1991" in text
    )


def test_a_rate_just_over_1_kg_does_not_read_as_1_kg():
    fast = weight(3, weekly_rate_kg=-1.04, pace_caution=True)
    assert "fallen just over 1.0 kg a week" in note_of(facts(weight=fast), "loss_too_fast")


def test_the_fast_loss_note_in_pounds_keeps_the_kg_band_beside_it():
    fast = weight(3, unit="lb", weekly_rate_kg=-1.43, pace_caution=True)
    text = note_of(facts(weight=fast), "loss_too_fast")
    assert "3.2 lb a week" in text and "1.1–2.2 lb (0.5–1 kg)" in text


# --- Activity -------------------------------------------------------------------------------


def test_one_low_week_is_not_enough():
    assert "activity_below_goal_2_weeks" not in fired(facts(activity=activity(60)))


def test_no_exercise_log_means_no_activity_note():
    assert "activity_below_goal_2_weeks" not in fired(facts(activity=None))


def test_the_activity_note_gives_both_weeks_and_the_guideline():
    text = note_of(facts(activity=activity(90, 110)), "activity_below_goal_2_weeks")
    assert "90 and 110 minutes" in text and "your goal of 150 minutes a week" in text
    assert "Physical Activity Guidelines for Americans (2018)" in text


def test_a_personal_goal_is_used_and_the_guideline_still_named():
    found = facts(activity=activity(160, 180, goal=200))
    text = note_of(found, "activity_below_goal_2_weeks")
    assert "your goal of 200 minutes a week (the guideline minimum is 150)" in text
    assert "activity_below_goal_2_weeks" not in fired(facts(activity=activity(200, 100, goal=200)))


# --- Alcohol --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "drinks", "fires"),
    [
        ("female", 9.5, False),  # 133 g
        ("female", 10, True),  # 140 g: the MetALD range starts here
        ("male", 14.5, False),  # 203 g
        ("male", 15, True),  # 210 g
        ("male", 10, False),
        (None, 10, True),  # the lower start when the sex is unknown
        (None, 9.5, False),
    ],
)
def test_alcohol_is_compared_with_the_metald_start_for_the_sex(sex, drinks, fires):
    found = facts(sex=sex, alcohol=alcohol(drinks))
    assert ("alcohol_above_threshold" in fired(found)) is fires


def test_the_alcohol_note_gives_drinks_grams_and_rinella():
    text = note_of(facts(sex="male", alcohol=alcohol(16)), "alcohol_above_threshold")
    assert "16 drinks (224 g of alcohol) in the last 7 days" in text
    assert "For men the MetALD range starts at 210 g a week (Rinella et al. 2023)" in text


def test_the_alcohol_note_with_sex_unknown_names_both_figures():
    text = note_of(facts(alcohol=alcohol(10)), "alcohol_above_threshold")
    assert "140 g a week for women and 210 g for men" in text


# --- Metabolic syndrome ---------------------------------------------------------------------


def test_the_metabolic_syndrome_note_lists_the_criteria_met():
    found = facts(
        metabolic_syndrome=syndrome("Waist circumference", "HDL cholesterol", "Blood pressure")
    )
    text = note_of(found, "metabolic_syndrome_met")
    assert "3 of the 5" in text
    assert "waist circumference, HDL cholesterol and blood pressure" in text
    assert "Alberti et al. 2009" in text and "doctor" in text


def bound(qualifier, value) -> Reading:
    return Reading(value, LAB_DAY, qualifier)


@pytest.mark.parametrize(
    "found, quiet",
    [
        # "< 8 kPa" is below the indeterminate range, not at its edge.
        (facts(lsm=bound("<", 8.0)), ("lsm_indeterminate", "lsm_high")),
        (facts(alcohol=alcohol(1), lsm=bound("<", 8.0)), ("alcohol_with_possible_scarring",)),
        # "< 50 U/L" may be under a woman's limit of 25 or over it: no note either way.
        (facts(sex="female", alt=bound("<", 50)), ("alt_above_limit",)),
        (facts(cap=bound("<", 260)), ("cap_fat",)),
    ],
)
def test_a_bound_that_does_not_settle_a_rule_keeps_it_quiet(found, quiet):
    assert not fired(found) & set(quiet)


@pytest.mark.parametrize(
    "found, rule_id, shown",
    [
        (facts(lsm=bound(">", 75.0)), "lsm_high", "> 75"),
        (facts(sex="female", alt=bound(">", 300)), "alt_above_limit", "> 300 U/L"),
        (facts(cap=bound("≥", 400)), "cap_fat", "≥ 400 dB/m"),
    ],
)
def test_a_bound_that_settles_a_rule_is_quoted_with_its_sign(found, rule_id, shown):
    assert rule_id in fired(found)
    assert shown in note_of(found, rule_id)
