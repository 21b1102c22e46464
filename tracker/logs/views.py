"""Generic add / edit / delete / history views for every log in the registry."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from tracker import display
from tracker.http import AuthedRequest
from tracker.logs import undo
from tracker.logs.forms import COMMON_ACTIVITIES
from tracker.logs.kinds import BY_SLUG, KINDS
from tracker.logs.today import chosen_day, render_tile

PAGE_SIZE = 25


def kind_or_404(slug):
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("No such log.") from None


def entries_of(request: AuthedRequest, kind) -> QuerySet:
    return kind.model.objects.filter(user=request.user)


def parse_day(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@require_GET
def history(request: AuthedRequest, kind) -> HttpResponseBase:
    kind = kind_or_404(kind)
    entries = entries_of(request, kind)
    start, end = parse_day(request.GET.get("start")), parse_day(request.GET.get("end"))
    if start:
        entries = entries.filter(**{f"{kind.date_field}__gte": start})
    if end:
        entries = entries.filter(**{f"{kind.date_field}__lte": end})
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "kind": kind,
        "kinds": KINDS,
        "page": page,
        "rows": [row_of(request, kind, entry) for entry in page],
        "start": start,
        "end": end,
        "filtered": bool(start or end),
        "undo": undo.pending(request, kind),
    }
    template = "tracker/logs/history.html"
    if request.htmx and not request.htmx.boosted:
        template += "#entries"
    return render(request, template, context)


def row_of(request: AuthedRequest, kind, entry) -> tuple:
    """One history row: the entry and its cells, each paired with its column header."""
    cells = [(c.header, c.cell(entry, request.profile)) for c in kind.columns]
    return entry, cells


def save_entry(request: AuthedRequest, kind, form) -> tuple:
    """Save a valid form. A second entry on a one-per-date log updates the first one.

    Returns the saved entry and whether an existing one was replaced, or None when the
    date collides with another entry while editing (the form then carries the error).
    """
    entry = form.save(commit=False)
    entry.user = request.user
    try:
        return _save_once(request, kind, form, entry)
    except IntegrityError:
        # Two tabs saved the same day at once and the other one's row won the unique
        # constraint (SQLite's immediate transactions queue them; PostgreSQL does not):
        # looking again finds that row, which this save then updates.
        if not kind.one_per_date:
            raise
        return _save_once(request, kind, form, entry)


@transaction.atomic
def _save_once(request: AuthedRequest, kind, form, entry) -> tuple:
    replaced = False
    if kind.one_per_date:
        same_day = entries_of(request, kind).filter(**{kind.date_field: kind.date_of(entry)})
        existing = same_day.exclude(pk=entry.pk).first()
        if existing and entry.pk:
            form.add_error(
                kind.date_field, f"There is already a {kind.noun} on that date; edit that one."
            )
            return None, False
        if existing:
            entry.pk, entry.created_at, replaced = existing.pk, existing.created_at, True
            for name in kind.kept_when_blank:
                if getattr(entry, name) is None:
                    setattr(entry, name, getattr(existing, name))
    entry.save()
    return entry, replaced


def saved_message(kind, entry, replaced, profile):
    day = display.day_text(kind.date_of(entry))
    what = kind.summary(entry, profile)
    if replaced:
        return f"You already had a {kind.noun} for {day}; it is now updated to {what}."
    return f"Saved your {kind.noun} for {day}: {what}."


def safe_next(request: AuthedRequest) -> str | None:
    target = request.POST.get("next", "")
    # Only a path on this site: redirect() would try anything else as a view name (a 500).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return None


def form_page(request: AuthedRequest, kind, form, entry=None) -> HttpResponseBase:
    context = {"kind": kind, "form": form, "entry": entry, "activities": COMMON_ACTIVITIES}
    return render(request, "tracker/logs/form.html", context)


@require_http_methods(["GET", "POST"])
def add(request: AuthedRequest, kind) -> HttpResponseBase:
    kind = kind_or_404(kind)
    # Today's "log for another day" carries the day along to the full form.
    initial = {kind.date_field: chosen_day(request.GET.get("date"))}
    form = kind.form(request.POST or None, profile=request.profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry, replaced = save_entry(request, kind, form)
        if entry is not None:
            message = saved_message(kind, entry, replaced, request.profile)
            if request.htmx:
                response = render_tile(request, kind, kind.date_of(entry), message=message)
                return trigger_client_event(response, "logged", {"kind": kind.slug})
            messages.success(request, message)
            return redirect(safe_next(request) or reverse("history", args=[kind.slug]))
    if request.htmx:
        day = chosen_day(request.POST.get(kind.date_field) or request.GET.get("date"))
        return render_tile(request, kind, day, form=form, is_open=True)
    return form_page(request, kind, form)


@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, kind, pk) -> HttpResponseBase:
    kind = kind_or_404(kind)
    entry = get_object_or_404(entries_of(request, kind), pk=pk)
    form = kind.form(request.POST or None, instance=entry, profile=request.profile)
    if request.method == "POST" and form.is_valid():
        saved, _ = save_entry(request, kind, form)
        if saved is not None:
            messages.success(request, f"Updated your {kind.noun}.")
            return redirect("history", kind.slug)
    return form_page(request, kind, form, entry)


@require_http_methods(["GET", "POST", "DELETE"])
def delete(request: AuthedRequest, kind, pk) -> HttpResponseBase:
    kind = kind_or_404(kind)
    entry = get_object_or_404(entries_of(request, kind), pk=pk)
    if request.method == "GET":
        summary = kind.summary(entry, request.profile)
        context = {"kind": kind, "entry": entry, "summary": summary}
        return render(request, "tracker/logs/confirm_delete.html", context)
    summary = kind.summary(entry, request.profile)
    day = kind.date_of(entry)
    undo.remember(request, kind, entry, f"{display.day_text(day)}: {summary}")
    entry.delete()
    if request.htmx:
        # The row becomes a short-lived "Deleted … Undo" row in its place.
        context = {
            "kind": kind,
            "undo": undo.pending(request, kind),
            "undo_seconds": undo.SHOWN_SECONDS,
        }
        response = render(request, "tracker/logs/history.html#undo_row", context)
        return trigger_client_event(response, "logged", {"kind": kind.slug})
    messages.success(request, f"Deleted the {kind.noun}.")
    return redirect("history", kind.slug)


@require_POST
def restore(request: AuthedRequest, kind, pk) -> HttpResponseBase:
    kind = kind_or_404(kind)
    if not request.htmx and not undo.is_pending(request, kind, pk):
        raise Http404  # nothing of this person's waits to be restored under that id
    entry, problem = undo.restore(request, kind, pk)
    if request.htmx:
        if entry is None:
            context = {"kind": kind, "problem": problem}
            return render(request, "tracker/logs/history.html#undo_row", context)
        context = {"kind": kind, "row": row_of(request, kind, entry)}
        response = render(request, "tracker/logs/history.html#row", context)
        return trigger_client_event(response, "logged", {"kind": kind.slug})
    if entry is None:
        messages.error(request, problem)
    else:
        messages.success(request, f"The {kind.noun} is back.")
    return redirect("history", kind.slug)
