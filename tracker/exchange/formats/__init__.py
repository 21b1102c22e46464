"""Other apps' export files, recognised by their content: a zip archive or an XML stream
by its first bytes, JSON by its structure, CSV by its header (or first lines).

Each format is a module with SOURCE, TITLE, `sniff` and `read`; `read` collects what the
file holds into records.Collected, which records.to_parsed checks and turns into the
pipeline's records, with the summary line the preview shows."""

from __future__ import annotations

from ..reading import ImportProblem
from . import (
    apple_health,
    cronometer,
    fhir_import,
    fitbit,
    garmin,
    google_fit,
    hackersdiet_excel,
    hackersdiet_xml,
    libra,
    measures,
    myfitnesspal,
    renpho,
    samsung,
    withings,
)

JSON_FORMATS = [fhir_import, fitbit]
# The order matters where headers overlap: the most specific first.
CSV_FORMATS = [
    hackersdiet_excel,
    samsung,
    libra,
    garmin,
    cronometer,
    google_fit,
    renpho,
    withings,
    myfitnesspal,
    measures,  # the most general: any file with blood pressure or waist columns
]
ALL = [apple_health, hackersdiet_xml, *JSON_FORMATS, *CSV_FORMATS]
SOURCE_NAMES = {module.SOURCE: module.TITLE for module in ALL}
BY_SOURCE = {module.SOURCE: module for module in ALL}


def _pick(candidates, content, source: str):
    """The format the person chose, else (for "auto") the first that recognises the
    content; None leaves the file to the weight and lab readers."""
    if source != "auto":
        module = BY_SOURCE.get(source)
        if module not in candidates:
            return None
        # A format whose columns the person chooses reads any table.
        if not module.sniff(content) and not getattr(module, "CHOOSES_COLUMNS", False):
            raise ImportProblem(
                f"This file is not laid out as the “{module.TITLE}” source expects. Choose "
                "“Work it out from the file”, or another source below."
            )
        return module
    return next((module for module in candidates if module.sniff(content)), None)


def json_format(data, source: str):
    return _pick(JSON_FORMATS, data, source)


def csv_format(rows, source: str):
    return _pick(CSV_FORMATS, rows, source)
