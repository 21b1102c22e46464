"""Derived values from a person's stored data: lab series, result flags, indices over time
and the criteria checklists.

Pure: every function reads a person's record (tracker/record.py, loaded once by the view)
and its profile (units, sex, height, date of birth); none runs a query. The index history
and the checklists are computed once per record and kept on it, so every page that shows
them shows the same numbers.

Rules for inputs, so that a score is never built from values far apart in time:
- labs for an index come from the lab date itself or up to WINDOW_DAYS before it; HOMA and
  TyG need their inputs from one blood draw (the same day);
- body measures (weight, waist) are the nearest within WINDOW_DAYS either side;
- glucose and insulin from a report marked "not fasting" are not used;
- a missing input is named ("needs platelets"), never replaced by a guess.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.display import (
    SI_ANALYTES,
    bound_text,
    day_month_text,
    day_text,
    display_unit,
    lab_range_text,
    length_text,
    range_text,
    reads_si,
    value_text,
    weight_text,
)
from tracker.record import NEAR_DAYS, LabEntry, ProfileRow, Record
from tracker.science import clinical, labs, units
from tracker.science.conditions import Conditions, conditions_on
from tracker.science.rules import shift

WINDOW_DAYS = NEAR_DAYS
# How a missing lab input is named in a "needs …" hint.
NEED_NAMES = {
    "glucose": "fasting glucose",
    "insulin": "fasting insulin",
    "platelets": "platelets",
    "albumin": "albumin",
    "triglycerides": "triglycerides",
}
NOT_A_DIAGNOSIS = (
    "These scores are risk-stratification aids, not a diagnosis. Talk them over with your "
    "doctor, who can weigh them with everything else they know."
)


# --- Units and flags ------------------------------------------------------------------------


def sex_of(profile) -> str | None:
    return profile.sex or None


@dataclass(frozen=True)
class Flag:
    """One reason a result stands out. `kind` says against what: the lab's own printed range
    ("lab"), a typical adult range when the lab printed none ("typical"), or a guideline
    cut-off ("guideline")."""

    kind: str
    direction: str  # "high" or "low" (a guideline flag is "low" only for a "<" cut-off)
    text: str  # the whole sentence, naming the range or cut-off and its source

    KIND_LABELS = {"lab": "Lab range", "typical": "Typical range", "guideline": "Guideline"}

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS[self.kind]

    @property
    def mark(self) -> str:
        """The text marker beside a value in a table (colour is never the only sign)."""
        if self.kind == "guideline":
            return "G"
        return "H" if self.direction == "high" else "L"


SYMBOLS = {">=": "≥", ">": ">", "<": "<"}


def _range_flag(result: LabEntry, test: labs.LabTest, profile) -> Flag | None:
    if result.lab_low is not None or result.lab_high is not None:
        direction = labs.flag(result.value, result.lab_low, result.lab_high)
        if direction is None:
            return None
        shown = lab_range_text(result, profile)
        return Flag(
            "lab", direction, f"{direction.capitalize()}: outside the lab's own range, {shown}"
        )
    if test.thresholds or test.labels:
        return None  # the guideline flag speaks for this test; a typical range would repeat it
    low, high = labs.reference_range(test, sex_of(profile))
    direction = labs.flag(result.value, low, high)
    if direction is None:
        return None
    shown = range_text(
        None if low is None else value_text(test, low, profile, with_unit=False),
        None if high is None else value_text(test, high, profile, with_unit=False),
        display_unit(test, profile),
    )
    return Flag(
        "typical",
        direction,
        f"{direction.capitalize()}: outside a typical adult range, {shown} "
        "(the lab printed no range; yours may differ)",
    )


def _guideline(result: LabEntry, test: labs.LabTest, profile) -> Flag | None:
    unit = display_unit(test, profile)
    found = labs.guideline_flag(test, result.value, sex_of(profile), unit)
    if found is None or found.rule is None:
        return None
    threshold, cutoff = found.rule, found.threshold
    who = {"male": " for men", "female": " for women"}.get(threshold.sex or "", "")
    label = found.label[0].upper() + found.label[1:]
    direction = "low" if threshold.op == "<" else "high"
    return Flag("guideline", direction, f"{label}: {cutoff}{who}, {found.source}")


def flags(result: LabEntry, profile) -> list[Flag]:
    """The flags of one result: against the lab's range (or a typical one) and a guideline."""
    test = result.test
    found = (_range_flag(result, test, profile), _guideline(result, test, profile))
    return [flag for flag in found if flag is not None]


