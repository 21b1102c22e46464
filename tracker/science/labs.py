"""The lab catalogue: codes, units, ranges, plausible limits, guideline cut-offs.

Pure data and a few lookups: no Django imports. Every value here is in the test's
canonical unit (the first unit of its analyte in units.CONVERSIONS). Cut-offs shared with
the formulas live in clinical.py and are imported, so a number is never written twice.

Reference ranges are defaults for adults; the range printed on a person's own lab report
is the better one when they have it. Guideline flags are risk aids, never a diagnosis.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tracker.science import clinical, units

# --- Types ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Range:
    """Low and high limits, inclusive; None means no limit on that side."""

    low: float | None = None
    high: float | None = None

    def as_tuple(self) -> tuple[float | None, float | None]:
        return (self.low, self.high)


@dataclass(frozen=True)
class Reference:
    """A default reference range for men and for women, and where it comes from."""

    male: Range
    female: Range
    source: str

    @classmethod
    def both(cls, low: float | None, high: float | None, source: str) -> Reference:
        return cls(Range(low, high), Range(low, high), source)

    def for_sex(self, sex: str | None) -> Range:
        if sex is not None:
            return self.male if _check_sex(sex) == "male" else self.female
        # Sex unknown: the wider range, so that a flag is true for either sex.
        male, female = self.male, self.female
        low = None if male.low is None or female.low is None else min(male.low, female.low)
        high = None if male.high is None or female.high is None else max(male.high, female.high)
        return Range(low, high)


_OPERATORS: dict[str, tuple[Callable[[float, float], bool], str]] = {
    ">=": (operator.ge, "≥"),
    ">": (operator.gt, ">"),
    "<": (operator.lt, "<"),
}


@dataclass(frozen=True)
class Threshold:
    """A published cut-off: `value op cutoff` means the label applies."""

    cutoff: float
    label: str
    source: str
    op: str = ">="
    sex: str | None = None  # None: both sexes

    def met(self, value: float) -> bool:
        return _OPERATORS[self.op][0](value, self.cutoff)

    def text(self, unit: str) -> str:
        return f"{_OPERATORS[self.op][1]}{self.cutoff:g} {unit}".strip()


@dataclass(frozen=True)
class GuidelineFlag:
    label: str  # e.g. "prediabetes range"
    source: str  # e.g. "ADA Standards of Care"
    threshold: str  # e.g. "≥100 mg/dL", or "≥5.6 mmol/L" when read in SI units
    rule: Threshold | None = None  # the cut-off itself (its operator and sex)


@dataclass(frozen=True)
class LabTest:
    key: str
    name: str
    short: str
    group: str  # display group: liver, glucose, lipids, blood, imaging
    loinc: str | None  # None: no code in common use (imaging); documented in `note`
    analyte: str  # key into units.CONVERSIONS
    plausible: Range  # canonical; values outside are typing errors, not results
    reference: Reference
    thresholds: tuple[Threshold, ...] = ()  # in order of increasing concern
    loinc_alt: tuple[str, ...] = ()  # same measurement, other code (e.g. moles, IFCC)
    loinc_generic: tuple[str, ...] = ()  # need a fasting flag before they mean this test
    labels: tuple[tuple[int, str], ...] = ()  # ordinal scales: value -> word
    note: str = ""

    @property
    def canonical_unit(self) -> str:
        return units.canonical_unit(self.analyte)

    @property
    def accepted_units(self) -> tuple[str, ...]:
        return units.accepted_units(self.analyte)

    def decimals(self, unit: str | None = None) -> int:
        return DECIMALS[self.analyte][unit or self.canonical_unit]

    def label_for(self, value: float) -> str | None:
        """The word for an ordinal value; None for a value that is not on the scale."""
        if not self.labels or value != int(value):
            return None
        return dict(self.labels).get(int(value))


class UnknownLabTest(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


# Display decimals per analyte and unit (enough to tell apart values that matter).
DECIMALS: dict[str, dict[str, int]] = {
    "enzyme": {"U/L": 0, "IU/L": 0, "µkat/L": 2},
    "glucose": {"mg/dL": 0, "mmol/L": 1},
    "insulin": {"µIU/mL": 1, "mIU/L": 1, "pmol/L": 0},
    "hba1c": {"%": 1, "mmol/mol": 0},
    "triglycerides": {"mg/dL": 0, "mmol/L": 2},
    "cholesterol": {"mg/dL": 0, "mmol/L": 2},
    "platelets": {"10⁹/L": 0, "10³/µL": 0, "/µL": 0},
    "albumin": {"g/dL": 1, "g/L": 0},
    "creatinine": {"mg/dL": 2, "µmol/L": 0},
    "steatosis_grade": {"grade": 0},
    "attenuation": {"dB/m": 0},
    "stiffness": {"kPa": 1},
    "fat_fraction": {"%": 1},
}

# --- Sources --------------------------------------------------------------------------------

ACG_2017 = "ACG 2017 (Kwo)"
ATP_III = "NCEP ATP III 2001"
KARLAS_2017 = "Karlas 2017"
AASLD_2023 = "AASLD 2023"
TYPICAL = "typical adult lab range; your lab's own range may differ"
NO_LOINC = "No LOINC code is in common use for this result; left empty rather than guessed."

# ACG 2017 healthy upper limits of ALT (U/L); labs' own limits are often 35-55.
ALT_ULN = {"male": 33.0, "female": 25.0}
# LSM (kPa), AASLD 2023: <8 low risk, 8-12 indeterminate, >12 high risk of advanced fibrosis.
LSM_LOW, LSM_HIGH = 8.0, 12.0
# CAP (dB/m), Karlas 2017: S≥1, S≥2, S3. (EASL 2021 uses ≥275 for steatosis.)
CAP_S1, CAP_S2, CAP_S3 = 248.0, 268.0, 280.0
PDFF_STEATOSIS = 5.0  # % liver fat


def _glycemic(prediabetes: float, diabetes: float) -> tuple[Threshold, ...]:
    return (
        Threshold(prediabetes, "prediabetes range", clinical.ADA),
        Threshold(diabetes, "diabetes range", clinical.ADA),
    )


def _per_sex(limits: dict[str, float], label: str, source: str, op: str) -> tuple[Threshold, ...]:
    return tuple(Threshold(limits[sex], label, source, op, sex) for sex in clinical.SEXES)


# --- The catalogue, in display order ----------------------------------------------------------

CATALOGUE: tuple[LabTest, ...] = (
    LabTest(
        "alt",
        "Alanine aminotransferase",
        "ALT",
        "liver",
        "1742-6",
        "enzyme",
        Range(1, 5000),
        Reference(
            Range(None, ALT_ULN["male"]), Range(None, ALT_ULN["female"]), f"{ACG_2017}, healthy"
        ),
        thresholds=_per_sex(ALT_ULN, "above the healthy upper limit", ACG_2017, ">"),
    ),
    LabTest(
        "ast",
        "Aspartate aminotransferase",
        "AST",
        "liver",
        "1920-8",
        "enzyme",
        Range(1, 5000),
        Reference.both(None, 40, TYPICAL),  # 40 is also the usual ULN in APRI
    ),
    LabTest(
        "ggt",
        "Gamma-glutamyl transferase",
        "GGT",
        "liver",
        "2324-2",
        "enzyme",
        Range(1, 5000),
        Reference(Range(None, 60), Range(None, 40), TYPICAL),
    ),
    LabTest(
        "glucose",
        "Fasting glucose",
        "Glucose",
        "glucose",
        "1558-6",
        "glucose",
        Range(20, 1000),
        Reference.both(70, 99, f"{clinical.ADA}; <70 is low"),
        thresholds=_glycemic(clinical.GLUCOSE_PREDIABETES, clinical.GLUCOSE_DIABETES),
        loinc_alt=("14771-0",),
        loinc_generic=("2345-7", "14749-6"),
        note="Fasting (at least 8 hours).",
    ),
    LabTest(
        "glucose_2h",
        "Glucose 2 hours after 75 g (OGTT)",
        "2-h glucose",
        "glucose",
        "1518-0",
        "glucose",
        Range(20, 1000),
        Reference.both(None, 139, f"{clinical.ADA} (normal <140)"),
        thresholds=_glycemic(clinical.OGTT_PREDIABETES, clinical.OGTT_DIABETES),
        loinc_alt=("14995-5",),  # moles
        note="The 2-hour value of an oral glucose tolerance test (75 g of glucose).",
    ),
    LabTest(
        "insulin",
        "Fasting insulin",
        "Insulin",
        "glucose",
        "27873-9",
        "insulin",
        Range(0.1, 1000),
        Reference.both(2.6, 24.9, TYPICAL),
        loinc_generic=("20448-7",),
        note="Fasting. Assays differ: compare results from one lab only.",
    ),
    LabTest(
        "hba1c",
        "Haemoglobin A1c",
        "HbA1c",
        "glucose",
        "4548-4",
        "hba1c",
        Range(3, 20),
        Reference.both(4.0, 5.6, f"{clinical.ADA} (normal <5.7 %)"),
        thresholds=_glycemic(clinical.HBA1C_PREDIABETES, clinical.HBA1C_DIABETES),
        loinc_alt=("59261-8",),  # IFCC mmol/mol
    ),
    LabTest(
        "triglycerides",
        "Triglycerides",
        "TG",
        "lipids",
        "2571-8",
        "triglycerides",
        Range(10, 20000),
        Reference.both(None, 149, f"{ATP_III} (normal <150)"),
        thresholds=(
            Threshold(clinical.TRIGLYCERIDES_HIGH, "borderline high", ATP_III),
            Threshold(200, "high", ATP_III),
            Threshold(500, "very high", ATP_III),
        ),
    ),
    LabTest(
        "total_cholesterol",
        "Total cholesterol",
        "Total chol.",
        "lipids",
        "2093-3",
        "cholesterol",
        Range(50, 1500),
        Reference.both(None, 199, f"{ATP_III} (desirable <200)"),
        thresholds=(
            Threshold(200, "borderline high", ATP_III),
            Threshold(240, "high", ATP_III),
        ),
    ),
    LabTest(
        "hdl",
        "HDL cholesterol",
        "HDL",
        "lipids",
        "2085-9",
        "cholesterol",
        Range(5, 200),
        Reference(
            Range(clinical.HDL_LOW["male"], None),
            Range(clinical.HDL_LOW["female"], None),
            clinical.HARMONIZED,
        ),
        thresholds=_per_sex(clinical.HDL_LOW, "low", clinical.HARMONIZED, "<"),
    ),
    LabTest(
        "ldl",
        "LDL cholesterol",
        "LDL",
        "lipids",
        "13457-7",  # calculated (Friedewald and others)
        "cholesterol",
        Range(5, 1000),
        Reference.both(None, 99, f"{ATP_III} (optimal <100)"),
        thresholds=(
            Threshold(130, "borderline high", ATP_III),
            Threshold(160, "high", ATP_III),
            Threshold(190, "very high", ATP_III),
        ),
        loinc_alt=("18262-6",),  # measured directly
    ),
    LabTest(
        "platelets",
        "Platelet count",
        "Platelets",
        "blood",
        "777-3",
        "platelets",
        Range(5, 1500),
        Reference.both(150, 400, TYPICAL),
    ),
    LabTest(
        "albumin",
        "Albumin",
        "Albumin",
        "blood",
        "1751-7",
        "albumin",
        Range(1, 7),
        Reference.both(3.5, 5.0, TYPICAL),
    ),
    LabTest(
        "creatinine",
        "Creatinine",
        "Creatinine",
        "blood",
        "2160-0",
        "creatinine",
        Range(0.1, 25),
        Reference(Range(0.7, 1.3), Range(0.6, 1.1), TYPICAL),
        loinc_alt=("14682-9",),  # µmol/L
    ),
    LabTest(
        "ultrasound_grade",
        "Ultrasound steatosis grade",
        "US grade",
        "imaging",
        None,
        "steatosis_grade",
        Range(0, 3),
        Reference.both(0, 0, "no fat seen"),
        labels=((0, "none"), (1, "mild"), (2, "moderate"), (3, "severe")),
        note=f"Graded by the radiologist's report. {NO_LOINC}",
    ),
    LabTest(
        "cap",
        "Controlled attenuation parameter (FibroScan)",
        "CAP",
        "imaging",
        None,
        "attenuation",
        Range(100, 400),  # the device's reporting range
        Reference.both(None, None, "none; see the guideline cut-offs"),
        thresholds=(
            Threshold(CAP_S1, "mild fat range (S1)", KARLAS_2017),
            Threshold(CAP_S2, "moderate fat range (S2)", KARLAS_2017),
            Threshold(CAP_S3, "severe fat range (S3)", KARLAS_2017),
        ),
        note=f"CAP grades liver fat only roughly. {NO_LOINC}",
    ),
    LabTest(
        "lsm",
        "Liver stiffness (FibroScan)",
        "LSM",
        "imaging",
        None,
        "stiffness",
        Range(1.5, 75),  # the device's reporting range
        Reference.both(None, None, "none; see the guideline cut-offs"),
        thresholds=(
            Threshold(LSM_LOW, "indeterminate range", AASLD_2023),
            Threshold(LSM_HIGH, "high-risk range", AASLD_2023, ">"),
        ),
        note=f"Below {LSM_LOW:g} kPa is the low-risk range (AASLD 2023). {NO_LOINC}",
    ),
    LabTest(
        "pdff",
        "MRI proton density fat fraction",
        "MRI-PDFF",
        "imaging",
        None,
        "fat_fraction",
        Range(0, 100),
        Reference.both(None, None, "none; see the guideline cut-offs"),
        # The usual definition of a fatty liver is ≥5 % fat; no single guideline owns it.
        thresholds=(Threshold(PDFF_STEATOSIS, "above the 5 % liver-fat cut-off", "common use"),),
        note=NO_LOINC,
    ),
)

_BY_KEY = {test.key: test for test in CATALOGUE}
_BY_LOINC = {code: test for test in CATALOGUE for code in (test.loinc, *test.loinc_alt) if code}
GROUPS = tuple(dict.fromkeys(test.group for test in CATALOGUE))


@dataclass(frozen=True)
class Panel:
    """Tests a lab usually reports together, entered as one step on the report form."""

    key: str
    name: str
    tests: tuple[str, ...]  # catalogue keys, in catalogue order


# The blood tests of each display group; imaging results come one at a time.
PANELS: tuple[Panel, ...] = (
    Panel("liver", "Liver panel (ALT, AST, GGT)", ("alt", "ast", "ggt")),
    Panel("glucose", "Glucose panel (glucose, insulin, HbA1c)", ("glucose", "insulin", "hba1c")),
    Panel(
        "lipids",
        "Lipid panel (TG, total, HDL, LDL)",
        ("triglycerides", "total_cholesterol", "hdl", "ldl"),
    ),
    Panel(
        "blood",
        "Blood count and kidney (platelets, albumin, creatinine)",
        ("platelets", "albumin", "creatinine"),
    ),
)


def panel(key: str) -> Panel | None:
    return next((each for each in PANELS if each.key == key), None)


# --- Lookups --------------------------------------------------------------------------------


def _check_sex(sex: str | None) -> str | None:
    if sex is not None and sex not in clinical.SEXES:
        raise ValueError(f"sex must be one of {clinical.SEXES} or None, got {sex!r}.")
    return sex


def get(key: str) -> LabTest:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownLabTest(
            f"No lab test {key!r} in the catalogue; known: {', '.join(_BY_KEY)}."
        ) from None


def by_loinc(code: str) -> LabTest | None:
    """The test a LOINC code means by itself (generic codes need a fasting check first)."""
    return _BY_LOINC.get(code)


def reference_range(test: LabTest, sex: str | None = None) -> tuple[float | None, float | None]:
    """Default (low, high) in the canonical unit; with sex unknown, the wider of the two."""
    return test.reference.for_sex(sex).as_tuple()


def plausible_in(test: LabTest, unit: str) -> tuple[Decimal, Decimal]:
    """Plausible limits shown in `unit`, rounded inward to the unit's display decimals."""
    low, high = plausible_limits(test)
    return units.limits_in(test.analyte, low, high, unit, test.decimals(unit))


