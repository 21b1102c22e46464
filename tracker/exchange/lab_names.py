"""The names labs and patient portals print for the tests LiverLog keeps, and the units
they write, matched to the catalogue. Pure Python.

Names are compared after folding case, accents, punctuation and anything in parentheses
("AST (SGOT)" → "ast", "Hemoglobin A1c" → "hemoglobin a1c"); the table holds the usual
English spellings and abbreviations (US and UK) and the names on German, Spanish and
French lab reports. Tests not in the table are tests LiverLog does not keep."""

from __future__ import annotations

import re
import unicodedata

SYNONYMS = {
    "alt": [
        "alt",
        "sgpt",
        "alt sgpt",
        "alat",
        "gpt",
        "alanine aminotransferase",
        "alanine transaminase",
        "alt gpt",
        "alanin aminotransferase",
        "alanina aminotransferasa",
        "transaminasa gpt",
        "alanine aminotransférase",
        "transaminases alat",
    ],
    "ast": [
        "ast",
        "sgot",
        "ast sgot",
        "asat",
        "got",
        "aspartate aminotransferase",
        "aspartate transaminase",
        "ast got",
        "aspartat aminotransferase",
        "aspartato aminotransferasa",
        "transaminasa got",
        "aspartate aminotransférase",
        "transaminases asat",
    ],
    "ggt": [
        "ggt",
        "gamma gt",
        "γ gt",
        "gamma glutamyl transferase",
        "gamma glutamyltransferase",
        "gamma glutamyl transpeptidase",
        "g gt",
        "ggtp",
        "gamma glutamiltransferasa",
        "gamma glutamyl transférase",
        "gamma gt ggt",
    ],
    "glucose": [
        "glucose",
        "fasting glucose",
        "glucose fasting",
        "fasting blood glucose",
        "fbg",
        "fpg",
        "fasting plasma glucose",
        "glucose serum",
        "glucose plasma",
        "glukose",
        "nüchternglukose",
        "nuchternglukose",
        "glucosa",
        "glucosa en ayunas",
        "glycémie",
        "glycemie",
        "glycémie à jeun",
        "glycemie a jeun",
    ],
    "insulin": [
        "insulin",
        "fasting insulin",
        "insulin fasting",
        "insulin serum",
        "insulina",
        "insuline",
        "nüchterninsulin",
    ],
    "hba1c": [
        "hba1c",
        "a1c",
        "hemoglobin a1c",
        "haemoglobin a1c",
        "glycated hemoglobin",
        "glycated haemoglobin",
        "glycosylated hemoglobin",
        "hb a1c",
        "glykiertes hämoglobin",
        "hämoglobin a1c",
        "hemoglobina glicosilada",
        "hemoglobina glucosilada",
        "hémoglobine glyquée",
        "hemoglobine glyquee",
    ],
    "triglycerides": [
        "triglycerides",
        "triglyceride",
        "tg",
        "trig",
        "triglyzeride",
        "triglycéride",
        "triglycérides",
        "triglicéridos",
        "trigliceridos",
    ],
    "total_cholesterol": [
        "total cholesterol",
        "cholesterol",
        "cholesterol total",
        "chol",
        "tc",
        "gesamtcholesterin",
        "cholesterin",
        "colesterol total",
        "colesterol",
        "cholestérol total",
        "cholesterol total serum",
    ],
    "hdl": [
        "hdl",
        "hdl cholesterol",
        "hdl c",
        "cholesterol hdl",
        "hdl cholesterin",
        "colesterol hdl",
        "cholestérol hdl",
    ],
    "ldl": [
        "ldl",
        "ldl cholesterol",
        "ldl c",
        "ldl calc",
        "ldl chol calc",
        "ldl cholesterol calc",
        "cholesterol ldl",
        "ldl cholesterin",
        "colesterol ldl",
        "cholestérol ldl",
    ],
    "platelets": [
        "platelets",
        "platelet count",
        "plt",
        "platelet",
        "thrombozyten",
        "thrombocytes",
        "plaquetas",
        "plaquettes",
        "recuento de plaquetas",
        "numération plaquettaire",
    ],
    "albumin": ["albumin", "albumin serum", "alb", "albúmina", "albumina", "albumine"],
    "creatinine": [
        "creatinine",
        "creatinine serum",
        "creat",
        "crea",
        "kreatinin",
        "creatinina",
        "créatinine",
    ],
}

_PARENTHESES = re.compile(r"\([^)]*\)")
_PUNCTUATION = re.compile(r"[^\w%γ]+")


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _table() -> dict[str, str]:
    table = {}
    for key, names in SYNONYMS.items():
        for name in names:
            table[fold(name)] = key
    return table


NAMES = _table()


def test_key(text: str) -> str | None:
    """The catalogue key a printed test name means, or None. "AST (SGOT)" is tried as a
    whole, then without its parentheses, then by what is inside them."""
    whole = fold(text)
    if whole in NAMES:
        return NAMES[whole]
    outside = fold(_PARENTHESES.sub(" ", text))
    if outside in NAMES:
        return NAMES[outside]
    for inside in re.findall(r"\(([^)]*)\)", text):
        if fold(inside) in NAMES:
            return NAMES[fold(inside)]
    return None