# --- Lab series -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabPoint:
    date: date
    value: float  # canonical
    result: LabEntry


def lab_series(record: Record, test_key: str) -> list[LabPoint]:
    """Every result of one test, oldest first."""
    labs.get(test_key)  # an unknown key is a programming error: say so
    return [
        LabPoint(entry.date, entry.value, entry)
        for entry in record.lab_results
        if entry.test_key == test_key
    ]


# --- Derived indices ------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    name: str
    value_text: str  # in the person's units
    date: date | None  # None for profile values (height) and averages (their text says)


@dataclass(frozen=True)
class IndexPoint:
    key: str
    name: str
    date: date  # the lab date it belongs to
    value: float | None
    category: clinical.Category | None
    inputs: list[Input]
    missing: list[str]
    note: str = ""  # why there is no value although nothing is missing, or a caveat

    @property
    def value_text(self) -> str:
        decimals = clinical.DISPLAY_DECIMALS[INDEX_DECIMALS.get(self.key, self.key)]
        return units.format_value(self.value, decimals)

    @property
    def needs_text(self) -> str:
        """The hint for missing inputs, e.g. "needs platelets and albumin"; "" if none."""
        if not self.missing:
            return ""
        names = self.missing
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"needs {joined}"


INDEX_DECIMALS = {"nfs": "nafld_fibrosis_score"}


@dataclass
class _Data:
    """A person's lab results and body measures, fetched once, with nearest-date lookups."""

    profile: ProfileRow
    labs: dict[str, list[tuple[date, LabEntry]]]  # per test, oldest first
    weights: Sequence[tuple[date, float]]
    waists: list[tuple[date, float]]
    conditions: Conditions = field(default_factory=Conditions)

    def lab(self, key: str, day: date, same_day: bool) -> LabEntry | None:
        """The result on `day`, else the latest within the window before it."""
        points = self.labs.get(key, [])
        i = bisect.bisect_right(points, day, key=lambda p: p[0])
        if not i:
            return None
        found, result = points[i - 1]
        earliest = day if same_day else shift(day, -WINDOW_DAYS)
        return result if found >= earliest else None

    @staticmethod
    def nearest(points: list[tuple[date, float]], day: date) -> tuple[date, float] | None:
        """The measure nearest to `day` within the window either side (earlier on a tie)."""
        i = bisect.bisect_left(points, day, key=lambda p: p[0])
        near = [p for p in points[max(0, i - 1) : i + 1] if abs((p[0] - day).days) <= WINDOW_DAYS]
        return min(near, key=lambda p: (abs((p[0] - day).days), p[0])) if near else None


def conditions_at(record: Record) -> Conditions:
    """The profile's conditions and treatments plus the medicines taken at the record's end
    (started by then and not stopped before)."""

    def compute():
        profile = record.profile
        return conditions_on(
            profile.diagnosis, profile.stated_treatments(), record.medications, record.end
        )

    return record.once("conditions", compute)


def _data(record: Record) -> _Data:
    by_test: dict[str, list[tuple[date, LabEntry]]] = defaultdict(list)
    for entry in record.lab_results:
        if entry.comparable:  # a non-fasting glucose or insulin is left out
            by_test[entry.test_key].append((entry.date, entry))
    return _Data(
        record.profile,
        dict(by_test),
        record.weighings,
        list(record.waists),
        conditions_at(record),
    )