def plausible_limits(test: LabTest) -> tuple[float, float]:
    """What a lab can report, canonical: every test has both ends."""
    low, high = test.plausible.as_tuple()
    assert low is not None and high is not None, test.key
    return low, high


def flag(value_canonical: float | None, low: float | None, high: float | None) -> str | None:
    """'high' above `high`, 'low' below `low`, None inside (the limits are in range)."""
    if value_canonical is None:
        return None
    if high is not None and value_canonical > high:
        return "high"
    if low is not None and value_canonical < low:
        return "low"
    return None


def _guideline_flag_for(test: LabTest, value: float, sex: str, unit: str) -> Threshold | None:
    met = [t for t in test.thresholds if t.sex in (None, sex) and met_in(test, t, value, unit)]
    return met[-1] if met else None  # the last one met is the highest level of concern


# --- Reading a result in the person's unit ------------------------------------------------
# Someone who reads SI units is judged against the cut-offs as guidelines publish them in SI
# (triglycerides 1.7 mmol/L, not 150 mg/dL converted to 1.69), so that the flag agrees with
# the number and the cut-off they read.

_SI_NOISE = 9  # decimals: a value typed in SI and stored in mg/dL comes back exactly


def si_unit(test: LabTest) -> str:
    """The unit an SI reader sees this test in (its canonical unit when SI has no other)."""
    return units.SI_UNITS.get(test.analyte, test.canonical_unit)


