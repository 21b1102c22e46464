"""A person's stated conditions and treatments, and what the medication log suggests.

Pure Python: no Django imports. The profile holds what the person states: a diabetes
diagnosis, and for each treatment "yes", "no" or "" (not stated: the medication log
decides). The log only suggests; a stated answer always wins, so a person taking metformin
for another reason can say "no" and the glucose criterion is no longer counted as treated.

How the treatments feed the scores (CLINICAL.md §3):
- lipid-lowering treatment meets the triglyceride and HDL criteria of both checklists;
- glucose-lowering treatment meets the glucose criteria;
- blood-pressure treatment meets the blood-pressure criteria;
- diagnosed type 2 diabetes or prediabetes meets the MASLD glucose criterion and sets the
  NAFLD fibrosis score's "impaired fasting glucose or diabetes" term, whatever today's
  glucose (so does a glucose-lowering treatment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

LIPID_LOWERING = "lipid_lowering"
GLUCOSE_LOWERING = "glucose_lowering"
BLOOD_PRESSURE = "blood_pressure"
TREATMENTS = (LIPID_LOWERING, GLUCOSE_LOWERING, BLOOD_PRESSURE)
TREATMENT_LABELS = {
    LIPID_LOWERING: "lipid-lowering treatment",
    GLUCOSE_LOWERING: "glucose-lowering treatment",
    BLOOD_PRESSURE: "treatment for high blood pressure",
}
# The criteria of clinical.py that each treatment meets.
CRITERIA_TREATED = {
    LIPID_LOWERING: ("triglycerides", "hdl"),
    GLUCOSE_LOWERING: ("glucose",),
    BLOOD_PRESSURE: ("blood_pressure",),
}

YES, NO, NOT_STATED = "yes", "no", ""
PREDIABETES, TYPE_2 = "prediabetes", "type2"
DIAGNOSES = ("", "none", PREDIABETES, TYPE_2)

# Generic names (and a few common brand names, mapped to their generic) by treatment. Left
# out on purpose: beta-blockers such as propranolol and carvedilol and the diuretic
# spironolactone, which people with liver disease often take for portal hypertension or
# fluid rather than blood pressure; and the weight-management brands of GLP-1 medicines
# (Wegovy, Saxenda, Zepbound), taken without diabetes. The person can still say "yes".
_GENERIC: dict[str, tuple[str, ...]] = {
    LIPID_LOWERING: (
        "atorvastatin",
        "rosuvastatin",
        "simvastatin",
        "pravastatin",
        "lovastatin",
        "fluvastatin",
        "pitavastatin",
        "ezetimibe",
        "fenofibrate",
        "gemfibrozil",
        "bezafibrate",
        "bempedoic",
        "evolocumab",
        "alirocumab",
        "inclisiran",
    ),
    GLUCOSE_LOWERING: (
        "metformin",
        "semaglutide",
        "liraglutide",
        "dulaglutide",
        "exenatide",
        "lixisenatide",
        "tirzepatide",
        "empagliflozin",
        "dapagliflozin",
        "canagliflozin",
        "ertugliflozin",
        "pioglitazone",
        "insulin",
        "gliclazide",
        "glimepiride",
        "glipizide",
        "glibenclamide",
        "glyburide",
        "sitagliptin",
        "linagliptin",
        "saxagliptin",
        "alogliptin",
        "vildagliptin",
        "acarbose",
    ),
    BLOOD_PRESSURE: (
        "lisinopril",
        "ramipril",
        "enalapril",
        "perindopril",
        "captopril",
        "benazepril",
        "quinapril",
        "fosinopril",
        "trandolapril",
        "losartan",
        "valsartan",
        "candesartan",
        "irbesartan",
        "olmesartan",
        "telmisartan",
        "azilsartan",
        "amlodipine",
        "nifedipine",
        "felodipine",
        "lercanidipine",
        "diltiazem",
        "verapamil",
        "hydrochlorothiazide",
        "chlorthalidone",
        "chlorthalidon",
        "indapamide",
        "bendroflumethiazide",
        "bisoprolol",
        "metoprolol",
        "atenolol",
        "nebivolol",
    ),
}
_BRANDS = {
    "lipitor": "atorvastatin",
    "crestor": "rosuvastatin",
    "zocor": "simvastatin",
    "zetia": "ezetimibe",
    "ezetrol": "ezetimibe",
    "glucophage": "metformin",
    "ozempic": "semaglutide",
    "rybelsus": "semaglutide",
    "victoza": "liraglutide",
    "trulicity": "dulaglutide",
    "mounjaro": "tirzepatide",
    "jardiance": "empagliflozin",
    "farxiga": "dapagliflozin",
    "forxiga": "dapagliflozin",
    "invokana": "canagliflozin",
    "actos": "pioglitazone",
    "januvia": "sitagliptin",
    "lantus": "insulin",
    "levemir": "insulin",
    "tresiba": "insulin",
    "toujeo": "insulin",
    "humalog": "insulin",
    "novorapid": "insulin",
    "humulin": "insulin",
    "norvasc": "amlodipine",
    "cozaar": "losartan",
    "diovan": "valsartan",
}
_TREATMENT_OF = {name: key for key, names in _GENERIC.items() for name in names}
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Match:
    """One logged medicine that suggests a treatment."""

    name: str  # as the person typed it, e.g. "Lipitor 20 mg"
    generic: str  # e.g. "atorvastatin"

    @property
    def text(self) -> str:
        """ "atorvastatin", or "Lipitor (atorvastatin)" for a brand name."""
        first = self.name.split()[0] if self.name.split() else self.name
        if first.lower() == self.generic:
            return self.generic
        return f"{first} ({self.generic})"


def classify(name: str) -> tuple[str, Match] | None:
    """The treatment a medicine's name suggests, or None when LiverLog does not know it."""
    for word in _WORD.findall(name.lower()):
        generic = _BRANDS.get(word, word)
        if generic in _TREATMENT_OF:
            return _TREATMENT_OF[generic], Match(name.strip(), generic)
    return None