class _Gather:
    """Collects the inputs of one index at one lab date and names the missing ones."""

    def __init__(self, data: _Data, day: date):
        self.data, self.day, self.profile = data, day, data.profile
        self.inputs: list[Input] = []
        self.missing: list[str] = []

    def use(self, item: Input) -> None:
        if item not in self.inputs:
            self.inputs.append(item)

    def need(self, name: str) -> None:
        if name not in self.missing:
            self.missing.append(name)

    def lab(self, key: str, same_day: bool = False, required: bool = True) -> LabEntry | None:
        result = self.data.lab(key, self.day, same_day)
        test = labs.get(key)
        if result is None:
            if required:
                need = NEED_NAMES.get(key, test.short)
                self.need(f"{need} from the same day" if same_day else need)
            return None
        if result.qualifier:  # "<5" is a bound, not a value a formula may use
            shown = bound_text(result.qualifier, value_text(test, result.value, self.profile))
            self.need(f"{test.short} as an exact number (the lab gave {shown})")
            return None
        self.use(
            Input(test.short, value_text(test, result.value, self.profile), result.report.date)
        )
        return result

    def value(self, key: str, same_day: bool = False) -> float | None:
        result = self.lab(key, same_day)
        return None if result is None else result.value

    def height_cm(self) -> float | None:
        height = self.profile.height_cm
        if not height:
            self.need("height (in your profile)")
            return None
        self.use(Input("Height", length_text(height, self.profile), None))
        return height

    def age(self) -> int | None:
        born = self.profile.date_of_birth
        if not born or born > self.day:
            self.need("date of birth (in your profile)")
            return None
        years = clinical.age_in_years(born, self.day)
        self.use(Input("Age", f"{years} years", self.day))
        return years

    def _measure(self, points, need: str, name: str, text: Callable[[float], str]):
        found = _Data.nearest(points, self.day)
        if found is None:
            self.need(f"{need} within {WINDOW_DAYS} days")
            return None
        self.use(Input(name, text(found[1]), found[0]))
        return found[1]

    def weight_kg(self) -> float | None:
        return self._measure(
            self.data.weights, "a weight", "Weight", lambda kg: weight_text(kg, self.profile)
        )

    def waist_cm(self) -> float | None:
        return self._measure(
            self.data.waists,
            "a waist measurement",
            "Waist",
            lambda cm: length_text(cm, self.profile),
        )

    def bmi(self) -> float | None:
        weight, height = self.weight_kg(), self.height_cm()
        return clinical.bmi(weight, height)


# The category of the ratio, which clinical.py leaves without one (no guideline cut-off).
RATIO_SOURCE = "common use in fatty liver disease; no guideline cut-off"
FASTING_NOT_CONFIRMED = "Fasting not confirmed: the lab report does not say it was fasting."


def _ratio_category(value: float) -> clinical.Category:
    if value > 2:
        return clinical.Category(
            "above_2", "above 2", RATIO_SOURCE, note="A pattern also seen with alcohol."
        )
    if value > 1:
        return clinical.Category(
            "above_1",
            "above 1",
            RATIO_SOURCE,
            note="In fatty liver disease, linked with a higher chance of advanced fibrosis.",
        )
    return clinical.Category("at_or_below_1", "1 or below", RATIO_SOURCE)


Computed = tuple[float | None, clinical.Category | None, str]


def _fasting_values(g: _Gather, *keys: str) -> tuple[list[float | None], str]:
    """Same-day values of fasting tests, and a caveat when a report does not say "fasting"
    (reports marked "not fasting" are never used; see _load)."""
    found = [g.lab(key, same_day=True) for key in keys]
    unsure = any(result is not None and result.report.fasting is None for result in found)
    values = [None if result is None else result.value for result in found]
    return values, FASTING_NOT_CONFIRMED if unsure else ""


def _homa_ir(g: _Gather) -> Computed:
    (glucose, insulin), caveat = _fasting_values(g, "glucose", "insulin")
    value = clinical.homa_ir(glucose, insulin)
    return value, clinical.homa_ir_category(value), caveat if value is not None else ""