def value_in(test: LabTest, value_canonical: float, unit: str) -> float:
    if unit == test.canonical_unit:
        return value_canonical
    return round(units.from_canonical(test.analyte, value_canonical, unit), _SI_NOISE)


def cutoff_in(test: LabTest, threshold: Threshold, unit: str) -> float:
    """A cut-off in `unit`: as published in SI where the guideline gives one, else converted
    and rounded as the unit is shown."""
    if unit == test.canonical_unit:
        return threshold.cutoff
    published = clinical.PUBLISHED_SI.get((test.analyte, threshold.cutoff))
    if published is not None and unit == units.SI_UNITS.get(test.analyte):
        return published
    converted = units.from_canonical(test.analyte, threshold.cutoff, unit)
    return float(units.round_to(converted, test.decimals(unit)))


def cutoff_text(test: LabTest, threshold: Threshold, unit: str | None = None) -> str:
    """ "≥100 mg/dL", "≥1.7 mmol/L", "<1.3 mmol/L", "≥39 mmol/mol"."""
    unit = unit or test.canonical_unit
    value = cutoff_in(test, threshold, unit)
    number = f"{value:.1f}" if unit == "mmol/L" and value * 10 == int(value * 10) else f"{value:g}"
    return f"{_OPERATORS[threshold.op][1]}{number} {unit}"


