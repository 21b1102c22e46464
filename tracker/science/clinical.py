"""Clinical formulas and categories. Pure Python: no Django imports.

Inputs are plain numbers in canonical units (see units.py and /work/shared/CLINICAL.md):
mg/dL, µIU/mL, U/L, 10⁹/L, g/dL, kg, cm, mmHg, years.

Conventions, so that a screen never shows a wrong number:
- a missing input (None) gives None, and the UI says which input is needed;
- an impossible input (negative, zero where the formula divides, takes a root or a log,
  NaN or infinity) raises ValueError: it is a data error, not a result;
- "≥" cut-offs are inclusive and "<" strict, exactly as published;
- categories are computed from the unrounded value; round only for display
  (DISPLAY_DECIMALS);
- every score is a risk-stratification aid, never a diagnosis: labels stay neutral and
  every category names its source.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from tracker.science import units

SEXES = ("male", "female")

# --- Published cut-offs (one place; labs.py reuses them) ------------------------------------

# ADA Standards of Care: fasting plasma glucose (mg/dL), 2-hour OGTT glucose (mg/dL) and
# HbA1c (% NGSP).
GLUCOSE_PREDIABETES = 100.0
GLUCOSE_DIABETES = 126.0
OGTT_PREDIABETES = 140.0
OGTT_DIABETES = 200.0
HBA1C_PREDIABETES = 5.7
HBA1C_DIABETES = 6.5
ADA = "ADA Standards of Care"

# Harmonized metabolic syndrome (Alberti 2009); the MASLD criteria (2023) share most of them.
TRIGLYCERIDES_HIGH = 150.0  # mg/dL, ≥
HDL_LOW = {"male": 40.0, "female": 50.0}  # mg/dL: "<" in Alberti 2009, "≤" in Rinella 2023
SYSTOLIC_HIGH = 130.0  # mmHg, ≥
DIASTOLIC_HIGH = 85.0  # mmHg, ≥
HARMONIZED = "Alberti 2009 (harmonized)"
MASLD_2023 = "Rinella 2023 (MASLD consensus)"
BMI_MASLD = 25.0  # ≥, MASLD 2023
BMI_MASLD_ASIAN = 23.0  # used when the profile chooses the Asian BMI cut-offs

# The published SI value of each lab cut-off above (mmol/L; HbA1c mmol/mol). For someone who
# reads an analyte in SI units the criterion is decided against these, so that the verdict
# agrees with the number and the cut-off shown (CLINICAL.md §1): 1.69 mmol/L of
# triglycerides is below 1.7 although 1.69 × 88.57 rounds to 150 mg/dL.
SI_UNIT = {"glucose": "mmol/L", "cholesterol": "mmol/L", "triglycerides": "mmol/L"}
SI_UNIT["hba1c"] = "mmol/mol"
PUBLISHED_SI = {
    ("glucose", GLUCOSE_PREDIABETES): 5.6,
    ("glucose", GLUCOSE_DIABETES): 7.0,
    ("glucose", OGTT_PREDIABETES): 7.8,
    ("glucose", OGTT_DIABETES): 11.1,
    ("hba1c", HBA1C_PREDIABETES): 39.0,
    ("hba1c", HBA1C_DIABETES): 48.0,
    ("triglycerides", TRIGLYCERIDES_HIGH): 1.7,
    ("cholesterol", HDL_LOW["male"]): 1.0,
    ("cholesterol", HDL_LOW["female"]): 1.3,
}

# HOMA-%B is undefined at or below this fasting glucose (the denominator is glucose − 63).
HOMA_B_MIN_GLUCOSE = 63.0
# No guideline cut-off exists for HOMA-IR; ≥2.5 is a common convention (see CLINICAL.md).
HOMA_IR_COMMON_CUTOFF = 2.5

FIB4_LOW, FIB4_LOW_65, FIB4_HIGH = 1.30, 2.0, 2.67
FIB4_MIN_RELIABLE_AGE = 35  # FIB-4 is unreliable under 35
NFS_LOW, NFS_LOW_65, NFS_HIGH = -1.455, 0.12, 0.676
OLDER_AGE = 65  # McPherson 2017: age-adjusted low cut-offs from 65
APRI_LOW, APRI_HIGH = 0.5, 1.5

# How many decimals the UI shows for each computed value.
DISPLAY_DECIMALS = {
    "bmi": 1,
    "waist_to_height": 2,
    "homa_ir": 2,
    "homa_b": 0,
    "tyg": 2,
    "tyg_bmi": 0,
    "ast_alt_ratio": 2,
    "apri": 2,
    "fib4": 2,
    "nafld_fibrosis_score": 3,
}


@dataclass(frozen=True)
class WaistCutoff:
    """Waist circumference cut-offs (cm) for central obesity in one population."""

    male: float
    female: float
    source: str


# Populations from the harmonized statement's table (Alberti 2009, table 2).
WAIST_CUTOFFS: dict[str, WaistCutoff] = {
    "US": WaistCutoff(102, 88, "AHA/NHLBI (ATP III)"),
    "Canada": WaistCutoff(102, 88, "Health Canada"),
    "Europid": WaistCutoff(94, 80, "IDF"),
    "Middle Eastern": WaistCutoff(94, 80, "IDF"),
    "Sub-Saharan African": WaistCutoff(94, 80, "IDF"),
    "Central/South American": WaistCutoff(90, 80, "IDF"),
    "Asian": WaistCutoff(90, 80, "IDF / WHO"),
    "Chinese": WaistCutoff(85, 80, "Cooperative Task Force"),
    "Japanese": WaistCutoff(85, 90, "Japanese Obesity Society"),
}
# The MASLD waist criterion is > 94 cm (men) / > 80 cm (women) "or ethnicity-adjusted"
# (Rinella 2023). The US and Canadian 102 / 88 cm are national choices for the metabolic
# syndrome, not an ethnic adjustment, so those populations take the consensus default.
MASLD_WAIST_DEFAULT = WaistCutoff(94, 80, "Rinella 2023")
NOT_ETHNIC = frozenset({"US", "Canada"})

TREATABLE = frozenset({"triglycerides", "hdl", "blood_pressure", "glucose"})


# --- Result types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """A named range of a value: a machine key, a plain label and where the cut-off comes from."""

    key: str
    label: str
    source: str
    reliable: bool = True
    note: str = ""


@dataclass(frozen=True)
class Band:
    """One row of a cut-off table; the rows are tried in order."""

    key: str
    label: str
    upper: float | None = None  # None: no upper edge (the last row)
    closed: bool = False  # True: the band includes `upper` (≤); False: it stops below (<)

    def holds(self, value: float) -> bool:
        if self.upper is None:
            return True
        return value < self.upper or (self.closed and value == self.upper)


def _band(value: float, bands: Iterable[Band], source: str, **extra) -> Category:
    for band in bands:
        if band.holds(value):
            return Category(band.key, band.label, source, **extra)
    raise AssertionError("the last band has no upper edge")  # pragma: no cover


# --- Input checks ---------------------------------------------------------------------------


def _number(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}.")
    return number


def _positive(name: str, value: float | None) -> float | None:
    number = _number(name, value)
    if number is not None and number <= 0:
        raise ValueError(f"{name} must be greater than zero, got {value!r}.")
    return number


def _non_negative(name: str, value: float | None) -> float | None:
    number = _number(name, value)
    if number is not None and number < 0:
        raise ValueError(f"{name} cannot be negative, got {value!r}.")
    return number


def _positives(**values: float | None) -> tuple[float, ...] | None:
    """Check every input (so a bad one always raises); None if any is missing."""
    checked = tuple(_positive(name, value) for name, value in values.items())
    return None if None in checked else checked  # type: ignore[return-value]


def _check_sex(sex: str | None) -> str | None:
    if sex is not None and sex not in SEXES:
        raise ValueError(f"sex must be one of {SEXES} or None, got {sex!r}.")
    return sex


def age_in_years(birth_date: date, on_date: date) -> int:
    """Completed years on `on_date` (someone born on 29 February turns a year older on 1 March)."""
    if on_date < birth_date:
        raise ValueError("on_date is before birth_date.")
    had_birthday = (on_date.month, on_date.day) >= (birth_date.month, birth_date.day)
    return on_date.year - birth_date.year - (0 if had_birthday else 1)


# --- Body size ------------------------------------------------------------------------------


def bmi(weight_kg: float | None, height_cm: float | None) -> float | None:
    values = _positives(weight_kg=weight_kg, height_cm=height_cm)
    if values is None:
        return None
    weight, height = values
    return weight / (height / 100) ** 2


BMI_BANDS = {
    "WHO": (
        "WHO 2000",
        (
            Band("underweight", "underweight", 18.5),
            Band("normal", "healthy weight", 25),
            Band("overweight", "overweight", 30),
            Band("obesity_1", "obesity class I", 35),
            Band("obesity_2", "obesity class II", 40),
            Band("obesity_3", "obesity class III"),
        ),
    ),
    # Public-health action points for Asian populations.
    "Asian": (
        "WHO 2004 (Asian action points)",
        (
            Band("underweight", "underweight", 18.5),
            Band("normal", "acceptable risk", 23),
            Band("increased_risk", "increased risk", 27.5),
            Band("high_risk", "high risk"),
        ),
    ),
}


def bmi_category(value: float | None, cutoffs: str = "WHO") -> Category | None:
    if cutoffs not in BMI_BANDS:
        raise ValueError(f"cutoffs must be one of {tuple(BMI_BANDS)}, got {cutoffs!r}.")
    value = _positive("bmi", value)
    if value is None:
        return None
    source, bands = BMI_BANDS[cutoffs]
    return _band(value, bands, source)


def waist_to_height(waist_cm: float | None, height_cm: float | None) -> float | None:
    values = _positives(waist_cm=waist_cm, height_cm=height_cm)
    return None if values is None else values[0] / values[1]


WAIST_TO_HEIGHT_BANDS = (
    Band("healthy", "healthy range", 0.5),
    Band("increased", "increased health risk", 0.6),
    Band("high", "high health risk"),
)


def waist_to_height_category(value: float | None) -> Category | None:
    value = _positive("waist_to_height", value)
    return None if value is None else _band(value, WAIST_TO_HEIGHT_BANDS, "NICE 2022")


# --- Insulin resistance ---------------------------------------------------------------------


def homa_ir(glucose_mg_dl: float | None, insulin_uiu_ml: float | None) -> float | None:
    """HOMA-IR = glucose (mmol/L) × insulin (µIU/mL) / 22.5 (Matthews 1985). Fasting values only.

    Worked in mmol/L with the factor the glucose was stored with, so that a glucose typed as
    5.625 mmol/L with an insulin of 10 gives exactly 2.5 (the "/405" mg/dL form assumes 18
    mg/dL per mmol/L and would give 2.5022, across the 2.5 convention).
    """
    values = _positives(glucose_mg_dl=glucose_mg_dl, insulin_uiu_ml=insulin_uiu_ml)
    if values is None:
        return None
    glucose_mmol_l = units.from_canonical("glucose", values[0], "mmol/L")
    # Rounded far below any displayed digit: it only removes the float noise of the unit
    # round trip (5.625 × 18.016 / 18.016 = 5.624999999999999).
    return round(glucose_mmol_l * values[1] / 22.5, 9)


def homa_ir_category(value: float | None) -> Category | None:
    """Against the common 2.5 convention: there is no guideline cut-off for HOMA-IR."""
    value = _positive("homa_ir", value)
    if value is None:
        return None
    source = "a common convention (≥2.5); no guideline cut-off"
    if value >= HOMA_IR_COMMON_CUTOFF:
        return Category("above", "at or above 2.5", source)
    return Category("below", "below 2.5", source)


def homa_b(glucose_mg_dl: float | None, insulin_uiu_ml: float | None) -> float | None:
    """HOMA-%B = 360 × insulin / (glucose − 63); None (undefined) at glucose ≤ 63 mg/dL."""
    values = _positives(glucose_mg_dl=glucose_mg_dl, insulin_uiu_ml=insulin_uiu_ml)
    if values is None or values[0] <= HOMA_B_MIN_GLUCOSE:
        return None
    glucose, insulin = values
    return 360 * insulin / (glucose - HOMA_B_MIN_GLUCOSE)


def tyg(triglycerides_mg_dl: float | None, glucose_mg_dl: float | None) -> float | None:
    """Triglyceride-glucose index, ln(TG × glucose / 2), mg/dL (typical 8–9.5)."""
    values = _positives(triglycerides_mg_dl=triglycerides_mg_dl, glucose_mg_dl=glucose_mg_dl)
    return None if values is None else math.log(values[0] * values[1] / 2)


def tyg_bmi(
    triglycerides_mg_dl: float | None, glucose_mg_dl: float | None, bmi: float | None
) -> float | None:
    index = tyg(triglycerides_mg_dl, glucose_mg_dl)
    body = _positive("bmi", bmi)
    return None if index is None or body is None else index * body


# --- Liver fibrosis scores ------------------------------------------------------------------


def ast_alt_ratio(ast: float | None, alt: float | None) -> float | None:
    """De Ritis ratio AST / ALT (U/L)."""
    values = _positives(ast=ast, alt=alt)
    return None if values is None else values[0] / values[1]


def apri(ast: float | None, ast_uln: float | None, platelets_10e9_l: float | None) -> float | None:
    """APRI = (AST / AST upper limit of normal) / platelets (10⁹/L) × 100."""
    values = _positives(ast=ast, ast_uln=ast_uln, platelets_10e9_l=platelets_10e9_l)
    if values is None:
        return None
    ast, ast_uln, platelets = values
    return ast / ast_uln / platelets * 100


APRI_BANDS = (
    Band("low", "low-risk range", APRI_LOW, closed=True),
    Band("indeterminate", "indeterminate range", APRI_HIGH, closed=True),
    Band("high", "high-risk range"),
)


def apri_category(value: float | None) -> Category | None:
    value = _non_negative("apri", value)
    if value is None:
        return None
    return _band(value, APRI_BANDS, "Wai 2003", note="Validated mainly in viral hepatitis.")


def fib4(
    age_years: float | None,
    ast: float | None,
    alt: float | None,
    platelets_10e9_l: float | None,
) -> float | None:
    """FIB-4 = age × AST / (platelets × √ALT)."""
    values = _positives(age_years=age_years, ast=ast, alt=alt, platelets_10e9_l=platelets_10e9_l)
    if values is None:
        return None
    age, ast, alt, platelets = values
    return age * ast / (platelets * math.sqrt(alt))


def fib4_age_reliable(age_years: float) -> bool:
    return age_years >= FIB4_MIN_RELIABLE_AGE


def _fibrosis_bands(low: float, high: float) -> tuple[Band, ...]:
    # Both scores: below `low` is low risk, above `high` is high risk, the edges in between.
    return (
        Band("low", "low-risk range", low),
        Band("indeterminate", "indeterminate range", high, closed=True),
        Band("high", "high-risk range"),
    )


def _low_cutoff_for_age(age: float, low: float, low_65: float, source: str) -> tuple[float, str]:
    """A fibrosis score's low cut-off and its source: from 65 the age-adjusted one."""
    if age >= OLDER_AGE:
        return low_65, f"{source}; McPherson 2017 (age 65+)"
    return low, source


