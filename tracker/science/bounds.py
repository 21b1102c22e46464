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
