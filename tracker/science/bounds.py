"""Results a lab gives as a bound rather than a measurement: "<5", "> 300", "≤ 0.5".
The sign is kept beside the number, so that nothing uses the bound as if it were the
value (a score says it cannot be worked out instead). Read the same way from a lab file,
a backup and the lab report form. Pure Python."""

from __future__ import annotations

import re

CENSORED = re.compile(r"\s*(<=|>=|<|>|≤|≥)\s*(.+)")
# As typed -> as stored (LabResult.qualifier): one sign for each bound.
QUALIFIERS = {"<": "<", ">": ">", "<=": "≤", ">=": "≥", "≤": "≤", "≥": "≥"}


def split_bound(text: str) -> tuple[str, str]:
    """("<", "5") for "<5"; ("", text) for a plain value."""
    match = CENSORED.fullmatch(text)
    return (QUALIFIERS[match.group(1)], match.group(2)) if match else ("", text)


# A bound settles a comparison only when every value it allows lies on one side: "> 300"
# is above a limit of 40, "< 50" may or may not be. These say "surely"; an unsettled
# comparison is False, as an unknown value is.


def surely_above(qualifier: str, value: float, limit: float) -> bool:
    """Every value the result allows is above `limit`."""
    if qualifier in ("<", "≤"):
        return False
    return value >= limit if qualifier == ">" else value > limit


def surely_at_least(qualifier: str, value: float, limit: float) -> bool:
    """Every value the result allows is at or above `limit`."""
    return qualifier not in ("<", "≤") and value >= limit


def surely_within(qualifier: str, value: float, low: float, high: float) -> bool:
    """Every value the result allows lies in [low, high]: only a measured one can."""
    return not qualifier and low <= value <= high
