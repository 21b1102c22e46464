"""Which articles and which personal note to show beside a chart, from a person's facts.

Pure: the rules read a Facts value (facts.py) and never the database. Each rule is data:
an id, the chart(s) it belongs to, the article slugs it points to, the source of its
threshold, a predicate and a note builder. Notes are one or two sentences, in the
person's units, naming where each threshold comes from; they never diagnose and they
send decisions to the doctor.

Chart keys are those of the dashboard and lab pages (see library.CHART_METRICS), plus
"overview" (the top of the dashboard) and "labs" (the top of the labs page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.display import bound_text, cutoff_length_in, day_text, weight_in, weight_range_in
from tracker.science import clinical, labs, trends, units
from tracker.science.bounds import surely_above, surely_at_least, surely_within

if TYPE_CHECKING:  # only for hints: the rules need no database
    from tracker.guidance.facts import Facts, Fib4Facts, Reading, ScoreFacts, WeightFacts

# Thresholds that live nowhere else. The rest come from clinical.py and labs.py.
METALD_START_G_PER_WEEK = {"female": 140.0, "male": 210.0}  # Rinella et al. 2023
FIRST_LINE_PERCENT = 5.0  # liver fat falls (AASLD 2023, EASL-EASD-EASO 2024)
INFLAMMATION_LINE_PERCENT = 7.0
FULL_LINE_PERCENT = 10.0  # usually needed for fibrosis (Vilar-Gomez 2015)
LABS_STALE_AFTER_DAYS = 183  # about 6 months: LiverLog's own reminder, not a guideline
PACE_BAND_KG = (0.5, 1.0)  # kg a week (CLINICAL.md §6)
STAGE_2_BP = (140.0, 90.0)  # mmHg, systolic or diastolic: stage 2 (AHA/ACC 2025)
SLEEP_HOURS_MIN = 7.0  # AASM and SRS consensus (Watson et al. 2015)


@dataclass(frozen=True)
class Note:
    rule_id: str
    metric: str
    text: str
    articles: tuple[str, ...]  # article slugs
    source: str


@dataclass(frozen=True)
class Rule:
    id: str
    metrics: tuple[str, ...]
    articles: tuple[str, ...]
    source: str
    applies: Callable[[Facts], bool]
    note: Callable[[Facts], str]


# --- Wording helpers ------------------------------------------------------------------------


def percent_text(value: float) -> str:
    # Rounded down as on the dashboard (trends.tenths_down): one number on every page.
    return f"{trends.tenths_down(value):.1f} %"


def number_text(value: float, decimals: int) -> str:
    return units.format_value(value, decimals)


def count_text(value: float, noun: str) -> str:
    shown = units.plain(units.round_to(value, 1))
    return f"{shown} {noun}" + ("" if shown == "1" else "s")


def joined(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def lowered(label: str) -> str:
    """ "Waist circumference" -> "waist circumference", but "HDL cholesterol" stays."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def line_kg(weight: WeightFacts, percent: float) -> float:
    return weight.baseline_kg * (1 - percent / 100)


def lab_value(key: str, value: float) -> str:
    return labs.display(labs.get(key), value)


def reading_text(key: str, reading: Reading) -> str:
    """A latest result as the lab gave it: "44 U/L", or "> 300 U/L" for a bound."""
    return bound_text(reading.qualifier, lab_value(key, reading.value))


# --- First run and labs ---------------------------------------------------------------------


def first_run_note(facts: Facts) -> str:
    return (
        "Nothing is logged yet. A first weight on the Today page sets your starting point, "
        "and LiverLog then draws the 5, 7 and 10 % lines that liver guidelines use "
        "(AASLD 2023)."
    )


def labs_due(facts: Facts) -> bool:
    if not facts.has_any_data:
        return False  # the first-run note covers an empty account
    if facts.last_lab_date is None:
        return True
    return (facts.today - facts.last_lab_date).days > LABS_STALE_AFTER_DAYS


def labs_due_note(facts: Facts) -> str:
    if facts.last_lab_date is None:
        return (
            "No lab results yet. With ALT, AST and platelets LiverLog can work out your FIB-4 "
            "score, and with fasting glucose and insulin your HOMA-IR; ask your doctor which "
            "tests make sense for you."
        )
    return (
        f"Your latest lab report is from {day_text(facts.last_lab_date)}, more than 6 months "
        "ago. The 6-month reminder is LiverLog's own, not a guideline: ask your doctor when "
        "your next tests are due."
    )


# --- Lab values and scores ------------------------------------------------------------------


def alt_limit(facts: Facts) -> float:
    # Sex unknown: the higher (men's) limit, so that the note is true for either sex.
    return labs.ALT_ULN[facts.sex or "male"]


