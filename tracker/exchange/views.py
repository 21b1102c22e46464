"""Your data: download it (CSV, JSON backup, FHIR) and bring data in with a preview.

An import is read and validated on upload, kept in the database under a random token
(tracker.exchange.pending), previewed, and written all or nothing, once, on confirm."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker import jobs
from tracker.exchange import csv_export, fhir, import_job, importer, json_backup, pending
from tracker.exchange.formats import measures
from tracker.exchange.formats.shown import health_samples
from tracker.exchange.forms import ConfirmForm, ReadOptionsForm, UploadForm
from tracker.exchange.parsed import Options, Parsed
from tracker.exchange.preview import plan
from tracker.exchange.reading import ImportProblem
from tracker.http import AuthedRequest
from tracker.models import Job, PendingImport
from tracker.science import labs
from tracker.server.logs import event

INDEX = "tracker/exchange/index.html"
PREVIEW = "tracker/exchange/preview.html"


def _download(content: str, name: str, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"liverlog-{name}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _units_choice(request: AuthedRequest) -> str:
    return csv_export.CANONICAL if request.GET.get("units") == "canonical" else csv_export.DISPLAY


def _index_page(request: AuthedRequest, form, status=200) -> HttpResponseBase:
    profile = request.profile
    context = {
        "form": form,
        "exports": csv_export.EXPORTS.values(),
        "units": _units_choice(request),
        "display_units": f"{profile.weight_unit}, {profile.length_unit}, {profile.lab_units}",
    }
    return render(request, INDEX, context, status=status)


@require_GET
def index(request: AuthedRequest) -> HttpResponseBase:
    form = UploadForm(initial={"source": "auto", "unit": request.profile.weight_unit})
    return _index_page(request, form)


@require_GET
def export_csv(request: AuthedRequest, kind) -> HttpResponseBase:
    if kind not in csv_export.EXPORTS:
        raise Http404("No such export.")
    text = csv_export.export_csv(request.user, request.profile, kind, _units_choice(request))
    event("exchange", "export", user_id=request.user.pk, format="csv", kind=kind, rows=_rows(text))
    return _download(text, kind, "csv", "text/csv; charset=utf-8")


@require_GET
def export_backup(request: AuthedRequest) -> HttpResponseBase:
    backup = json_backup.build(request.user)
    text = json_backup.dumps(backup)
    records = sum(len(value) for value in backup.values() if isinstance(value, list))
    event("exchange", "export", user_id=request.user.pk, format="backup", records=records)
    return _download(text, "backup", "json", "application/json; charset=utf-8")


@require_GET
def export_fhir(request: AuthedRequest) -> HttpResponseBase:
    bundle = fhir.build(request.user, request.profile)
    text = json.dumps(bundle, ensure_ascii=False, indent=1)
    event(
        "exchange", "export", user_id=request.user.pk, format="fhir", records=len(bundle["entry"])
    )
    return _download(text, "fhir", "json", "application/fhir+json; charset=utf-8")


def _rows(csv_text: str) -> int:
    return max(0, len(csv_text.splitlines()) - 1)  # less the header


def _options(cleaned: dict) -> Options:
    return Options.from_dict({key: value or "" for key, value in cleaned.items()})


@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponseBase:
    if request.method == "GET":
        return redirect("data_index")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            options = _options(form.cleaned_data)
            parsed, text = importer.read_file(upload, upload.size, options, request.profile)
            item = pending.create(request.user, upload.name, text, parsed, upload.size)
        except ImportProblem as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("data_preview", item.token)
    return _index_page(request, form)


def _pending_or_404(request: AuthedRequest, token) -> PendingImport:
    item = pending.find(request.user, token)
    if item is None:
        raise Http404("No such import: it was finished, cancelled or has expired.")
    return item


def _reread(request: AuthedRequest, item: PendingImport, options: Options) -> Parsed:
    old = Parsed.from_dict(item.parsed)
    if not item.text:  # an archive or streamed export: nothing to read differently
        return old
    try:
        return importer.read(item.text, options, request.profile)
    except ImportProblem as problem:
        return Parsed(
            kind=old.kind,
            source=options.source,
            errors=[str(problem)],
            columns=old.columns,
            options=options,
        )


def _column_choices(parsed: Parsed) -> dict:
    """The columns a person may choose from: weight, lab, blood-pressure and waist CSV
    files."""
    if parsed.source == measures.SOURCE:
        return {"columns": parsed.columns, "layout": "measures"}
    if parsed.kind not in ("weights", "labs"):
        return {}
    return {"columns": parsed.columns, "layout": parsed.kind}


def _preview_page(
    request: AuthedRequest, item: PendingImport, options_form=None
) -> HttpResponseBase:
    parsed = Parsed.from_dict(item.parsed)
    options_form = options_form or ReadOptionsForm(
        initial=parsed.options.__dict__, **_column_choices(parsed)
    )
    the_plan = plan(request.user, request.profile, parsed)
    context = {
        "token": item.token,
        "filename": item.filename,
        "parsed": parsed,
        "source_name": importer.SOURCE_NAMES.get(parsed.source, parsed.source),
        "plan": the_plan,
        "samples": _samples(parsed, request.profile),
        "options_form": options_form,
        "confirm_form": ConfirmForm(initial={"duplicates": "skip", "restore_profile": True}),
        "state": None,  # shown (and polled) once the person confirms
    }
    return render(request, PREVIEW, context)


def _samples(parsed: Parsed, request_profile, count: int = 5) -> list[dict]:
    """The first records as they will be saved, to check dates and units were read right."""
    if parsed.kind == "weights":
        return [item["fields"] for item in parsed.sections.get("weights", [])[:count]]
    if parsed.kind == "labs":
        rows = []
        for report in parsed.sections.get("labs", []):
            for result in report["results"]:
                test = labs.get(result["test_key"]).short
                rows.append({"date": report["fields"]["date"], "test": test, **result})
        return rows[:count]
    if parsed.kind == "health":
        return health_samples(parsed, request_profile, count)
    return []


@require_http_methods(["GET", "POST"])
def preview(request: AuthedRequest, token) -> HttpResponseBase:
    item = _pending_or_404(request, token)
    if request.method == "POST":
        form = ReadOptionsForm(request.POST, **_column_choices(Parsed.from_dict(item.parsed)))
        if not form.is_valid():
            return _preview_page(request, item, options_form=form)
        pending.reread(item, _reread(request, item, _options(form.cleaned_data)))
        return redirect("data_preview", token)
    return _preview_page(request, item)


@require_POST
def confirm(request: AuthedRequest, token) -> HttpResponseBase:
    if not pending.exists(request.user, token):
        raise Http404("No such import: it was cancelled or has expired.")
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was imported: choose what to do with duplicates.")
        return redirect("data_preview", token)
    item = pending.find(request.user, token)
    if item is not None and item.parsed.get("errors"):
        # The preview's button is disabled; a confirm posted anyway is refused here, in
        # the request, rather than queued for the worker to refuse.
        messages.error(request, "Nothing was imported: this file still has errors to fix.")
        return redirect("data_preview", token)
    large = item is not None and import_job.is_large(item)
    del item  # confirming loads the records again: two copies of a big file are too many
    if large:
        job = import_job.request_import(
            request.user,
            token,
            form.cleaned_data["duplicates"],
            form.cleaned_data["restore_profile"],
        )
        return redirect("data_import_job", job.pk)
    try:
        result = pending.confirm(
            request.user,
            token,
            form.cleaned_data["duplicates"],
            form.cleaned_data["restore_profile"],
        )
    except pending.AlreadyDone as done:
        messages.info(request, str(done))
        return redirect("data_index")
    except ImportProblem as problem:
        messages.error(request, str(problem))
        return redirect("data_preview", token)
    messages.success(request, result.summary())
    return redirect("data_index")


@require_GET
def import_job_page(request: AuthedRequest, pk) -> HttpResponseBase:
    """A large import being written by the task worker: its state, then its outcome."""
    job = get_object_or_404(Job.objects.filter(user=request.user, kind=Job.Kind.IMPORT), pk=pk)
    # Rows written so far, from whichever process runs the import (its progress cache).
    state = None if job.finished else pending.progress_of(job.user_id, job.params.get("token", ""))
    return jobs.status_page(request, job, "tracker/exchange/import_job.html", {"state": state})


@require_GET
def progress(request: AuthedRequest, token) -> HttpResponseBase:
    state = pending.progress_of(request.user.pk, token)
    if state is None and not pending.exists(request.user, token):
        raise Http404("No such import.")
    response = render(request, f"{PREVIEW}#progress", {"token": token, "state": state})
    if state and state["finished"]:
        response.status_code = jobs.STOP_POLLING
    return response


@require_POST
def cancel(request: AuthedRequest, token) -> HttpResponseBase:
    if not pending.cancel(request.user, token):
        raise Http404("No such import: it was finished, cancelled or has expired.")
    messages.success(request, "Import cancelled; nothing was saved.")
    return redirect("data_index")
