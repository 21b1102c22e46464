"""Unit conversion and display. Pure Python: no Django imports.

Every quantity is stored in a canonical unit beside the value and unit the person typed.
Conversions live here, in one table, so that a factor is never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LB_IN_KG = 0.45359237
STONE_IN_LB = 14.0
INCH_IN_CM = 2.54
GLUCOSE_MMOL_TO_MG = 18.016  # molar mass 180.16 g/mol
CHOLESTEROL_MMOL_TO_MG = 38.67
TRIGLYCERIDE_MMOL_TO_MG = 88.57
# pmol/L per µIU/mL. Some labs use the legacy 6.945; we follow the current 6.00.
INSULIN_PMOL_PER_UIU = 6.00
UKAT_TO_U = 60.0
CREATININE_UMOL_PER_MG_DL = 88.4
# HbA1c, NGSP % from IFCC mmol/mol (the master equation).
HBA1C_SLOPE = 0.09148
HBA1C_INTERCEPT = 2.152
GRAMS_ETHANOL_PER_US_DRINK = 14
KCAL_PER_KG = 7716


# The SI unit of each analyte that has one in common use, for someone who reads SI results.
# Enzymes stay in U/L (µkat/L is rarely printed); platelets are already 10⁹/L.
SI_UNITS: dict[str, str] = {
    "glucose": "mmol/L",
    "cholesterol": "mmol/L",
    "triglycerides": "mmol/L",
    "creatinine": "µmol/L",
    "albumin": "g/L",
    "insulin": "pmol/L",
    "hba1c": "mmol/mol",
}


class UnknownUnit(ValueError):
    """Raised for a unit that the analyte does not accept."""


@dataclass(frozen=True)
class Scale:
    """canonical = value * factor + offset"""

    factor: float
    offset: float = 0.0

    def to_canonical(self, value: float) -> float:
        return value * self.factor + self.offset

    def from_canonical(self, value: float) -> float:
        return (value - self.offset) / self.factor


IDENTITY = Scale(1.0)

# analyte -> {unit: Scale}; the first unit listed is the canonical one.
CONVERSIONS: dict[str, dict[str, Scale]] = {
    "weight": {"kg": IDENTITY, "lb": Scale(LB_IN_KG), "st": Scale(STONE_IN_LB * LB_IN_KG)},
    "length": {"cm": IDENTITY, "in": Scale(INCH_IN_CM)},
    "glucose": {"mg/dL": IDENTITY, "mmol/L": Scale(GLUCOSE_MMOL_TO_MG)},
    "cholesterol": {"mg/dL": IDENTITY, "mmol/L": Scale(CHOLESTEROL_MMOL_TO_MG)},
    "triglycerides": {"mg/dL": IDENTITY, "mmol/L": Scale(TRIGLYCERIDE_MMOL_TO_MG)},
    "insulin": {"µIU/mL": IDENTITY, "mIU/L": IDENTITY, "pmol/L": Scale(1 / INSULIN_PMOL_PER_UIU)},
    "hba1c": {"%": IDENTITY, "mmol/mol": Scale(HBA1C_SLOPE, HBA1C_INTERCEPT)},
    "enzyme": {"U/L": IDENTITY, "IU/L": IDENTITY, "µkat/L": Scale(UKAT_TO_U)},
    "platelets": {"10⁹/L": IDENTITY, "10³/µL": IDENTITY, "/µL": Scale(1 / 1000)},
    "albumin": {"g/dL": IDENTITY, "g/L": Scale(1 / 10)},
    "creatinine": {"mg/dL": IDENTITY, "µmol/L": Scale(1 / CREATININE_UMOL_PER_MG_DL)},
    # Imaging results come in one unit each; listing them keeps every lab test on this table.
    "steatosis_grade": {"grade": IDENTITY},  # ultrasound, ordinal 0-3
    "attenuation": {"dB/m": IDENTITY},  # FibroScan CAP
    "stiffness": {"kPa": IDENTITY},  # FibroScan LSM
    "fat_fraction": {"%": IDENTITY},  # MRI-PDFF
}


def canonical_unit(analyte: str) -> str:
    return next(iter(_scales(analyte)))


def accepted_units(analyte: str) -> tuple[str, ...]:
    return tuple(_scales(analyte))


def _scales(analyte: str) -> dict[str, Scale]:
    try:
        return CONVERSIONS[analyte]
    except KeyError:
        raise UnknownUnit(f"No unit table for {analyte!r}.") from None


def _scale(analyte: str, unit: str) -> Scale:
    scales = _scales(analyte)
    if unit not in scales:
        raise UnknownUnit(f"{unit!r} is not a unit for {analyte} ({', '.join(scales)}).")
    return scales[unit]


def to_canonical(analyte: str, value: float, unit: str) -> float:
    """Convert a typed value in `unit` to the analyte's canonical unit."""
    return _scale(analyte, unit).to_canonical(float(value))


def from_canonical(analyte: str, value: float, unit: str) -> float:
    """Convert a canonical value to `unit` for display."""
    return _scale(analyte, unit).from_canonical(float(value))


def round_to(value: float, decimals: int) -> Decimal:
    """Round half up (as people do), not to even (as float formatting does)."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_value(value: float | None, decimals: int = 1, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{round_to(value, decimals):,}"
    return f"{text} {unit}".strip()


def plain(number: Decimal) -> str:
    """A number without trailing zeros: 20.0 -> "20", 44.10 -> "44.1"."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def limits_in(analyte: str, low: float, high: float, unit: str, decimals: int = 1):
    """Canonical limits shown in `unit`, rounded inward so both ends are allowed."""
    lo = from_canonical(analyte, low, unit)
    hi = from_canonical(analyte, high, unit)
    step = Decimal(1).scaleb(-decimals)
    lo_r = round_to(lo, decimals)
    hi_r = round_to(hi, decimals)
    if float(lo_r) < lo:
        lo_r += step
    if float(hi_r) > hi:
        hi_r -= step
    return lo_r, hi_r


def grams_of_alcohol(standard_drinks: float) -> float:
    return standard_drinks * GRAMS_ETHANOL_PER_US_DRINK