def alt_above(facts: Facts) -> bool:
    alt = facts.alt
    return alt is not None and surely_above(alt.qualifier, alt.value, alt_limit(facts))


def alt_note(facts: Facts) -> str:
    reading, limit = facts.alt, alt_limit(facts)
    whose = {"female": "for women", "male": "for men"}.get(facts.sex or "", "for men")
    unknown = (
        f" ({lab_value('alt', labs.ALT_ULN['female'])} for women; your profile does not give "
        "your sex, so the higher limit is used)"
        if facts.sex is None
        else " (many labs print a higher limit)"
    )
    return (
        f"Your latest ALT, {reading_text('alt', reading)} on {day_text(reading.date)}, is "
        f"above {lab_value('alt', limit)}, the healthy upper limit {whose} in the ACG 2017 "
        f"guideline{unknown}. ALT can rise for many reasons, so ask your doctor what it means "
        "together with your other results."
    )


def fib4_in(category: str) -> Callable[[Facts], bool]:
    return lambda facts: facts.fib4 is not None and facts.fib4.category == category


def fib4_text(fib4: Fib4Facts) -> str:
    value = number_text(fib4.reading.value, clinical.DISPLAY_DECIMALS["fib4"])
    return f"Your latest FIB-4, {value} ({day_text(fib4.reading.date)})"


def young_caveat(fib4: Fib4Facts) -> str:
    if fib4.reliable:
        return ""
    return f", though FIB-4 is unreliable under {clinical.FIB4_MIN_RELIABLE_AGE}"


def fib4_indeterminate_note(facts: Facts) -> str:
    fib4 = facts.fib4
    older = fib4.low_cutoff != clinical.FIB4_LOW
    band = (
        f"{fib4.low_cutoff:.1f} to {clinical.FIB4_HIGH:.2f} from age {clinical.OLDER_AGE} "
        "(Shah 2009; McPherson 2017)"
        if older
        else f"{clinical.FIB4_LOW:.2f} to {clinical.FIB4_HIGH:.2f} (Shah 2009)"
    )
    return (
        f"{fib4_text(fib4)}, is in the indeterminate range, {band}{young_caveat(fib4)}. "
        "AASLD 2023 suggests a second test at this level: ask your doctor whether a "
        "FibroScan is worth doing."
    )


def fib4_high_note(facts: Facts) -> str:
    fib4 = facts.fib4
    return (
        f"{fib4_text(fib4)}, is above {clinical.FIB4_HIGH:.2f}, the high-risk range of Shah "
        f"2009{young_caveat(fib4)}. It is a risk estimate, not a diagnosis: please go through "
        "it with your doctor, who may suggest a FibroScan or a liver specialist (AASLD 2023)."
    )


def homa_ir_high(facts: Facts) -> bool:
    return facts.homa_ir is not None and facts.homa_ir.value >= clinical.HOMA_IR_COMMON_CUTOFF


def homa_ir_note(facts: Facts) -> str:
    reading = facts.homa_ir
    value = number_text(reading.value, clinical.DISPLAY_DECIMALS["homa_ir"])
    return (
        f"Your latest HOMA-IR is {value}, from fasting glucose and insulin of "
        f"{day_text(reading.date)}. {clinical.HOMA_IR_COMMON_CUTOFF:g} or more is a common "
        "convention for insulin resistance, not a guideline cut-off, and values compare best "
        "within one lab; your doctor can say what it means for you."
    )


def metabolic_syndrome_met(facts: Facts) -> bool:
    found = facts.metabolic_syndrome
    return found is not None and found.met_count >= found.needed


def metabolic_syndrome_note(facts: Facts) -> str:
    found = facts.metabolic_syndrome
    return (
        f"Your latest numbers meet {found.met_count} of the {found.total} metabolic syndrome "
        f"criteria: {joined(lowered(label) for label in found.met)}. The harmonized "
        f"definition (Alberti et al. 2009) counts {found.needed} or more as metabolic "
        "syndrome; it is worth going through the list with your doctor."
    )


# --- Weight ---------------------------------------------------------------------------------


def weight_band(low: float | None, high: float | None) -> Callable[[Facts], bool]:
    """Loss in [low, high) per cent of the baseline; None leaves that side open."""

    def applies(facts: Facts) -> bool:
        if facts.weight is None:
            return False
        lost = facts.weight.lost_percent
        return (low is None or lost >= low) and (high is None or lost < high)

    return applies


def lost_text(weight: WeightFacts) -> str:
    """ "8.9 % (8.7 kg) of your starting weight of 98.0 kg" """
    return (
        f"{percent_text(weight.lost_percent)} ({weight_in(weight.lost_kg, weight.unit)}) of "
        f"your starting weight of {weight_in(weight.baseline_kg, weight.unit)}"
    )