def fib4_category(value: float | None, age_years: float | None) -> Category | None:
    """Shah 2009 cut-offs; from age 65 the low cut-off is 2.0 (McPherson 2017)."""
    value = _non_negative("fib4", value)
    age = _positive("age_years", age_years)
    if value is None or age is None:
        return None
    low, source = _low_cutoff_for_age(age, FIB4_LOW, FIB4_LOW_65, "Shah 2009")
    reliable = fib4_age_reliable(age)
    note = "" if reliable else f"FIB-4 is unreliable under {FIB4_MIN_RELIABLE_AGE}."
    return _band(value, _fibrosis_bands(low, FIB4_HIGH), source, reliable=reliable, note=note)


def impaired_glucose(
    glucose_mg_dl: float | None = None,
    hba1c_percent: float | None = None,
    diabetes: bool = False,
) -> bool | None:
    """The "IFG/diabetes" input of the NAFLD fibrosis score, as this app defines it.

    True when diabetes is recorded, fasting glucose ≥ 100 mg/dL or HbA1c ≥ 5.7 % (current
    ADA prediabetes cut-offs); False when at least one of the two tests is recorded and
    neither reaches its cut-off; None when neither test is recorded. Published calculators
    differ on this input, so the UI should name the definition.
    """
    return _either(
        _at_least(_positive("glucose_mg_dl", glucose_mg_dl), GLUCOSE_PREDIABETES),
        _at_least(_positive("hba1c_percent", hba1c_percent), HBA1C_PREDIABETES),
        known_true=diabetes,
    )


