"""Lab reports: the flowsheet, entering and editing a report, a page per test, and the
derived indices with the criteria checklists. Every query starts from request.user; the
pages that show results read the person's record (tracker/record.py), loaded once."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tracker import display
from tracker.exchange import pasted_labs
from tracker.guidance import notes_by_metric
from tracker.http import AuthedRequest
from tracker.labs import scores as derived
from tracker.labs.forms import (
    MAX_ROWS,
    PREFIX,
    ReportEntry,
    blank_row,
    filled_typed_rows,
    panel_rows,
    typed_rows,
    unit_table,
)
from tracker.labs.tables import (
    ORDER,
    build_flowsheet,
    checklists_for,
    history_of,
    index_tables,
    view_of,
)
from tracker.models import LabReport, LabResult
from tracker.progress.charts import Window, lab_chart
from tracker.record import Record
from tracker.record import load as load_record
from tracker.science import labs


def reports_of(request: AuthedRequest) -> QuerySet[LabReport]:
    return LabReport.objects.filter(user=request.user)


def results_of(request: AuthedRequest) -> QuerySet[LabResult]:
    return LabResult.objects.filter(user=request.user).select_related("report")


def record_of(request: AuthedRequest) -> Record:
    """Everything the labs pages show: all of the person's data up to today."""
    return load_record(request.user, request.profile, None, timezone.localdate())


# --- Pages ----------------------------------------------------------------------------------


@require_GET
def flowsheet(request: AuthedRequest) -> HttpResponseBase:
    record = record_of(request)
    columns, groups = build_flowsheet(record.lab_results, request.profile)
    context = {"columns": columns, "groups": groups, "notes": notes_by_metric(record)}
    return render(request, "tracker/labs/flowsheet.html", context)


def report_form(request: AuthedRequest, instance=None) -> HttpResponseBase:
    """Add and edit share one form; "Add a test" without JavaScript posts `more`."""
    profile = request.profile
    if request.method == "POST" and "more" in request.POST:
        entry = ReportEntry.with_more_rows(request.POST, profile=profile, instance=instance)
    elif request.method == "POST" and "fill" in request.POST:
        entry = _filled_from_paste(request, instance)
    elif request.method == "POST" and "add_panel" in request.POST:
        entry = _with_panel(request, instance)
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
    context = {
        "entry": entry,
        "report": instance,
        "next_index": entry.next_index,
        "panels": labs.PANELS,
        "units": unit_table(profile),
    }
    return render(request, "tracker/labs/form.html", context)


def _filled_from_paste(request, instance) -> ReportEntry:
    """The form again, with rows filled from pasted results (after the rows already
    typed), unchecked: the person checks them against the report, then saves."""
    pasted = pasted_labs.read(request.POST.get("paste", "")[:20_000])
    rows = [row for row in typed_rows(request.POST) if row.get("test")]
    have = {row["test"] for row in rows}
    rows += [row for row in pasted.rows if row["test"] not in have] + [{}]
    entry = ReportEntry.with_rows(request.POST, rows, profile=request.profile, instance=instance)
    count = len(rows) - 1 - len(have)
    if count:
        messages.success(
            request,
            f"Filled {count} row{'s' if count != 1 else ''} from the pasted results. Check "
            "each against the report, then save.",
        )
    for line in pasted.left_out:
        messages.info(request, f"Not filled: {line}")
    return entry


def _with_panel(request, instance) -> ReportEntry:
    """Without JavaScript: the form again, unchecked, with a row for each test of the
    chosen panel that it doesn't have yet (static/js/labs.js does this in the browser)."""
    rows = filled_typed_rows(request.POST)
    panel = labs.panel(request.POST.get("panel", ""))
    added = [] if panel is None else panel_rows(panel, rows)
    room = MAX_ROWS - len(rows)
    if panel is None:
        messages.error(request, "Choose a panel, then add its tests.")
    elif not added:
        messages.info(request, "The form already has every test of that panel.")
    elif len(added) > room:
        messages.error(request, f"A report can hold at most {MAX_ROWS} rows.")
        added = added[:room]
    rows += added
    return ReportEntry.with_rows(request.POST, rows, profile=request.profile, instance=instance)