def _homa_b(g: _Gather) -> Computed:
    (glucose, insulin), caveat = _fasting_values(g, "glucose", "insulin")
    value = clinical.homa_b(glucose, insulin)
    if value is None and glucose is not None and insulin is not None:
        return (
            None,
            None,
            f"Undefined at a glucose of {clinical.HOMA_B_MIN_GLUCOSE:g} mg/dL or lower.",
        )
    return value, None, caveat if value is not None else ""


def _tyg(g: _Gather) -> Computed:
    (triglycerides, glucose), caveat = _fasting_values(g, "triglycerides", "glucose")
    value = clinical.tyg(triglycerides, glucose)
    return value, None, caveat if value is not None else ""


def _tyg_bmi(g: _Gather) -> Computed:
    (triglycerides, glucose), caveat = _fasting_values(g, "triglycerides", "glucose")
    value = clinical.tyg_bmi(triglycerides, glucose, g.bmi())
    return value, None, caveat if value is not None else ""


def _ratio(g: _Gather) -> Computed:
    value = clinical.ast_alt_ratio(g.value("ast"), g.value("alt"))
    return value, None if value is None else _ratio_category(value), ""


def _apri(g: _Gather) -> Computed:
    ast = g.lab("ast")
    platelets = g.value("platelets")
    if ast is None:
        return None, None, ""
    if ast.lab_high is not None:
        uln, whose = ast.lab_high, "your lab's"
    else:
        uln, whose = labs.reference_range(labs.get("ast"))[1], "typical; the lab printed none"
    g.use(Input("AST upper limit", f"{uln:g} U/L ({whose})", ast.report.date))
    value = clinical.apri(ast.value, uln, platelets)
    return value, clinical.apri_category(value), ""


def _fib4(g: _Gather) -> Computed:
    age = g.age()
    value = clinical.fib4(age, g.value("ast"), g.value("alt"), g.value("platelets"))
    return value, clinical.fib4_category(value, age), ""


def _nfs(g: _Gather) -> Computed:
    age = g.age()
    known = g.data.conditions.impaired_glucose_or_diabetes
    glucose, hba1c = g.lab("glucose", required=False), g.lab("hba1c", required=False)
    impaired = clinical.impaired_glucose(
        glucose and glucose.value, hba1c and hba1c.value, diabetes=known
    )
    if known:
        g.use(Input("Diabetes or its treatment", "yes (from your profile)", None))
    if impaired is None:
        g.need("fasting glucose or HbA1c")
    value = clinical.nafld_fibrosis_score(
        age,
        g.bmi(),
        impaired,
        g.value("ast"),
        g.value("alt"),
        g.value("platelets"),
        g.value("albumin"),
    )
    return value, clinical.nafld_fibrosis_category(value, age), ""


def _bmi(g: _Gather) -> Computed:
    value = g.bmi()
    return value, clinical.bmi_category(value, g.profile.bmi_cutoffs), ""


def _waist_to_height(g: _Gather) -> Computed:
    value = clinical.waist_to_height(g.waist_cm(), g.height_cm())
    return value, clinical.waist_to_height_category(value), ""


@dataclass(frozen=True)
class IndexDef:
    key: str
    name: str
    tests: tuple[str, ...]  # lab tests it uses; one of them measured on a date anchors a point
    source: str
    about: str
    compute: Callable[[_Gather], Computed] = field(repr=False)