def nafld_fibrosis_score(
    age_years: float | None,
    bmi: float | None,
    impaired_glucose_or_diabetes: bool | None,
    ast: float | None,
    alt: float | None,
    platelets_10e9_l: float | None,
    albumin_g_dl: float | None,
) -> float | None:
    """Angulo 2007. `impaired_glucose_or_diabetes`: see impaired_glucose() for the definition."""
    values = _positives(
        age_years=age_years,
        bmi=bmi,
        ast=ast,
        alt=alt,
        platelets_10e9_l=platelets_10e9_l,
        albumin_g_dl=albumin_g_dl,
    )
    if values is None or impaired_glucose_or_diabetes is None:
        return None
    age, body, ast, alt, platelets, albumin = values
    return (
        -1.675
        + 0.037 * age
        + 0.094 * body
        + 1.13 * (1 if impaired_glucose_or_diabetes else 0)
        + 0.99 * ast / alt
        - 0.013 * platelets
        - 0.66 * albumin
    )


def nafld_fibrosis_category(value: float | None, age_years: float | None) -> Category | None:
    """Angulo 2007 cut-offs; from age 65 the low cut-off is 0.12 (McPherson 2017)."""
    value = _number("nafld_fibrosis_score", value)
    age = _positive("age_years", age_years)
    if value is None or age is None:
        return None
    low, source = _low_cutoff_for_age(age, NFS_LOW, NFS_LOW_65, "Angulo 2007")
    return _band(value, _fibrosis_bands(low, NFS_HIGH), source)