def weight_below_5_note(facts: Facts) -> str:
    weight = facts.weight
    first_line = weight_in(line_kg(weight, FIRST_LINE_PERCENT), weight.unit)
    if weight.lost_percent >= 0.1:
        where = (
            f"You are {percent_text(weight.lost_percent)} "
            f"({weight_in(weight.lost_kg, weight.unit)}) below your starting weight of "
            f"{weight_in(weight.baseline_kg, weight.unit)}."
        )
    else:
        where = (
            f"Your trend is at {weight_in(weight.current_kg, weight.unit)}, against a "
            f"starting weight of {weight_in(weight.baseline_kg, weight.unit)}."
        )
    return (
        f"{where} The first milestone is {FIRST_LINE_PERCENT:g} %, at {first_line}: with "
        f"about {FIRST_LINE_PERCENT:g} % weight loss, liver fat usually falls (AASLD 2023; "
        "EASL–EASD–EASO 2024)."
    )


def weight_between_note(facts: Facts) -> str:
    weight = facts.weight
    percent = weight.next_milestone_percent or FULL_LINE_PERCENT
    target = weight.next_milestone_kg or line_kg(weight, percent)
    why = (
        "the level at which inflammation often calms (AASLD 2023)"
        if percent < FULL_LINE_PERCENT
        else "in Vilar-Gomez et al. 2015, people who lost 10 % or more saw the most benefit, "
        "including less scarring"
    )
    return (
        f"You have lost {lost_text(weight)}, past the {FIRST_LINE_PERCENT:g} % line where "
        f"liver fat usually falls. Next is {percent:g} % at {weight_in(target, weight.unit)}: "
        f"{why}."
    )


def weight_past_10_note(facts: Facts) -> str:
    return (
        f"You have lost {lost_text(facts.weight)}, past the {FULL_LINE_PERCENT:g} % line. In "
        "Vilar-Gomez et al. 2015 that much loss brought the most benefit, including less "
        "scarring; keeping it off matters as much now, and your doctor can say whether more "
        "loss would help you."
    )


def loss_too_fast(facts: Facts) -> bool:
    return facts.weight is not None and facts.weight.pace_caution


def pace_band_text(unit: str) -> str:
    low, high = PACE_BAND_KG
    if unit == "kg":
        return f"{low:g}–{high:g} kg"
    return f"{weight_range_in(low, high, unit)} ({low:g}–{high:g} kg)"


def loss_too_fast_note(facts: Facts) -> str:
    weight = facts.weight
    rate = weight_in(abs(weight.weekly_rate_kg or 0), weight.unit)
    limit = weight_in(PACE_BAND_KG[1], weight.unit)
    if units.round_to(abs(weight.weekly_rate_kg or 0), 1) <= PACE_BAND_KG[1]:
        rate = f"just over {limit}"  # 1.04 kg would read "1.0 kg", as if within the band
    return (
        f"Your trend has fallen {rate} a week over the last {weight.rate_days} days, faster "
        f"than the {pace_band_text(weight.unit)} a week that European liver guidelines suggest "
        "(EASL–EASD–EASO 2016). Very fast loss has been linked to new liver inflammation "
        "(Andersen et al. 1991), so if it is not part of a plan with your doctor, mention it "
        "to them."
    )


# --- Activity and alcohol -------------------------------------------------------------------


def activity_below_goal(facts: Facts) -> bool:
    activity = facts.activity
    if activity is None or len(activity.weeks) < 2:
        return False
    return all(week.minutes < activity.goal_minutes for week in activity.weeks[-2:])


def activity_note(facts: Facts) -> str:
    activity = facts.activity
    minutes = joined(f"{week.minutes:g}" for week in activity.weeks[-2:])
    guideline = trends.ACTIVITY_TARGET_MINUTES
    goal = f"your goal of {activity.goal_minutes} minutes a week"
    if activity.goal_minutes != guideline:
        goal += f" (the guideline minimum is {guideline})"
    return (
        f"In the last two full weeks you logged {minutes} minutes of moderate activity (a "
        f"vigorous minute counts as two), below {goal}. The {guideline}-minute figure comes "
        "from the Physical Activity Guidelines for Americans (2018), and 150–240 minutes a "
        "week lowers liver fat even without weight loss (EASL–EASD–EASO 2024)."
    )


def alcohol_limit(facts: Facts) -> float:
    # Sex unknown: the lower (women's) start of the range, the cautious reading.
    return METALD_START_G_PER_WEEK[facts.sex or "female"]


def alcohol_above(facts: Facts) -> bool:
    return facts.alcohol is not None and facts.alcohol.grams >= alcohol_limit(facts)


