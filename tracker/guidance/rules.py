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

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.display import day_text, weight_in, weight_range_in
from tracker.science import clinical, labs, trends, units

if TYPE_CHECKING:  # only for hints: the rules need no database
    from tracker.guidance.facts import Facts, Fib4Facts, WeightFacts

# Thresholds that live nowhere else. The rest come from clinical.py and labs.py.
METALD_START_G_PER_WEEK = {"female": 140.0, "male": 210.0}  # Rinella et al. 2023
FIRST_LINE_PERCENT = 5.0  # liver fat falls (AASLD 2023, EASL-EASD-EASO 2024)
INFLAMMATION_LINE_PERCENT = 7.0
FULL_LINE_PERCENT = 10.0  # usually needed for fibrosis (Vilar-Gomez 2015)
LABS_STALE_AFTER_DAYS = 183  # about 6 months: LiverLog's own reminder, not a guideline
PACE_BAND_KG = (0.5, 1.0)  # kg a week (CLINICAL.md §6)


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
    # Rounded down, so 4.96 % never reads as "5.0 %" beside a note about the 5 % line.
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f} %"


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
    return facts.alt is not None and facts.alt.value > alt_limit(facts)


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
        f"Your latest ALT, {lab_value('alt', reading.value)} on {day_text(reading.date)}, is "
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


# --- The rules ------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        "first_run",
        ("overview", "labs"),
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