# --- Glycaemia ------------------------------------------------------------------------------

_GLYCEMIC_ORDER = ("normal", "prediabetes", "diabetes")


def _glycemic_bands(prediabetes: float, diabetes: float) -> tuple[Band, ...]:
    return (
        Band("normal", "normal range", prediabetes),
        Band("prediabetes", "prediabetes range", diabetes),
        Band("diabetes", "diabetes range"),
    )


def glycemic_category(
    fasting_glucose_mg_dl: float | None = None, hba1c_percent: float | None = None
) -> Category | None:
    """ADA category of fasting glucose and/or HbA1c; the higher one when both are given.

    One result in the diabetes range is not a diagnosis: ADA asks for a second test.
    """
    glucose = _positive("fasting_glucose_mg_dl", fasting_glucose_mg_dl)
    hba1c = _positive("hba1c_percent", hba1c_percent)
    found = []
    if glucose is not None:
        found.append(_band(glucose, _glycemic_bands(GLUCOSE_PREDIABETES, GLUCOSE_DIABETES), ADA))
    if hba1c is not None:
        found.append(_band(hba1c, _glycemic_bands(HBA1C_PREDIABETES, HBA1C_DIABETES), ADA))
    if not found:
        return None
    return max(found, key=lambda category: _GLYCEMIC_ORDER.index(category.key))


