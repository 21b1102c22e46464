"""What the labs pages and the doctor report show of lab results: the flowsheet, a
result with its flags and change, a test's history, the two checklists and the index
tables. Below the views (the report builds from it too); no request in sight."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tracker import display
from tracker.labs import scores as derived
from tracker.labs.forms import GROUP_LABELS
from tracker.labs.scores import Flag, Input
from tracker.models import LabReport, LabResult
from tracker.record import Record
from tracker.science import clinical, labs, units

ORDER = {test.key: i for i, test in enumerate(labs.CATALOGUE)}


@dataclass(frozen=True)
class Change:
    arrow: str  # "▲", "▼" or "="
    amount: str  # "14"
    spoken: str  # "down 14 U/L since 3 Jan 2026"


def change_between(test, current: float, previous: float, since: date, profile) -> Change:
    """The change from the previous result, as shown: in the person's unit, rounded."""
    unit = display.display_unit(test, profile)
    delta = display.shown_number(test, current, profile) - display.shown_number(
        test, previous, profile
    )
    amount = units.format_value(abs(delta), test.decimals(unit))
    if float(units.round_to(abs(delta), test.decimals(unit))) == 0:
        return Change("=", "", f"no change since {display.day_text(since)}")
    arrow, word = ("▲", "up") if delta > 0 else ("▼", "down")
    return Change(arrow, amount, f"{word} {amount} {unit} since {display.day_text(since)}")


@dataclass
class ResultView:
    """One result as a page shows it."""

    result: LabResult
    text: str  # in the person's unit, with the unit
    number: str  # the same, without the unit (for tables whose row names the unit)
    typed: str  # as typed, when that differs from what is shown
    lab_range: str
    flags: list[Flag]
    change: Change | None = None


def view_of(result: LabResult, profile, previous: LabResult | None = None) -> ResultView:
    test = result.test
    bound = result.qualifier  # "<" for "<5": the lab gave a bound, shown as such
    text = display.bound_text(bound, display.value_text(test, result.value, profile))
    # What was typed, when it was in another unit than the one shown.
    typed = ""
    if not test.labels and result.unit_typed != display.display_unit(test, profile):
        typed = display.bound_text(bound, f"{units.plain(result.value_typed)} {result.unit_typed}")
    change = None
    if previous is not None:
        change = change_between(test, result.value, previous.value, previous.report.date, profile)
    return ResultView(
        result,
        text,
        display.bound_text(bound, display.value_text(test, result.value, profile, False)),
        typed,
        display.lab_range_text(result, profile),
        derived.flags(result, profile),
        change,
    )


@dataclass
class FlowRow:
    test: labs.LabTest
    unit: str
    cells: list[ResultView | None]


@dataclass
class Column:
    date: date
    reports: list[LabReport] = field(default_factory=list)


def build_flowsheet(results, profile):
    """Columns (report dates, newest first) and rows (tests, grouped, catalogue order)."""
    columns: dict[date, Column] = {}
    by_test: dict[str, dict[date, LabResult]] = defaultdict(dict)
    for result in sorted(results, key=lambda r: (r.report.date, r.report_id, r.id)):
        day = result.report.date
        column = columns.setdefault(day, Column(day))
        if result.report not in column.reports:
            column.reports.append(result.report)
        by_test[result.test_key][day] = result  # a later report of the same day wins
    dates = sorted(columns, reverse=True)
    groups = []
    for group in labs.GROUPS:
        rows = []
        for test in labs.CATALOGUE:
            if test.group != group or test.key not in by_test:
                continue
            cells, previous = {}, None
            for day in sorted(by_test[test.key]):
                result = by_test[test.key][day]
                cells[day] = view_of(result, profile, previous)
                previous = result
            rows.append(
                FlowRow(test, display.display_unit(test, profile), [cells.get(d) for d in dates])
            )
        if rows:
            groups.append((GROUP_LABELS.get(group, group), rows))
    return [columns[d] for d in dates], groups


def history_of(results, profile) -> list[ResultView]:
    """One test's results, newest first, each with its change from the one before."""
    views, previous = [], None
    for result in results:  # oldest first
        views.append(view_of(result, profile, previous))
        previous = result
    return views[::-1]


# --- Checklists -----------------------------------------------------------------------------

STATUS = {True: ("met", "Met"), False: ("not-met", "Not met"), None: ("unknown", "Unknown")}
INPUT_NAMES = {
    "waist_cm": "a waist measurement",
    "triglycerides": "triglycerides",
    "hdl": "HDL",
    "systolic": "a blood pressure reading",
    "diastolic": "a blood pressure reading",
    "glucose": "fasting glucose",
    "ogtt_2h": "a 2-hour glucose",
    "hba1c": "HbA1c",
    "bmi": "a weight and your height",
    "sex": "your sex (in your profile)",
}


@dataclass
class CriterionRow:
    label: str
    status: str
    status_text: str
    inputs: list[Input]
    threshold: str
    needs: str


def checklist_rows(result: clinical.CriteriaResult, shown: dict[str, Input], profile):
    rows = []
    for criterion in result:
        inputs = []
        for name in criterion.inputs:
            if name in shown and shown[name] not in inputs:
                inputs.append(shown[name])
        if criterion.treated:
            # Met whatever the values: say why, so a "Met" beside normal values is not a puzzle.
            inputs.append(Input("Treatment or diagnosis", "counted from your profile", None))
        needs = ""
        if criterion.met is None:
            names = list(dict.fromkeys(INPUT_NAMES.get(m, m) for m in criterion.missing))
            needs = "needs " + " or ".join(names) if names else ""
        status, status_text = STATUS[criterion.met]
        rows.append(
            CriterionRow(
                criterion.label,
                status,
                status_text,
                inputs,
                # In the person's units: clinical.py writes SI cut-offs with their published values.
                criterion.threshold + ".",
                needs,
            )
        )
    return rows


def checklist_summary(result: clinical.CriteriaResult, masld: bool) -> str:
    count = f"{result.met_count} of {len(result.criteria)} met"
    if result.present is None:
        return f"{count}; the unknown ones decide whether the definition is met."
    if masld:
        if result.present:
            return (
                f"{count}. With fat in the liver and no other cause, one criterion is how the "
                "2023 consensus defines MASLD; your doctor makes that call."
            )
        return f"{count}. None of the cardiometabolic criteria is met."
    if result.present:
        return (
            f"{count}: at least {result.needed} meet the harmonized definition of metabolic "
            "syndrome. Worth raising with your doctor; it is not a diagnosis."
        )
    return f"{count}: fewer than the {result.needed} the definition asks for."


def checklists_for(record: Record):
    """Both checklists with their rows, as the scores page and the report show them."""
    profile = record.profile
    inputs = derived.checklist_inputs(record)
    metabolic, masld = derived.checklists(record)
    return [
        {
            "id": "metabolic-syndrome",
            "result": metabolic,
            "summary": checklist_summary(metabolic, masld=False),
            "rows": checklist_rows(metabolic, inputs.shown, profile),
        },
        {
            "id": "masld",
            "result": masld,
            "summary": checklist_summary(masld, masld=True),
            "rows": checklist_rows(masld, inputs.shown, profile),
        },
    ]


def index_tables(points, keys=None):
    """Points grouped per index (in INDICES order), newest first."""
    by_key = defaultdict(list)
    for point in points:
        by_key[point.key].append(point)
    return [
        {"index": index, "points": by_key[index.key][::-1]}
        for index in derived.INDICES
        if by_key[index.key] and (keys is None or index.key in keys)
    ]