def met_in(test: LabTest, threshold: Threshold, value_canonical: float, unit: str) -> bool:
    cutoff = cutoff_in(test, threshold, unit)
    return _OPERATORS[threshold.op][0](value_in(test, value_canonical, unit), cutoff)


def guideline_flag(
    test: LabTest, value_canonical: float | None, sex: str | None = None, unit: str | None = None
) -> GuidelineFlag | None:
    """The highest guideline level the value reaches, read in `unit` (default canonical).

    With sex unknown, a sex-specific cut-off counts only when the value crosses it for
    both sexes (then the stricter-to-cross cut-off is named).
    """
    if value_canonical is None:
        return None
    unit = unit or test.canonical_unit
    sexes = clinical.SEXES if sex is None else (_check_sex(sex) or sex,)
    found = [_guideline_flag_for(test, value_canonical, s, unit) for s in sexes]
    met = [threshold for threshold in found if threshold is not None]
    if len(met) != len(found) or len({threshold.label for threshold in met}) != 1:
        return None
    hardest = max(met, key=_hardness)
    return GuidelineFlag(hardest.label, hardest.source, cutoff_text(test, hardest, unit), hardest)


def _hardness(threshold: Threshold) -> float:
    # For "≥" and ">" the highest cut-off is the hardest to cross; for "<" the lowest.
    return -threshold.cutoff if threshold.op == "<" else threshold.cutoff