# --- Criteria sets: metabolic syndrome, MASLD cardiometabolic criteria ----------------------
#
# Each criterion is True (met), False (not met) or None (unknown: an input is missing).
# Treatment makes a criterion met whatever the value. Glucose tests (fasting glucose, HbA1c,
# 2-hour OGTT) are alternatives as in ADA's own use: one recorded test under its cut-off
# says "not met" and an OGTT that was never done leaves nothing unknown. BMI and waist are
# two measures of body size: the criterion is met by either, not met only when both are
# known and below, unknown otherwise. Systolic and diastolic are parts of one reading: both
# are needed to say "not met". An unknown sex decides a sex-specific cut-off only when both
# sexes' cut-offs give the same answer.
#
# Lab cut-offs are compared in the units the person reads: `si` names the analytes shown
# in SI units, which are then compared with the published SI value of the cut-off.

Tri = bool | None

_OPS = {"≥": operator.ge, ">": operator.gt, "<": operator.lt, "≤": operator.le}
_SI_NOISE = 9  # decimals: a value typed in SI and stored in mg/dL comes back exactly


def _compare(value: float | None, op: str, cutoff: float) -> Tri:
    return None if value is None else _OPS[op](value, cutoff)


def _at_least(value: float | None, cutoff: float) -> Tri:
    return _compare(value, "≥", cutoff)


def _above(value: float | None, cutoff: float) -> Tri:
    return _compare(value, ">", cutoff)


