"""Lab results pasted from a portal's page or a PDF, one test a line, read into rows for
the lab report form, for the person to check before saving. Pure Python.

A line is read as: the test's name (any spelling lab_names knows), the result, then
optionally its unit and the lab's range ("ALT   45  U/L   7-56",
"Hemoglobin A1c 5.9 % 4.8-5.6 H", "Platelets\t231\tx10E3/uL\t150 - 450"). Flags such as
H or L are ignored. A bound ("GGT  < 5  U/L") fills the row as printed; the form keeps its
sign. Lines that are not results (headings, dates, tests LiverLog does not keep) are
listed back, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.science.bounds import QUALIFIERS, split_bound

from .labvalues import RowProblem, find_test, match_unit

NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
RANGE = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*(?:-|–|to)\s*(-?\d+(?:[.,]\d+)?)")
BOUND = re.compile(r"(<=|>=|<|>|≤|≥)\s*\d")
MAX_LINES = 100


@dataclass
class Pasted:
    rows: list[dict] = field(default_factory=list)  # test, value, unit, lab_low, lab_high
    left_out: list[str] = field(default_factory=list)  # "line: why"


def _plain(text: str) -> str:
    return text.replace(",", ".")


def _tokens(text: str) -> list[str]:
    """The line's words, a bound's sign joined to its number ("<", "5" -> "<5")."""
    tokens: list[str] = []
    for token in text.split():
        if tokens and tokens[-1] in QUALIFIERS:
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def _line(text: str) -> dict:
    """One row, or RowProblem saying why the line is not one."""
    tokens = _tokens(text)
    for split in range(1, len(tokens)):
        if NUMBER.fullmatch(tokens[split]) or BOUND.match(tokens[split]):
            test = find_test(" ".join(tokens[:split]))
            if test is not None:
                break
    else:
        raise RowProblem("no test LiverLog keeps, followed by a result")
    qualifier, value = split_bound(tokens[split])
    rest = " ".join(tokens[split + 1 :])
    value = qualifier + _plain(value)
    row = {"test": test.key, "value": value, "unit": "", "lab_low": "", "lab_high": ""}
    if match := RANGE.search(rest):
        row["lab_low"], row["lab_high"] = _plain(match.group(1)), _plain(match.group(2))
        rest = rest[: match.start()]
    if rest.strip():
        try:
            row["unit"] = match_unit(test, rest.split()[0])
        except RowProblem:
            row["unit"] = ""  # the person picks it; the form lists the test's units
    elif len(test.accepted_units) == 1:
        row["unit"] = test.canonical_unit
    return row


def read(text: str) -> Pasted:
    pasted = Pasted()
    seen = set()
    for raw in text.splitlines()[:MAX_LINES]:
        line = raw.strip()
        if not line:
            continue
        try:
            row = _line(line)
        except RowProblem as problem:
            pasted.left_out.append(f"“{line[:80]}”: {problem}.")
            continue
        if row["test"] in seen:
            pasted.left_out.append(f"“{line[:80]}”: this test is already in a row above.")
            continue
        seen.add(row["test"])
        pasted.rows.append(row)
    return pasted