def alcohol_note(facts: Facts) -> str:
    alcohol = facts.alcohol
    logged = (
        f"You logged {count_text(alcohol.drinks, 'drink')} ({alcohol.grams:g} g of alcohol) "
        f"in the last {alcohol.window_days} days."
    )
    if facts.sex is None:
        women, men = (f"{METALD_START_G_PER_WEEK[s]:g} g" for s in ("female", "male"))
        return (
            f"{logged} The MetALD range starts at {women} a week for women and {men} for men "
            "(Rinella et al. 2023); your profile does not give your sex, so the lower figure "
            "is used, and less is better for a fatty liver."
        )
    who = "women" if facts.sex == "female" else "men"
    return (
        f"{logged} For {who} the MetALD range starts at {alcohol_limit(facts):g} g a week "
        "(Rinella et al. 2023), where alcohol adds to a fatty liver; less is better, and your "
        "doctor can help if cutting down is hard."
    )


# --- Liver stiffness, CAP and the other fibrosis scores -----------------------------------------


def lsm_in(low: float, high: float | None) -> Callable[[Facts], bool]:
    """Liver stiffness in [low, high] kPa (high None: above `low`, strictly)."""

    def applies(facts: Facts) -> bool:
        lsm = facts.lsm
        if lsm is None:
            return False
        if high is None:
            return surely_above(lsm.qualifier, lsm.value, low)
        return surely_within(lsm.qualifier, lsm.value, low, high)

    return applies


def lsm_text(facts: Facts) -> str:
    lsm = facts.lsm
    return f"Your latest liver stiffness, {reading_text('lsm', lsm)} ({day_text(lsm.date)})"


def lsm_indeterminate_note(facts: Facts) -> str:
    return (
        f"{lsm_text(facts)}, is in the indeterminate range, {labs.LSM_LOW:g} to "
        f"{labs.LSM_HIGH:g} kPa (AASLD 2023): advanced scarring is neither ruled out nor likely. "
        "Your doctor may suggest a repeat or another test; stiffness can also read high after "
        "a meal or with inflammation."
    )


def lsm_high_note(facts: Facts) -> str:
    return (
        f"{lsm_text(facts)}, is above {labs.LSM_HIGH:g} kPa, the range where AASLD 2023 sees "
        "advanced scarring as likely. It is not a diagnosis on its own: please go through it "
        "with your doctor, who may suggest a liver specialist and regular follow-up."
    )


def cap_fat(facts: Facts) -> bool:
    cap = facts.cap
    return cap is not None and surely_at_least(cap.qualifier, cap.value, labs.CAP_S1)


def cap_note(facts: Facts) -> str:
    found = labs.guideline_flag(labs.get("cap"), facts.cap.value)
    return (
        f"Your latest CAP, {reading_text('cap', facts.cap)} ({day_text(facts.cap.date)}), is "
        f"in the {found.label} by Karlas et al. 2017. CAP grades liver fat only roughly; with "
        f"about {FIRST_LINE_PERCENT:g} % weight loss, liver fat usually falls (AASLD 2023)."
    )


def score_in(name: str, category: str) -> Callable[[Facts], bool]:
    def applies(facts: Facts) -> bool:
        score = getattr(facts, name)
        return score is not None and score.category == category

    return applies


def score_text(label: str, score: ScoreFacts, decimals: int) -> str:
    value = number_text(score.reading.value, decimals)
    return f"Your latest {label}, {value} ({day_text(score.reading.date)})"


def nfs_note(facts: Facts) -> str:
    nfs = facts.nfs
    text = score_text(
        "NAFLD fibrosis score", nfs, clinical.DISPLAY_DECIMALS["nafld_fibrosis_score"]
    )
    if nfs.category == "high":
        return (
            f"{text}, is above {clinical.NFS_HIGH:g}, the high-risk range ({nfs.source}). It is "
            "a risk estimate, not a diagnosis: your doctor may suggest a FibroScan or a liver "
            "specialist (AASLD 2023)."
        )
    return (
        f"{text}, is in the indeterminate range ({nfs.source}): it neither rules out nor "
        "points to advanced scarring. A second test such as a FibroScan can settle it; ask "
        "your doctor (AASLD 2023)."
    )


def apri_note(facts: Facts) -> str:
    apri = facts.apri
    text = score_text("APRI", apri, clinical.DISPLAY_DECIMALS["apri"])
    where = (
        f"above {clinical.APRI_HIGH:g}, where significant scarring is more likely"
        if apri.category == "high"
        else f"between {clinical.APRI_LOW:g} and {clinical.APRI_HIGH:g}, where it is unclear"
    )
    return (
        f"{text}, is {where} (Wai et al. 2003). APRI was tested mainly in viral hepatitis, so "
        "your doctor will read it together with FIB-4 and your other results."
    )