INDICES: tuple[IndexDef, ...] = (
    IndexDef(
        "homa_ir",
        "HOMA-IR",
        ("glucose", "insulin"),
        "Matthews 1985 (formula); no guideline cut-off",
        "Fasting glucose (mmol/L) × fasting insulin (µIU/mL) / 22.5. About 2.5 or more is a "
        "common convention for insulin resistance, not a guideline cut-off; published "
        "population cut-offs vary widely. Compare results from one lab.",
        _homa_ir,
    ),
    IndexDef(
        "homa_b",
        "HOMA-%B",
        ("glucose", "insulin"),
        "Matthews 1985",
        "An estimate of how hard the insulin-making cells work. No cut-off.",
        _homa_b,
    ),
    IndexDef(
        "tyg",
        "TyG index",
        ("triglycerides", "glucose"),
        "Simental-Mendía 2008; no guideline cut-off",
        "ln(triglycerides × glucose / 2), both fasting, in mg/dL. Typically 8–9.5; published "
        "cut-offs for insulin resistance are about 8.5–8.8.",
        _tyg,
    ),
    IndexDef(
        "tyg_bmi",
        "TyG-BMI",
        ("triglycerides", "glucose"),
        "Er 2016; no guideline cut-off",
        "The TyG index × BMI. No guideline cut-off; useful to follow over time.",
        _tyg_bmi,
    ),
    IndexDef(
        "ast_alt_ratio",
        "AST/ALT ratio",
        ("ast", "alt"),
        RATIO_SOURCE,
        "AST divided by ALT (the De Ritis ratio).",
        _ratio,
    ),
    IndexDef(
        "apri",
        "APRI",
        ("ast", "platelets"),
        "Wai 2003",
        "(AST / its upper limit) / platelets × 100. Validated mainly in viral hepatitis: "
        "0.5 or less rules out, above 1.5 suggests significant fibrosis.",
        _apri,
    ),
    IndexDef(
        "fib4",
        "FIB-4",
        ("ast", "alt", "platelets"),
        "Sterling 2006 (formula); Shah 2009; McPherson 2017 (age 65+); AASLD 2023",
        "Age × AST / (platelets × √ALT). Below 1.30 is the low-risk range (2.0 from age 65), "
        "above 2.67 the high-risk range. AASLD 2023: at 1.3 or more, a second test such as "
        "FibroScan is the usual next step. Unreliable under 35.",
        _fib4,
    ),
    IndexDef(
        "nfs",
        "NAFLD fibrosis score",
        ("ast", "alt", "platelets", "albumin"),
        "Angulo 2007; McPherson 2017 (age 65+)",
        "Uses age, BMI, AST/ALT, platelets, albumin and impaired glucose, which LiverLog "
        "counts as fasting glucose ≥100 mg/dL or HbA1c ≥5.7 % (ADA), or diabetes, prediabetes "
        "or a glucose-lowering medicine stated in your profile, whatever today's glucose. "
        "Below −1.455 is the low-risk range (0.12 from age 65), above 0.676 the high-risk range.",
        _nfs,
    ),
    IndexDef(
        "bmi",
        "BMI at the lab date",
        (),
        "WHO 2000 (or WHO 2004 Asian action points, as set in your profile)",
        f"Weight / height². Uses the weight nearest the lab date, within {WINDOW_DAYS} days.",
        _bmi,
    ),
    IndexDef(
        "waist_to_height",
        "Waist-to-height at the lab date",
        (),
        "NICE 2022",
        f"Waist / height. Below 0.5 is the healthy range. Uses the waist measured nearest "
        f"the lab date, within {WINDOW_DAYS} days.",
        _waist_to_height,
    ),
)
INDEX_BY_KEY = {index.key: index for index in INDICES}


def indices_using(test_key: str) -> list[IndexDef]:
    """The indices that take this test as an input (glucose also feeds the NAFLD score)."""
    found = [index for index in INDICES if test_key in index.tests]
    if test_key in ("glucose", "hba1c"):
        found.append(INDEX_BY_KEY["nfs"])
    return found


def _point(index: IndexDef, data: _Data, day: date) -> IndexPoint:
    gather = _Gather(data, day)
    try:
        value, category, note = index.compute(gather)
    except ValueError:
        # Stored values are checked on entry, so this means damaged data: show, don't crash.
        value, category, note = None, None, "These values could not be used; check them."
    return IndexPoint(
        index.key, index.name, day, value, category, gather.inputs, gather.missing, note
    )


def index_history(record: Record) -> list[IndexPoint]:
    """Each index at each lab date the record's pages show, oldest first; computed once per
    record.

    A lab index appears on a date when one of its tests was measured that day; BMI and
    waist-to-height appear on every lab date.
    """
    return record.once("index_history", lambda: _index_history(record))