@dataclass(frozen=True)
class LabCutoff:
    """One lab cut-off, decided and written in the unit the person reads."""

    analyte: str  # units.CONVERSIONS key
    op: str  # "≥", ">", "<" or "≤"
    value: float  # canonical
    si: bool = False  # compare (and write) in the analyte's SI unit with the published value

    @property
    def shown(self) -> float:
        return PUBLISHED_SI[(self.analyte, self.value)] if self.si else self.value

    @property
    def unit(self) -> str:
        return SI_UNIT[self.analyte] if self.si else units.canonical_unit(self.analyte)

    def met(self, value_canonical: float | None) -> Tri:
        if value_canonical is None or not self.si:
            return _compare(value_canonical, self.op, self.value)
        shown = round(units.from_canonical(self.analyte, value_canonical, self.unit), _SI_NOISE)
        return _compare(shown, self.op, self.shown)

    def text(self) -> str:
        # Published mmol/L values carry one decimal ("1.0 mmol/L"), mmol/mol none.
        number = f"{self.shown:.1f}" if self.unit == "mmol/L" else f"{self.shown:g}"
        return f"{self.op}{number} {self.unit}"


def _lab(analyte: str, op: str, value: float, si: frozenset[str]) -> LabCutoff:
    return LabCutoff(analyte, op, value, analyte in si)


def _either(*results: Tri, known_true: bool = False) -> Tri:
    """Alternative tests: met if any is met, not met if any recorded one is not met."""
    if known_true or True in results:
        return True
    return False if False in results else None


def _all_parts(*results: Tri) -> Tri:
    """Met if any part is met, not met only if every part is known and not met."""
    if True in results:
        return True
    return None if None in results else False


def _for_sex(sex: str | None, test: Callable[[str], Tri]) -> Tri:
    if sex is not None:
        return test(sex)
    male, female = test("male"), test("female")
    return male if male == female else None


@dataclass(frozen=True)
class Criterion:
    key: str  # "waist", "triglycerides", "hdl", "blood_pressure", "glucose", "body_size"
    label: str
    met: bool | None
    threshold: str  # the rule in words, e.g. "≥150 mg/dL, or treatment"
    inputs: dict[str, float | None]  # the values used, canonical units
    treated: bool = False
    missing: tuple[str, ...] = ()  # inputs not recorded (incl. "sex" when it was needed)


@dataclass(frozen=True)
class CriteriaResult:
    name: str
    source: str
    needed: int  # how many criteria must be met
    criteria: tuple[Criterion, ...]

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __getitem__(self, key: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)

    @property
    def met_count(self) -> int:
        return sum(criterion.met is True for criterion in self.criteria)

    @property
    def unknown_count(self) -> int:
        return sum(criterion.met is None for criterion in self.criteria)

    @property
    def present(self) -> bool | None:
        """True if enough criteria are met, False if that is impossible even if every
        unknown criterion were met, None if the missing inputs decide it."""
        if self.met_count >= self.needed:
            return True
        if self.met_count + self.unknown_count < self.needed:
            return False
        return None


def _criterion(
    key: str,
    label: str,
    met: Tri,
    threshold: str,
    inputs: dict[str, float | None],
    treated: bool = False,
    sex_needed: bool = False,
    optional: Iterable[str] = (),
) -> Criterion:
    missing = tuple(
        name for name, value in inputs.items() if value is None and name not in optional
    )
    if sex_needed:
        missing += ("sex",)
    return Criterion(key, label, True if treated else met, threshold, inputs, treated, missing)


def _checked_treated(treated: Iterable[str]) -> frozenset[str]:
    treated = frozenset(treated)
    unknown = treated - TREATABLE
    if unknown:
        raise ValueError(f"Unknown treated item(s) {sorted(unknown)}; use {sorted(TREATABLE)}.")
    return treated


def _checked_si(si: Iterable[str]) -> frozenset[str]:
    si = frozenset(si)
    unknown = si - SI_UNIT.keys()
    if unknown:
        raise ValueError(f"Unknown SI analyte(s) {sorted(unknown)}; use {sorted(SI_UNIT)}.")
    return si


def _waist_cutoff(population: str) -> WaistCutoff:
    try:
        return WAIST_CUTOFFS[population]
    except KeyError:
        raise ValueError(
            f"Unknown population {population!r}; use one of {tuple(WAIST_CUTOFFS)}."
        ) from None


def _by_sex_text(symbol: str, values: dict[str, float], unit: str, sex: str | None) -> str:
    if sex is not None:
        return f"{symbol}{values[sex]:g} {unit} ({'men' if sex == 'male' else 'women'})"
    return f"{symbol}{values['male']:g} {unit} (men), {symbol}{values['female']:g} {unit} (women)"