# --- Glucose, blood pressure, blood fats ----------------------------------------------------


def person_lab_value(facts: Facts, key: str, value: float) -> str:
    """A lab value in the unit this person reads (mmol/L, mmol/mol when they chose SI)."""
    test = labs.get(key)
    unit = clinical.SI_UNIT[test.analyte] if test.analyte in facts.si else None
    return labs.display(test, value, unit)


def cutoff(facts: Facts, analyte: str, op: str, value: float) -> clinical.LabCutoff:
    return clinical.LabCutoff(analyte, op, value, analyte in facts.si)


def diabetes_range_results(facts: Facts) -> list[str]:
    """The latest results in ADA's diabetes range, in words ("fasting glucose 131 mg/dL")."""
    found = []
    glucose = cutoff(facts, "glucose", "≥", clinical.GLUCOSE_DIABETES)
    if facts.glucose and glucose.met(facts.glucose.value):
        value = person_lab_value(facts, "glucose", facts.glucose.value)
        found.append(
            f"fasting glucose of {value} ({day_text(facts.glucose.date)}, {glucose.text()})"
        )
    hba1c = cutoff(facts, "hba1c", "≥", clinical.HBA1C_DIABETES)
    if facts.hba1c and hba1c.met(facts.hba1c.value):
        value = person_lab_value(facts, "hba1c", facts.hba1c.value)
        found.append(f"HbA1c of {value} ({day_text(facts.hba1c.date)}, {hba1c.text()})")
    return found


def glucose_in_diabetes_range(facts: Facts) -> bool:
    # Someone who already told LiverLog of their diabetes needs no pointer to a second test.
    return not facts.conditions.diabetes and bool(diabetes_range_results(facts))


def glucose_diabetes_note(facts: Facts) -> str:
    return (
        f"Your latest {joined(diabetes_range_results(facts))} is in the diabetes range of the "
        "ADA Standards of Care (2026). One result is not a diagnosis: ADA asks for a second "
        "test to confirm, so please talk it over with your doctor soon."
    )


def diabetes_without_fib4(facts: Facts) -> bool:
    return facts.conditions.glucose_condition and facts.fib4 is None


def diabetes_fib4_note(facts: Facts) -> str:
    which = "type 2 diabetes" if facts.conditions.diabetes else "prediabetes"
    return (
        f"Your profile says you have {which}, and the ADA Standards of Care (2026) suggest "
        "checking for liver scarring with the FIB-4 score even when liver tests look normal. "
        "It needs "
        "age, AST, ALT and platelets: ask your doctor whether they can be on your next blood test."
    )


def bp_stage_2(facts: Facts) -> bool:
    bp = facts.blood_pressure
    return bp is not None and (bp.systolic >= STAGE_2_BP[0] or bp.diastolic >= STAGE_2_BP[1])


def bp_raised(facts: Facts) -> bool:
    bp = facts.blood_pressure
    if bp is None or bp_stage_2(facts):
        return False
    return bp.systolic >= clinical.SYSTOLIC_HIGH or bp.diastolic >= clinical.DIASTOLIC_HIGH


def bp_text(facts: Facts) -> str:
    bp = facts.blood_pressure
    return f"Your blood pressure, {bp.systolic:.0f}/{bp.diastolic:.0f} mmHg ({bp.how})"


def bp_treated_text(facts: Facts) -> str:
    if facts.conditions.on("blood_pressure"):
        return " You take a blood pressure medicine, so your doctor may want to review it."
    return ""


def bp_raised_note(facts: Facts) -> str:
    return (
        f"{bp_text(facts)}, is at or above {clinical.SYSTOLIC_HIGH:g}/{clinical.DIASTOLIC_HIGH:g}, "
        "one of the cardiometabolic criteria of MASLD and the metabolic syndrome (Alberti et al. "
        "2009; Rinella et al. 2023). Home readings over a few weeks tell your doctor the most."
        + bp_treated_text(facts)
    )


def bp_stage_2_note(facts: Facts) -> str:
    return (
        f"{bp_text(facts)}, is at or above {STAGE_2_BP[0]:g}/{STAGE_2_BP[1]:g}, stage 2 high "
        "blood pressure in the AHA/ACC 2025 guideline. Please share these readings with your "
        "doctor soon; treating blood pressure protects the heart, brain and kidneys."
        + bp_treated_text(facts)
    )


def triglycerides_high(facts: Facts) -> bool:
    found = facts.triglycerides
    return found is not None and bool(
        cutoff(facts, "triglycerides", "≥", clinical.TRIGLYCERIDES_HIGH).met(found.value)
    )