def suggestions(names: Iterable[str]) -> dict[str, tuple[Match, ...]]:
    """For each treatment, the logged medicines that suggest it (none: an empty tuple)."""
    found: dict[str, list[Match]] = {key: [] for key in TREATMENTS}
    for name in names:
        classified = classify(name)
        if classified and all(m.generic != classified[1].generic for m in found[classified[0]]):
            found[classified[0]].append(classified[1])
    return {key: tuple(matches) for key, matches in found.items()}


@dataclass(frozen=True)
class Treatment:
    key: str  # one of TREATMENTS
    stated: str  # YES, NO or NOT_STATED
    medicines: tuple[Match, ...]  # current medicines that suggest it

    @property
    def label(self) -> str:
        return TREATMENT_LABELS[self.key]

    @property
    def on(self) -> bool:
        """Counted as treated: stated yes, or not stated and suggested by the log."""
        if self.stated == NOT_STATED:
            return bool(self.medicines)
        return self.stated == YES

    @property
    def from_log(self) -> bool:
        return self.stated == NOT_STATED and bool(self.medicines)

    @property
    def suggestion_text(self) -> str:
        """ "You take atorvastatin: counted as lipid-lowering treatment." ("" if nothing)."""
        if not self.medicines:
            return ""
        names = [m.text for m in self.medicines]
        taken = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if self.stated == NO:
            return f"You take {taken}, but you said it is not {self.label}: not counted."
        return f"You take {taken}: counted as {self.label}."


@dataclass(frozen=True)
class Conditions:
    diagnosis: str = ""  # one of DIAGNOSES
    treatments: tuple[Treatment, ...] = ()

    def __post_init__(self):
        if self.diagnosis not in DIAGNOSES:
            raise ValueError(f"diagnosis must be one of {DIAGNOSES}, got {self.diagnosis!r}.")

    def treatment(self, key: str) -> Treatment:
        for treatment in self.treatments:
            if treatment.key == key:
                return treatment
        return Treatment(key, NOT_STATED, ())

    def on(self, key: str) -> bool:
        return self.treatment(key).on

    @property
    def diabetes(self) -> bool:
        """Type 2 diabetes diagnosed."""
        return self.diagnosis == TYPE_2

    @property
    def glucose_condition(self) -> bool:
        """Diabetes or prediabetes diagnosed: the MASLD glucose criterion is met."""
        return self.diagnosis in (PREDIABETES, TYPE_2)

    @property
    def impaired_glucose_or_diabetes(self) -> bool:
        """The NAFLD fibrosis score's term is 1 whatever today's glucose."""
        return self.glucose_condition or self.on(GLUCOSE_LOWERING)

    @property
    def treated(self) -> frozenset[str]:
        """The criteria of clinical.py met by treatment."""
        return frozenset(
            criterion for key in TREATMENTS if self.on(key) for criterion in CRITERIA_TREATED[key]
        )


class Taken(Protocol):
    """A medicine in the log: its name and the days it was taken (stop None: still taken)."""

    @property
    def name(self) -> str: ...
    @property
    def start(self) -> date: ...
    @property
    def stop(self) -> date | None: ...


def taken_on(medicines: Iterable[Taken], day: date) -> list[str]:
    """The names of the medicines taken on `day`: started by then and not stopped before
    it (a medicine stopped that day still counts), in the order given."""
    return [m.name for m in medicines if m.start <= day and (m.stop is None or m.stop >= day)]


def conditions_on(
    diagnosis: str, stated: dict[str, str], medicines: Iterable[Taken], day: date
) -> Conditions:
    """The person's conditions on `day`, from their answers and the medicines taken then."""
    return conditions(diagnosis, stated, taken_on(medicines, day))


def conditions(diagnosis: str, stated: dict[str, str], medicine_names: Iterable[str]) -> Conditions:
    """The person's conditions from their profile answers and current medicines."""
    suggested = suggestions(medicine_names)
    for key, answer in stated.items():
        if key not in TREATMENTS or answer not in (YES, NO, NOT_STATED):
            raise ValueError(f"Unknown treatment answer {key}={answer!r}.")
    return Conditions(
        diagnosis,
        tuple(Treatment(key, stated.get(key, NOT_STATED), suggested[key]) for key in TREATMENTS),
    )