def _hdl_text(cutoffs: dict[str, LabCutoff], sex: str | None) -> str:
    if sex is not None:
        return f"{cutoffs[sex].text()} ({'men' if sex == 'male' else 'women'})"
    return f"{cutoffs['male'].text()} (men), {cutoffs['female'].text()} (women)"


def _shared_criteria(
    sex: str | None,
    triglycerides: float | None,
    hdl: float | None,
    systolic: float | None,
    diastolic: float | None,
    treated: frozenset[str],
    si: frozenset[str],
    hdl_op: str,
) -> tuple[Criterion, Criterion, Criterion]:
    """Triglycerides, HDL and blood pressure; the HDL edge differs between the two sets."""
    tg_cut = _lab("triglycerides", "≥", TRIGLYCERIDES_HIGH, si)
    hdl_cuts = {s: _lab("cholesterol", hdl_op, HDL_LOW[s], si) for s in SEXES}
    hdl_met = _for_sex(sex, lambda s: hdl_cuts[s].met(hdl))
    return (
        _criterion(
            "triglycerides",
            "Triglycerides",
            tg_cut.met(triglycerides),
            f"{tg_cut.text()}, or treatment",
            {"triglycerides": triglycerides},
            "triglycerides" in treated,
        ),
        _criterion(
            "hdl",
            "HDL cholesterol",
            hdl_met,
            _hdl_text(hdl_cuts, sex) + ", or treatment",
            {"hdl": hdl},
            "hdl" in treated,
            sex_needed=sex is None and hdl_met is None and hdl is not None,
        ),
        _criterion(
            "blood_pressure",
            "Blood pressure",
            _all_parts(_at_least(systolic, SYSTOLIC_HIGH), _at_least(diastolic, DIASTOLIC_HIGH)),
            f"≥{SYSTOLIC_HIGH:g} systolic or ≥{DIASTOLIC_HIGH:g} diastolic mmHg, or treatment",
            {"systolic": systolic, "diastolic": diastolic},
            "blood_pressure" in treated,
        ),
    )


def metabolic_syndrome(
    sex: str | None,
    waist_cm: float | None,
    triglycerides_mg_dl: float | None,
    hdl_mg_dl: float | None,
    systolic: float | None,
    diastolic: float | None,
    glucose_mg_dl: float | None,
    population: str = "US",
    treated: Iterable[str] = frozenset(),
    si: Iterable[str] = frozenset(),
) -> CriteriaResult:
    """Harmonized definition (Alberti 2009): present when at least 3 of 5 criteria are met.

    `treated` may hold "triglycerides", "hdl", "blood_pressure", "glucose" (drug treatment).
    `si` names the analytes the person reads in SI units ("glucose", "cholesterol",
    "triglycerides", "hba1c").
    """
    sex = _check_sex(sex)
    treated = _checked_treated(treated)
    si = _checked_si(si)
    cutoff = _waist_cutoff(population)
    waist = _positive("waist_cm", waist_cm)
    glucose = _positive("glucose_mg_dl", glucose_mg_dl)
    glucose_cut = _lab("glucose", "≥", GLUCOSE_PREDIABETES, si)
    waist_limits = {"male": cutoff.male, "female": cutoff.female}
    waist_met = _for_sex(sex, lambda s: _at_least(waist, waist_limits[s]))
    criteria = (
        _criterion(
            "waist",
            "Waist circumference",
            waist_met,
            _by_sex_text("≥", waist_limits, "cm", sex) + f"; {population} ({cutoff.source})",
            {"waist_cm": waist},
            sex_needed=sex is None and waist_met is None and waist is not None,
        ),
        *_shared_criteria(
            sex,
            _positive("triglycerides_mg_dl", triglycerides_mg_dl),
            _positive("hdl_mg_dl", hdl_mg_dl),
            _positive("systolic", systolic),
            _positive("diastolic", diastolic),
            treated,
            si,
            hdl_op="<",
        ),
        _criterion(
            "glucose",
            "Fasting glucose",
            glucose_cut.met(glucose),
            f"fasting {glucose_cut.text()}, or treatment",
            {"glucose": glucose},
            "glucose" in treated,
        ),
    )
    return CriteriaResult("Metabolic syndrome", HARMONIZED, 3, criteria)


def masld_waist_cutoff(population: str) -> WaistCutoff:
    """> 94 / > 80 cm, or the population's own (ethnic) cut-offs; see NOT_ETHNIC."""
    cutoff = _waist_cutoff(population)
    return MASLD_WAIST_DEFAULT if population in NOT_ETHNIC else cutoff