MAX_EXTRA_DECIMALS = 2


def decimals_for(test: LabTest, value_canonical: float, unit: str) -> int:
    """The unit's usual decimals, or more when rounding would carry the value across a
    cut-off: a glucose of 5.55 mmol/L reads "5.55", not "5.6" beside "≥5.6" unmet."""
    exact = value_in(test, value_canonical, unit)
    usual = test.decimals(unit)
    for decimals in range(usual, usual + MAX_EXTRA_DECIMALS + 1):
        shown = float(units.round_to(exact, decimals))
        if all(_same_side(test, t, exact, shown, unit) for t in test.thresholds):
            return decimals
    return usual + MAX_EXTRA_DECIMALS


def _same_side(test: LabTest, threshold: Threshold, exact: float, shown: float, unit: str):
    compare, cutoff = _OPERATORS[threshold.op][0], cutoff_in(test, threshold, unit)
    return compare(exact, cutoff) == compare(shown, cutoff)


def display(
    test: LabTest, value_canonical: float | None, unit: str | None = None, with_unit: bool = True
) -> str:
    """A canonical value shown in `unit` (default canonical) with that unit's decimals."""
    unit = unit or test.canonical_unit
    if value_canonical is None:
        return units.format_value(None)
    shown = units.from_canonical(test.analyte, value_canonical, unit)
    if test.labels:
        return test.label_for(shown) or units.format_value(shown, 0)
    decimals = decimals_for(test, value_canonical, unit)
    return units.format_value(shown, decimals, unit if with_unit else "")