def triglycerides_note(facts: Facts) -> str:
    found = facts.triglycerides
    limit = cutoff(facts, "triglycerides", "≥", clinical.TRIGLYCERIDES_HIGH)
    return (
        f"Your latest triglycerides, {person_lab_value(facts, 'triglycerides', found.value)} "
        f"({day_text(found.date)}), are at or above {limit.text()[1:]}, a cardiometabolic "
        "criterion of MASLD (Rinella et al. 2023). They often fall with weight loss and less "
        "sugar and alcohol; a fasting test gives the steadiest number."
    )


def hdl_cutoffs(facts: Facts) -> dict[str, clinical.LabCutoff]:
    return {s: cutoff(facts, "cholesterol", "<", clinical.HDL_LOW[s]) for s in clinical.SEXES}


def hdl_low(facts: Facts) -> bool:
    found = facts.hdl
    if found is None:
        return False
    sexes = (facts.sex,) if facts.sex else clinical.SEXES  # unknown sex: low for both
    return all(hdl_cutoffs(facts)[s].met(found.value) for s in sexes)


def hdl_note(facts: Facts) -> str:
    found = facts.hdl
    limits = hdl_cutoffs(facts)
    sex = facts.sex or "male"
    who = "for women" if sex == "female" else "for men"
    return (
        f"Your latest HDL cholesterol, {person_lab_value(facts, 'hdl', found.value)} "
        f"({day_text(found.date)}), is below {limits[sex].text()[1:]}, the level {who} in the "
        "metabolic syndrome criteria (Alberti et al. 2009). Activity, weight loss and not "
        "smoking tend to raise it; your doctor looks at it with your other blood fats."
    )


def masld_criteria_met(facts: Facts) -> bool:
    return facts.masld is not None and facts.masld.met_count >= 1


def masld_note(facts: Facts) -> str:
    found = facts.masld
    return (
        f"Your latest numbers meet {found.met_count} of the {found.total} cardiometabolic "
        f"criteria of the 2023 consensus: {joined(lowered(label) for label in found.met)}. "
        "With fat in the liver and no other cause, one is how the consensus defines MASLD; "
        "only your doctor can make that call (Rinella et al. 2023)."
    )


# --- Body size and sleep --------------------------------------------------------------------


def bmi_cut(facts: Facts) -> float:
    return clinical.BMI_MASLD_ASIAN if facts.bmi_cutoffs == "Asian" else clinical.BMI_MASLD


def bmi_above(facts: Facts) -> bool:
    return facts.bmi is not None and facts.bmi.value >= bmi_cut(facts)


def bmi_note(facts: Facts) -> str:
    category = clinical.bmi_category(facts.bmi.value, facts.bmi_cutoffs)
    return (
        f"Your BMI is {facts.bmi.value:.1f} ({day_text(facts.bmi.date)}), in the "
        f"{category.label} range ({category.source}); {bmi_cut(facts):g} or more is one of the "
        "MASLD criteria. BMI is a rough measure that ignores muscle: your waist adds to it, "
        f"and losing about {FIRST_LINE_PERCENT:g} % of your weight lowers liver fat."
    )


def waist_limit(facts: Facts) -> float | None:
    cut = clinical.WAIST_CUTOFFS[facts.waist_population]
    if facts.sex is None:
        return max(cut.male, cut.female)  # unknown sex: above both cut-offs
    return cut.male if facts.sex == "male" else cut.female


def waist_above(facts: Facts) -> bool:
    return facts.waist is not None and facts.waist.value >= waist_limit(facts)


def waist_note(facts: Facts) -> str:
    cut = clinical.WAIST_CUTOFFS[facts.waist_population]
    waist, limit = (length(cm, facts.length_unit) for cm in (facts.waist.value, waist_limit(facts)))
    return (
        f"Your latest waist, {waist} ({day_text(facts.waist.date)}), is at or above {limit}, "
        f"the {facts.waist_population} threshold from {cut.source} in the metabolic syndrome "
        "criteria (Alberti et al. 2009). Belly fat tracks liver fat closely, so a shrinking "
        "waist is good news even when the scale is slow."
    )


def length(cm: float, unit: str) -> str:
    return cutoff_length_in(cm, unit)


def sleep_short(facts: Facts) -> bool:
    return facts.sleep is not None and facts.sleep.average_hours < SLEEP_HOURS_MIN


def sleep_note(facts: Facts) -> str:
    sleep = facts.sleep
    return (
        f"Over the last {sleep.window_days} days you logged {sleep.average_hours:.1f} hours of "
        f"sleep a night on average ({sleep.nights} nights), under the {SLEEP_HOURS_MIN:g} hours "
        "or more that sleep experts advise for adults (Watson et al. 2015). Short sleep makes "
        "insulin resistance worse; if you snore or wake unrefreshed, tell your doctor."
    )


NOT_LOW = ("indeterminate", "high")


