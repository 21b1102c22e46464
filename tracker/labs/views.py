"""Lab reports: the flowsheet, entering and editing a report, a page per test, and the
derived indices with the criteria checklists. Every query starts from request.user."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from tracker import display
from tracker.accounts.conditions import conditions_of
from tracker.guidance import notes_by_metric
from tracker.labs import scores as derived
from tracker.labs.forms import GROUP_LABELS, MAX_ROWS, PREFIX, ReportEntry, ResultRowForm
from tracker.labs.scores import Flag, Input
from tracker.models import LabReport, LabResult
from tracker.science import clinical, labs, units

ORDER = {test.key: i for i, test in enumerate(labs.CATALOGUE)}


def reports_of(request):
    return LabReport.objects.filter(user=request.user)


def results_of(request):
    return LabResult.objects.filter(user=request.user).select_related("report")


# --- Presentation helpers -------------------------------------------------------------------


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
    text = bound + display.value_text(test, result.value, profile)
    # What was typed, when it was in another unit than the one shown.
    typed = ""
    if not test.labels and result.unit_typed != display.display_unit(test, profile):
        typed = f"{result.qualifier}{units.plain(result.value_typed)} {result.unit_typed}"
    change = None
    if previous is not None:
        change = change_between(test, result.value, previous.value, previous.report.date, profile)
    return ResultView(
        result,
        text,
        bound + display.value_text(test, result.value, profile, with_unit=False),
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


def checklists_context(request):
    return checklists_for(request.user, request.profile)


def checklists_for(user, profile):
    """Both checklists with their rows, as the scores page and the report show them."""
    inputs = derived.checklist_inputs(user, profile)
    metabolic, masld = derived.checklists(user, profile, inputs)
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


# --- Pages ----------------------------------------------------------------------------------


@require_GET
def flowsheet(request):
    columns, groups = build_flowsheet(list(results_of(request)), request.profile)
    context = {
        "columns": columns,
        "groups": groups,
        "notes": notes_by_metric(request.user, request.profile),
    }
    return render(request, "tracker/labs/flowsheet.html", context)


def report_form(request, instance=None):
    """Add and edit share one form; "Add a test" without JavaScript posts `more`."""
    profile = request.profile
    if request.method == "POST" and "more" in request.POST:
        entry = ReportEntry.with_more_rows(request.POST, profile=profile, instance=instance)
    elif request.method == "POST":
        entry = ReportEntry(request.POST, profile=profile, instance=instance)
        if entry.is_valid():
            report = entry.save(request.user)
            count = len(entry.filled_rows)
            verb = "Updated" if instance else "Saved"
            messages.success(
                request,
                f"{verb} the lab report of {display.day_text(report.date)} "
                f"({count} result{'s' if count != 1 else ''}).",
            )
            return redirect("labs_report", report.pk)
    else:
        entry = ReportEntry(profile=profile, instance=instance)
    context = {"entry": entry, "report": instance, "next_index": entry.next_index}
    return render(request, "tracker/labs/form.html", context)


@require_http_methods(["GET", "POST"])
def add(request):
    return report_form(request)


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    return report_form(request, get_object_or_404(reports_of(request), pk=pk))


def _row_index(request):
    text = request.GET.get("index", "")
    if not text.isdigit() or int(text) >= MAX_ROWS * 100:
        return None
    return int(text)


@require_GET
def row(request):
    """htmx: one more blank result row, and the "Add a test" button pointing past it."""
    index = _row_index(request)
    if index is None:
        return HttpResponseBadRequest("Bad row number.")
    context = {"row": ResultRowForm(profile=request.profile, index=index)}
    html = render_to_string("tracker/labs/form.html#row", context, request)
    button = {"next_index": index + 1, "oob": True}
    html += render_to_string("tracker/labs/form.html#add_button", button, request)
    return HttpResponse(html)


@require_GET
def row_units(request):
    """htmx: the unit choices of the test just chosen in a row."""
    index = _row_index(request)
    if index is None:
        return HttpResponseBadRequest("Bad row number.")
    test = request.GET.get(f"{PREFIX}-{index}-test", "")
    form = ResultRowForm(profile=request.profile, index=index, initial={"test": test})
    return render(request, "tracker/labs/unit_field.html", {"row": form})


@require_GET
def report(request, pk):
    report = get_object_or_404(reports_of(request), pk=pk)
    results = sorted(report.results.all(), key=lambda r: ORDER[r.test_key])
    context = {"report": report, "results": [view_of(r, request.profile) for r in results]}
    return render(request, "tracker/labs/report.html", context)


@require_http_methods(["GET", "POST"])
def report_delete(request, pk):
    report = get_object_or_404(reports_of(request), pk=pk)
    if request.method == "GET":
        context = {"report": report, "count": report.results.count()}
        return render(request, "tracker/labs/confirm_delete.html", context)
    report.delete()
    messages.success(request, f"Deleted the lab report of {display.day_text(report.date)}.")
    return redirect("labs_flowsheet")


@require_http_methods(["GET", "POST", "DELETE"])
def result_delete(request, pk):
    result = get_object_or_404(results_of(request), pk=pk)
    what = f"{result.test.short} of {display.day_text(result.report.date)}"
    if request.method == "GET":
        shown = view_of(result, request.profile)
        context = {"result": result, "shown": shown, "what": what}
        return render(request, "tracker/labs/confirm_delete.html", context)
    result.delete()
    if request.htmx:
        return HttpResponse("")  # the row asked to be swapped out
    messages.success(request, f"Deleted the {what}.")
    return redirect("labs_report", result.report_id)


@require_GET
def test_page(request, key):
    try:
        test = labs.get(key)
    except labs.UnknownLabTest:
        raise Http404("No such lab test.") from None
    series = derived.lab_series(request.user, key)
    using = derived.indices_using(key)
    points = derived.index_history(request.user, request.profile) if series and using else []
    cutoffs = [(t, display.cutoff_text(test, t, request.profile)) for t in test.thresholds]
    low, high = labs.reference_range(test, derived.sex_of(request.profile))
    unit = display.display_unit(test, request.profile)
    reference = ""
    if low is not None or high is not None:
        reference = display.range_text(
            None if low is None else display.value_text(test, low, request.profile, False),
            None if high is None else display.value_text(test, high, request.profile, False),
            unit,
        )
    context = {
        "test": test,
        "unit": unit,
        "unit_note": display.unit_note(test, request.profile),
        "history": history_of([p.result for p in series], request.profile),
        "tables": index_tables(points, {index.key for index in using}),
        "using": using,
        "cutoffs": cutoffs,
        "reference": reference,
        "notes": notes_by_metric(request.user, request.profile),
    }
    return render(request, "tracker/labs/test.html", context)


@require_GET
def indices(request):
    points = derived.index_history(request.user, request.profile)
    context = {
        "tables": index_tables(points),
        "checklists": checklists_context(request),
        "window": derived.WINDOW_DAYS,
        "not_a_diagnosis": derived.NOT_A_DIAGNOSIS,
        "notes": notes_by_metric(request.user, request.profile),
        "conditions": conditions_text(conditions_of(request.user, request.profile)),
    }
    return render(request, "tracker/labs/indices.html", context)


def conditions_text(conditions) -> list[str]:
    """What counts from the profile, in sentences: "You take atorvastatin: counted as …"."""
    lines = []
    if conditions.glucose_condition:
        which = "type 2 diabetes" if conditions.diabetes else "prediabetes"
        lines.append(f"Your profile says {which} was diagnosed: the glucose criterion counts.")
    for treatment in conditions.treatments:
        if treatment.medicines:
            lines.append(treatment.suggestion_text)
        elif treatment.on:
            lines.append(f"Your profile says you take {treatment.label}: counted.")
    return lines