def _index_history(record: Record) -> list[IndexPoint]:
    days = record.score_dates
    if not days:
        return []
    data = _data(record)
    measured: dict[date, set[str]] = defaultdict(set)
    for key, points in data.labs.items():
        for day, _result in points:
            measured[day].add(key)
    return [
        _point(index, data, day)
        for day in days
        for index in INDICES
        if not index.tests or measured[day].intersection(index.tests)
    ]


def latest_indices(record: Record) -> dict[str, IndexPoint]:
    """The newest point of each index (computed or with its "needs …" hint)."""
    return {point.key: point for point in index_history(record)}


def latest_values(record: Record) -> dict[str, IndexPoint]:
    """The newest point of each index that has a value (an older score is still worth
    showing when the newest lab date lacks an input)."""
    found = {}
    for point in index_history(record):  # oldest first: newer ones win
        if point.value is not None:
            found[point.key] = point
    return found


# --- Body figures now --------------------------------------------------------------------------

# BMI and waist-to-height have two legitimate definitions, shown under two names: "now" (from
# the trend weight and the latest waist, below) on the dashboard, the checklists and the
# report, and "at the lab date" (the index history above) beside the lab scores.
BMI_NOW = "BMI (trend weight)"
WAIST_TO_HEIGHT_NOW = "Waist-to-height (latest waist)"


@dataclass(frozen=True)
class BodyFigure:
    """BMI or waist-to-height as of the record's end, and what it was computed from."""

    value: float
    date: date  # of the trend weight, or of the waist measurement
    measure: float  # the trend weight in kg, or the waist in cm
    category: clinical.Category


def current_bmi(record: Record) -> BodyFigure | None:
    """BMI from the latest trend weight (not one weighing, which swings from day to day)."""
    height = record.profile.height_cm
    if not height or not record.trend:
        return None
    point = record.trend[-1]
    value = clinical.bmi(point.kg, height)
    category = clinical.bmi_category(value, record.profile.bmi_cutoffs)
    return BodyFigure(value, point.date, point.kg, category)


def current_waist_to_height(record: Record) -> BodyFigure | None:
    height = record.profile.height_cm
    if not height or record.latest_waist is None:
        return None
    day, waist = record.latest_waist
    value = clinical.waist_to_height(waist, height)
    return BodyFigure(value, day, waist, clinical.waist_to_height_category(value))


# --- Checklists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistInputs:
    """The latest values behind the checklists: canonical numbers and how they are shown."""

    values: dict[str, float | None]
    shown: dict[str, Input]  # by the criterion input names of clinical.py


def _bp_input(record: Record) -> tuple[float | None, float | None, Input | None]:
    today = record.end
    since = today - timedelta(days=WINDOW_DAYS)
    recent = [
        (r.date, r.systolic, r.diastolic) for r in record.blood_pressure if since <= r.date <= today
    ]
    if recent:
        systolic = sum(r[1] for r in recent) / len(recent)
        diastolic = sum(r[2] for r in recent) / len(recent)
        first, last = min(r[0] for r in recent), max(r[0] for r in recent)
        how = (
            f"average of {len(recent)} readings, {day_month_text(first)} – {day_text(last)}"
            if len(recent) > 1
            else "the only reading in the last 30 days"
        )
        if record.start is not None and first < record.start:
            # A period shorter than the 30 days: its look-back is declared, as on a report.
            how += (
                ", from before this period too" if last >= record.start else ", before this period"
            )
        text = f"{systolic:.0f}/{diastolic:.0f} mmHg ({how})"
        # No single date: the text names the span of the readings.
        return systolic, diastolic, Input("Blood pressure", text, None)
    latest = record.latest_blood_pressure
    if latest is None:
        return None, None, None
    text = (
        f"{latest.systolic}/{latest.diastolic} mmHg (latest reading; none in the last "
        f"{WINDOW_DAYS} days)"
    )
    return latest.systolic, latest.diastolic, Input("Blood pressure", text, latest.date)