def masld_risk_factors(
    sex: str | None,
    *,
    bmi: float | None = None,
    waist_cm: float | None = None,
    glucose_mg_dl: float | None = None,
    ogtt_2h_mg_dl: float | None = None,
    hba1c_percent: float | None = None,
    systolic: float | None = None,
    diastolic: float | None = None,
    triglycerides_mg_dl: float | None = None,
    hdl_mg_dl: float | None = None,
    population: str = "Europid",
    bmi_cutoffs: str = "WHO",
    diabetes: bool = False,
    treated: Iterable[str] = frozenset(),
    si: Iterable[str] = frozenset(),
) -> CriteriaResult:
    """The five cardiometabolic criteria of the 2023 steatotic liver disease nomenclature.

    `present` says whether at least one is met. With steatosis on imaging, one criterion
    (and no other cause) is what the consensus calls MASLD; this function only counts.
    The waist must be above (>) 94 cm (men) / 80 cm (women) or the ethnicity-adjusted
    cut-off of `population`; the BMI cut-off is 23 when `bmi_cutoffs` is "Asian", else 25.
    HDL counts at or below (≤) its cut-off here, unlike the metabolic syndrome's "<".
    `diabetes`: type 2 diabetes or prediabetes diagnosed. A lipid-lowering treatment counts
    for both triglycerides and HDL: pass both in `treated`.
    """
    sex = _check_sex(sex)
    treated = _checked_treated(treated)
    si = _checked_si(si)
    if bmi_cutoffs not in BMI_BANDS:
        raise ValueError(f"bmi_cutoffs must be one of {tuple(BMI_BANDS)}, got {bmi_cutoffs!r}.")
    cutoff = masld_waist_cutoff(population)
    body = _positive("bmi", bmi)
    waist = _positive("waist_cm", waist_cm)
    glucose = _positive("glucose_mg_dl", glucose_mg_dl)
    ogtt = _positive("ogtt_2h_mg_dl", ogtt_2h_mg_dl)
    hba1c = _positive("hba1c_percent", hba1c_percent)
    bmi_cut = BMI_MASLD_ASIAN if bmi_cutoffs == "Asian" else BMI_MASLD
    waist_limits = {"male": cutoff.male, "female": cutoff.female}
    waist_met = _for_sex(sex, lambda s: _above(waist, waist_limits[s]))
    body_met = _all_parts(_at_least(body, bmi_cut), waist_met)
    glucose_cut = _lab("glucose", "≥", GLUCOSE_PREDIABETES, si)
    ogtt_cut = _lab("glucose", "≥", OGTT_PREDIABETES, si)
    hba1c_cut = _lab("hba1c", "≥", HBA1C_PREDIABETES, si)
    criteria = (
        _criterion(
            "body_size",
            "BMI or waist",
            body_met,
            f"BMI ≥{bmi_cut:g} kg/m², or waist "
            + _by_sex_text(">", waist_limits, "cm", sex)
            + f" ({cutoff.source if population in NOT_ETHNIC else population})",
            {"bmi": body, "waist_cm": waist},
            sex_needed=sex is None and waist_met is None and waist is not None,
        ),
        _criterion(
            "glucose",
            "Glucose, HbA1c or diabetes",
            _either(
                glucose_cut.met(glucose),
                ogtt_cut.met(ogtt),
                hba1c_cut.met(hba1c),
                known_true=diabetes,
            ),
            f"fasting glucose {glucose_cut.text()}, or 2-hour glucose {ogtt_cut.text()}, "
            f"or HbA1c {hba1c_cut.text()}, or type 2 diabetes or its treatment",
            {"glucose": glucose, "ogtt_2h": ogtt, "hba1c": hba1c},
            "glucose" in treated or diabetes,  # a diagnosis counts like its treatment
            optional=("ogtt_2h",),
        ),
        *_shared_criteria(
            sex,
            _positive("triglycerides_mg_dl", triglycerides_mg_dl),
            _positive("hdl_mg_dl", hdl_mg_dl),
            _positive("systolic", systolic),
            _positive("diastolic", diastolic),
            treated,
            si,
            hdl_op="≤",
        ),
    )
    return CriteriaResult("MASLD cardiometabolic criteria", MASLD_2023, 1, criteria)