def scarring_possible(facts: Facts) -> bool:
    """A fibrosis score or the liver stiffness is not in its low-risk range."""
    scores = (facts.fib4, facts.nfs)
    if any(score is not None and score.category in NOT_LOW for score in scores):
        return True
    lsm = facts.lsm
    return lsm is not None and surely_at_least(lsm.qualifier, lsm.value, labs.LSM_LOW)


def alcohol_with_scarring(facts: Facts) -> bool:
    return facts.alcohol is not None and facts.alcohol.drinks > 0 and scarring_possible(facts)


def alcohol_scarring_note(facts: Facts) -> str:
    alcohol = facts.alcohol
    return (
        f"You logged {count_text(alcohol.drinks, 'drink')} in the last {alcohol.window_days} "
        "days, and one of your liver scores is not in its low-risk range. When scarring may "
        "be present, liver guidelines advise no alcohol at all (AASLD 2023), so it is worth "
        "talking to your doctor; they can help if stopping is hard."
    )


# --- The rules ------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        "first_run",
        # Not on the labs page: its own empty state says how to add a report, and a note
        # about a first weight there reads as the wrong page's message.
        ("overview",),
        ("fatty-liver-to-fibrosis", "weight-loss-milestones"),
        "AASLD 2023",
        lambda facts: not facts.has_any_data,
        first_run_note,
    ),
    Rule(
        "weight_below_5",
        ("weight",),
        ("weight-loss-milestones", "steady-pace"),
        "AASLD 2023; EASL–EASD–EASO 2024",
        weight_band(None, FIRST_LINE_PERCENT),
        weight_below_5_note,
    ),
    Rule(
        "weight_between_milestones",
        ("weight",),
        ("weight-loss-milestones",),
        "Vilar-Gomez et al. 2015; AASLD 2023",
        weight_band(FIRST_LINE_PERCENT, FULL_LINE_PERCENT),
        weight_between_note,
    ),
    Rule(
        "weight_past_10",
        ("weight",),
        ("weight-loss-milestones", "steady-pace"),
        "Vilar-Gomez et al. 2015",
        weight_band(FULL_LINE_PERCENT, None),
        weight_past_10_note,
    ),
    Rule(
        "loss_too_fast",
        ("weight",),
        ("steady-pace",),
        "EASL–EASD–EASO 2016; Andersen et al. 1991",
        loss_too_fast,
        loss_too_fast_note,
    ),
    Rule(
        "activity_below_goal_2_weeks",
        ("exercise",),
        ("aerobic-exercise", "strength-training"),
        "Physical Activity Guidelines for Americans 2018",
        activity_below_goal,
        activity_note,
    ),
    Rule(
        "alcohol_above_threshold",
        ("alcohol",),
        ("alcohol-and-the-liver",),
        "Rinella et al. 2023 (MetALD)",
        alcohol_above,
        alcohol_note,
    ),
    Rule(
        "alt_above_limit",
        ("alt",),
        ("alt", "ast-and-ggt"),
        "ACG 2017 (Kwo et al.)",
        alt_above,
        alt_note,
    ),
    Rule(
        "fib4_indeterminate",
        ("fib4",),
        ("fib4-and-fibrosis-scores", "liver-imaging"),
        "Sterling 2006; Shah 2009; McPherson 2017; AASLD 2023",
        fib4_in("indeterminate"),
        fib4_indeterminate_note,
    ),
    Rule(
        "fib4_high",
        ("fib4",),
        ("fib4-and-fibrosis-scores", "liver-imaging"),
        "Sterling 2006; Shah 2009; AASLD 2023",
        fib4_in("high"),
        fib4_high_note,
    ),
    Rule(
        "homa_ir_high",
        ("homa_ir",),
        ("homa-ir", "insulin-resistance"),
        "a common convention, not a guideline cut-off",
        homa_ir_high,
        homa_ir_note,
    ),
    Rule(
        "metabolic_syndrome_met",
        ("metabolic_syndrome",),
        ("metabolic-syndrome",),
        "Alberti et al. 2009 (harmonized)",
        metabolic_syndrome_met,
        metabolic_syndrome_note,
    ),
    Rule(
        "lsm_indeterminate",
        ("lsm",),
        ("liver-imaging", "fib4-and-fibrosis-scores"),
        "AASLD 2023",
        lsm_in(labs.LSM_LOW, labs.LSM_HIGH),
        lsm_indeterminate_note,
    ),
    Rule(
        "lsm_high",
        ("lsm",),
        ("liver-imaging", "cirrhosis-and-follow-up"),
        "AASLD 2023",
        lsm_in(labs.LSM_HIGH, None),
        lsm_high_note,
    ),
    Rule(
        "cap_fat",
        ("cap",),
        ("liver-imaging", "weight-loss-milestones"),
        "Karlas et al. 2017",
        cap_fat,
        cap_note,
    ),
    Rule(
        "nfs_indeterminate",
        ("nfs",),
        ("fib4-and-fibrosis-scores", "liver-imaging"),
        "Angulo et al. 2007; AASLD 2023",
        score_in("nfs", "indeterminate"),
        nfs_note,
    ),
    Rule(
        "nfs_high",
        ("nfs",),
        ("fib4-and-fibrosis-scores", "liver-imaging"),
        "Angulo et al. 2007; AASLD 2023",
        score_in("nfs", "high"),
        nfs_note,
    ),
    Rule(
        "apri_indeterminate",
        ("apri",),
        ("fib4-and-fibrosis-scores",),
        "Wai et al. 2003",
        score_in("apri", "indeterminate"),
        apri_note,
    ),
    Rule(
        "apri_high",
        ("apri",),
        ("fib4-and-fibrosis-scores", "liver-imaging"),
        "Wai et al. 2003",
        score_in("apri", "high"),
        apri_note,
    ),
    Rule(
        "glucose_diabetes_range",
        ("glucose", "hba1c"),
        ("glucose-insulin-hba1c", "type-2-diabetes-and-the-liver"),
        "ADA Standards of Care 2026",
        glucose_in_diabetes_range,
        glucose_diabetes_note,
    ),
    Rule(
        "diabetes_check_fib4",
        ("labs",),
        ("type-2-diabetes-and-the-liver", "fib4-and-fibrosis-scores"),
        "ADA Standards of Care 2026",
        diabetes_without_fib4,
        diabetes_fib4_note,
    ),
    Rule(
        "blood_pressure_raised",
        ("blood_pressure",),
        ("blood-pressure", "heart-and-blood-vessels"),
        "Alberti et al. 2009; Rinella et al. 2023",
        bp_raised,
        bp_raised_note,
    ),
    Rule(
        "blood_pressure_stage_2",
        ("blood_pressure",),
        ("blood-pressure", "kidneys-and-insulin-resistance"),
        "AHA/ACC 2025",
        bp_stage_2,
        bp_stage_2_note,
    ),
    Rule(
        "triglycerides_high",
        ("triglycerides",),
        ("blood-lipids", "heart-and-blood-vessels"),
        "Rinella et al. 2023",
        triglycerides_high,
        triglycerides_note,
    ),
    Rule(
        "hdl_low",
        ("hdl",),
        ("blood-lipids", "smoking"),
        "Alberti et al. 2009",
        hdl_low,
        hdl_note,
    ),
    Rule(
        "masld_criteria_met",
        ("masld_risk",),
        ("fatty-liver-to-fibrosis", "metabolic-syndrome"),
        "Rinella et al. 2023",
        masld_criteria_met,
        masld_note,
    ),
    Rule(
        "bmi_above_cutoff",
        ("bmi",),
        ("bmi-and-waist", "weight-loss-medicines-and-surgery"),
        "WHO 2000 / WHO 2004; Rinella et al. 2023",
        bmi_above,
        bmi_note,
    ),
    Rule(
        "waist_above_cutoff",
        ("waist",),
        ("bmi-and-waist",),
        "Alberti et al. 2009",
        waist_above,
        waist_note,
    ),
    Rule(
        "sleep_under_7_hours",
        ("sleep",),
        ("sleep-and-stress",),
        "Watson et al. 2015 (AASM and SRS)",
        sleep_short,
        sleep_note,
    ),
    Rule(
        "alcohol_with_possible_scarring",
        ("alcohol",),
        ("alcohol-and-the-liver", "fib4-and-fibrosis-scores"),
        "AASLD 2023",
        alcohol_with_scarring,
        alcohol_scarring_note,
    ),
    Rule(
        "no_recent_labs",
        ("labs",),
        ("doctor-visit", "fib4-and-fibrosis-scores"),
        "LiverLog's 6-month reminder, not a guideline",
        labs_due,
        labs_due_note,
    ),
)
BY_ID = {rule.id: rule for rule in RULES}


def notes_for(facts: Facts, rules: Iterable[Rule] = RULES) -> list[Note]:
    """A note per rule that applies and per chart it belongs to, in rule order."""
    notes = []
    for rule in rules:
        if rule.applies(facts):
            text = rule.note(facts)
            notes.extend(
                Note(rule.id, metric, text, rule.articles, rule.source) for metric in rule.metrics
            )
    return notes


def group_by_metric(notes: Iterable[Note]) -> dict[str, list[Note]]:
    grouped: dict[str, list[Note]] = {}
    for note in notes:
        grouped.setdefault(note.metric, []).append(note)
    return grouped