# Lab tests whose criterion input (clinical.py) has another name.
INPUT_KEYS = {"glucose_2h": "ogtt_2h"}


def si_analytes(profile) -> frozenset[str]:
    """The analytes this person reads in SI units, to judge criteria against the published
    SI cut-offs (clinical.PUBLISHED_SI)."""
    return SI_ANALYTES & clinical.SI_UNIT.keys() if reads_si(profile) else frozenset()


def checklist_inputs(record: Record) -> ChecklistInputs:
    """The latest values up to the record's end; computed once per record."""
    return record.once("checklist_inputs", lambda: _checklist_inputs(record))


def _checklist_inputs(record: Record) -> ChecklistInputs:
    profile = record.profile
    values: dict[str, float | None] = {}
    shown: dict[str, Input] = {}
    latest: dict[str, LabEntry] = {}
    wanted = ("glucose", "glucose_2h", "hba1c", "triglycerides", "hdl")
    for entry in record.lab_results:
        if entry.test_key in wanted and entry.comparable:
            latest[entry.test_key] = entry  # oldest first: the last one wins
    for key in wanted:
        result = latest.get(key)
        name = INPUT_KEYS.get(key, key)
        # A bound ("> 300") is shown but not used: the criterion stays unknown.
        values[name] = None if result is None or result.qualifier else result.value
        if result is not None:
            test = result.test
            text = value_text(test, result.value, profile)
            if result.qualifier:
                text = f"{bound_text(result.qualifier, text)} (a bound, so not used)"
            shown[name] = Input(test.short, text, result.date)
    waist = record.latest_waist
    values["waist_cm"] = waist and waist[1]
    if waist:
        shown["waist_cm"] = Input("Waist", length_text(waist[1], profile), waist[0])
    bmi = current_bmi(record)
    values["bmi"] = bmi and bmi.value
    if bmi:
        text = (
            f"{bmi.value:.1f} kg/m² (trend weight {weight_text(bmi.measure, profile)}, "
            f"height {length_text(profile.height_cm, profile)})"
        )
        shown["bmi"] = Input(BMI_NOW, text, bmi.date)
    systolic, diastolic, bp = _bp_input(record)
    values["systolic"], values["diastolic"] = systolic, diastolic
    if bp:
        shown["systolic"] = shown["diastolic"] = bp
    return ChecklistInputs(values, shown)


def checklists(record: Record) -> tuple[clinical.CriteriaResult, clinical.CriteriaResult]:
    """Metabolic syndrome (harmonized 2009) and the MASLD cardiometabolic criteria (2023),
    from the latest data and the conditions and treatments of the profile; computed once
    per record."""
    return record.once("checklists", lambda: _checklists(record))


def _checklists(record: Record) -> tuple[clinical.CriteriaResult, clinical.CriteriaResult]:
    profile = record.profile
    conditions = conditions_at(record)
    v = checklist_inputs(record).values
    sex = sex_of(profile)
    population = profile.waist_population
    si = si_analytes(profile)
    metabolic = clinical.metabolic_syndrome(
        sex,
        v["waist_cm"],
        v["triglycerides"],
        v["hdl"],
        v["systolic"],
        v["diastolic"],
        v["glucose"],
        population=population,
        treated=conditions.treated,
        si=si,
    )
    masld = clinical.masld_risk_factors(
        sex,
        bmi=v["bmi"],
        waist_cm=v["waist_cm"],
        glucose_mg_dl=v["glucose"],
        ogtt_2h_mg_dl=v["ogtt_2h"],
        hba1c_percent=v["hba1c"],
        systolic=v["systolic"],
        diastolic=v["diastolic"],
        triglycerides_mg_dl=v["triglycerides"],
        hdl_mg_dl=v["hdl"],
        population=population,
        bmi_cutoffs=profile.bmi_cutoffs,
        diabetes=conditions.glucose_condition,
        treated=conditions.treated,
        si=si,
    )
    return metabolic, masld