@require_http_methods(["GET", "POST"])
def add(request: AuthedRequest) -> HttpResponseBase:
    return report_form(request)


@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk) -> HttpResponseBase:
    return report_form(request, get_object_or_404(reports_of(request), pk=pk))


def _row_index(request: AuthedRequest) -> int | None:
    text = request.GET.get("index", "")
    if not text.isdigit() or int(text) >= MAX_ROWS:
        return None
    return int(text)


@require_GET
def row(request: AuthedRequest) -> HttpResponseBase:
    """htmx: one more blank result row, and the "Add a test" button pointing past it."""
    index = _row_index(request)
    if index is None:
        return HttpResponseBadRequest("Bad row number.")
    context = {"row": blank_row(request.profile, index)}
    html = render_to_string("tracker/labs/form.html#row", context, request)
    # The formset's row count and the button move on past the new row.
    after = {"next_index": index + 1, "oob": True}
    html += render_to_string("tracker/labs/form.html#total", after, request)
    html += render_to_string("tracker/labs/form.html#add_button", after, request)
    return HttpResponse(html)


@require_GET
def row_units(request: AuthedRequest) -> HttpResponseBase:
    """htmx: the unit choices of the test just chosen in a row."""
    index = _row_index(request)
    if index is None:
        return HttpResponseBadRequest("Bad row number.")
    test = request.GET.get(f"{PREFIX}-{index}-test", "")
    form = blank_row(request.profile, index, initial={"test": test})
    return render(request, "tracker/labs/unit_field.html", {"row": form})


@require_GET
def report(request: AuthedRequest, pk) -> HttpResponseBase:
    report = get_object_or_404(reports_of(request), pk=pk)
    results = sorted(report.results.all(), key=lambda r: ORDER[r.test_key])
    context = {"report": report, "results": [view_of(r, request.profile) for r in results]}
    return render(request, "tracker/labs/report.html", context)


@require_http_methods(["GET", "POST"])
def report_delete(request: AuthedRequest, pk) -> HttpResponseBase:
    report = get_object_or_404(reports_of(request), pk=pk)
    if request.method == "GET":
        context = {"report": report, "count": report.results.count()}
        return render(request, "tracker/labs/confirm_delete.html", context)
    report.delete()
    messages.success(request, f"Deleted the lab report of {display.day_text(report.date)}.")
    return redirect("labs_flowsheet")


@require_http_methods(["GET", "POST", "DELETE"])
def result_delete(request: AuthedRequest, pk) -> HttpResponseBase:
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
def test_page(request: AuthedRequest, key) -> HttpResponseBase:
    try:
        test = labs.get(key)
    except labs.UnknownLabTest:
        raise Http404("No such lab test.") from None
    record = record_of(request)
    series = derived.lab_series(record, key)
    using = derived.indices_using(key)
    points = derived.index_history(record) if series and using else []
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
        "trend": trend_chart(test, series, unit, request.profile),
        "history": history_of([p.result for p in series], request.profile),
        "tables": index_tables(points, {index.key for index in using}),
        "using": using,
        "cutoffs": cutoffs,
        "reference": reference,
        "notes": notes_by_metric(record),
    }
    return render(request, "tracker/labs/test.html", context)


def trend_chart(test, series, unit, profile):
    """The test's whole history drawn as the dashboard draws it, with its figure's JSON
    for static/js/charts.js; None before there is anything to draw."""
    if not series:
        return None
    window = Window(series[0].date, series[-1].date)
    points = [(point.date, point.value) for point in series]
    bounds = [point.result.qualifier for point in series]
    chart = lab_chart(test, points, window, unit, derived.sex_of(profile), bounds)
    figure_id = f"figure-{chart.key}"
    return {
        "chart": chart,
        "figure_id": figure_id,
        "json": chart.script(figure_id),
    }


@require_GET
def indices(request: AuthedRequest) -> HttpResponseBase:
    record = record_of(request)
    context = {
        "tables": index_tables(derived.index_history(record)),
        "checklists": checklists_for(record),
        "window": derived.WINDOW_DAYS,
        "not_a_diagnosis": derived.NOT_A_DIAGNOSIS,
        "notes": notes_by_metric(record),
        "conditions": conditions_text(derived.conditions_at(record)),
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
