"""The progress dashboard: header figures and charts, with htmx partials for the range
switch and for refreshing after a weight is logged here.

Building the charts is the costly part, and the same person opens the same page many times
between two entries. So the rendered header and charts are kept in Django's cache under a
key made of the person, the range, today's date, the profile settings that change what is
shown, and the person's data version (models.version: one primary-key read). Every entry
added, edited or deleted, one at a time or in bulk, gives a new version, so a stale page is
never shown, and checking costs the same however much the person or anyone else logged.
"""

import hashlib
import zlib

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from tracker.guidance import notes_by_metric
from tracker.http import AuthedRequest
from tracker.logs.forms import WeightForm
from tracker.models.version import version_of
from tracker.progress import board as progress
from tracker.progress.chart_card import Shown
from tracker.record import load as load_record
from tracker.record import profile_row

PAGE = "tracker/dashboard/dashboard.html"
PARTS = "tracker/dashboard/parts.html"
CACHE_SECONDS = 60 * 60
# zlib's fastest level: half the time of its default for a fifth more bytes.
COMPRESSION = 1
CACHE_VERSION = 4  # bump when the fragments' markup or content changes


def _board(request: AuthedRequest, range_key: str, only=()):
    """The dashboard for a range, from the person's record loaded once for it."""
    start, end = progress.period_for(range_key, timezone.localdate())
    record = load_record(request.user, request.profile, start, end)
    return progress.build(record, range_key, only=only)


def _fragment_context(request: AuthedRequest, board) -> dict:
    # Notes depend on the same data as the charts, so they are cached with them.
    notes = notes_by_metric(board.record)
    sections = [
        (section, [Shown(chart, board.range_key, notes) for chart in section.charts])
        for section in board.sections
    ]
    return {"board": board, "sections": sections, "notes": notes}


def _cache_key(request: AuthedRequest, part: str, range_key: str, version: str) -> str:
    # Every profile field the record passes to the pages, the stated conditions and
    # treatments included (the checklists and notes read them): saving the profile does
    # not change the data version.
    profile = profile_row(request.profile)
    parts = (CACHE_VERSION, request.user.pk, part, range_key, timezone.localdate(), profile)
    digest = hashlib.sha256(repr((parts, version)).encode()).hexdigest()
    return f"dashboard:{digest}"


def _render(part: str, context) -> str:
    if part == "state":  # whether there is anything to show yet (goals do not count)
        return "data" if context["board"].record.has_any_data else "empty"
    return render_to_string(f"{PARTS}#{part}", context)


PARTS_CACHED = ("state", "header", "charts")


def _fragments(
    request: AuthedRequest, parts: tuple[str, ...], range_key: str, version: str
) -> dict[str, str]:
    """The rendered "header", "charts" and "state" of a range, from the cache while the
    data are unchanged: one cache entry per range, so a first view after a change costs
    one cache read, one build of the dashboard and one cache write."""
    key = _cache_key(request, "all", range_key, version)
    found = cache.get(key)
    if found is None:
        context = _fragment_context(request, _board(request, range_key))
        found = {
            part: zlib.compress(_render(part, context).encode(), COMPRESSION)
            for part in PARTS_CACHED
        }
        cache.set(key, found, CACHE_SECONDS)
    # Kept compressed (a sixth of the size); the HTML is our own templates' output.
    return {part: mark_safe(zlib.decompress(found[part]).decode()) for part in parts}


def _partial_only(request: AuthedRequest) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


@require_GET
def dashboard(request: AuthedRequest) -> HttpResponseBase:
    range_key = progress.range_key(request.GET.get("range"))
    version = version_of(request.user)
    if _partial_only(request):
        return HttpResponse(_fragments(request, ("charts",), range_key, version)["charts"])
    today = timezone.localdate()
    parts = _fragments(request, ("state", "header", "charts"), range_key, version)
    empty = parts["state"] == "empty"
    context = {"empty": empty, "today": today}
    if empty:  # the first run: nothing to load but the notes that welcome the person
        record = load_record(request.user, request.profile, *progress.period_for("4w", today))
        context["notes"] = notes_by_metric(record)
    else:
        context |= {"header_html": parts["header"], "charts_html": parts["charts"]}
    context["weight_form"] = WeightForm(profile=request.profile)
    return render(request, PAGE, context)


@require_GET
def header(request: AuthedRequest) -> HttpResponseBase:
    """The progress header alone, for a refresh after something was logged."""
    if not _partial_only(request):
        return redirect("dashboard")
    version = version_of(request.user)
    parts = _fragments(request, ("header",), progress.DEFAULT_RANGE, version)
    return HttpResponse(parts["header"])


@require_GET
def chart(request: AuthedRequest, key) -> HttpResponseBase:
    """One chart, for a refresh after something was logged."""
    range_key = progress.range_key(request.GET.get("range"))
    if not _partial_only(request):
        return redirect(f"{reverse('dashboard')}?range={range_key}#chart-{key}")
    board = _board(request, range_key, only=(key,))
    found = board.chart(key)
    if found is None:
        raise Http404("No such chart, or nothing to draw in it yet.")
    context = _fragment_context(request, board)
    context["shown"] = Shown(found, board.range_key, context["notes"])
    return render(request, f"{PARTS}#chart", context)
