"""Today: one tile per log for a chosen day (today unless the person picks another),
each showing that day's entries as chips and opening its short form in place."""

from datetime import date, timedelta

from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.http import AuthedRequest
from tracker.logs.forms import COMMON_ACTIVITIES
from tracker.logs.kinds import BY_SLUG, KINDS

# Check-in quick taps: the usual answers, one tap each; anything else goes through the
# full form. "3+" drinks records three; the full form takes an exact count.
SLEEP_TAPS = (5, 6, 7, 8, 9)
STRESS_TAPS = (1, 2, 3, 4, 5)
DRINK_TAPS = ((0, "0"), (1, "1"), (2, "2"), (3, "3+"))
# Tiles whose form is always shown: the whole point of the weight tile is a number and
# one tap, and the check-in is made of taps.
ALWAYS_OPEN = {"weight", "checkins"}


def chosen_day(text):
    """The day asked for, or today; never a day in the future."""
    today = timezone.localdate()
    try:
        day = date.fromisoformat(text) if text else today
    except ValueError:
        return today
    return min(day, today)


def tile_context(request: AuthedRequest, kind, day, form=None, message=None, is_open=False) -> dict:
    entries = kind.model.objects.filter(user=request.user, **{kind.date_field: day})
    if form is None:
        form = kind.form(profile=request.profile)
    # Several tiles share one page: ids per tile keep each label on its own field
    # (the weight and the measurement tiles both have a "unit").
    form.auto_id = f"id_{kind.slug}_%s"
    context = {
        "kind": kind,
        "form": form,
        "message": message,
        "is_open": is_open or kind.slug in ALWAYS_OPEN or bool(form.errors),
        "entries": [(entry, kind.summary(entry, request.profile)) for entry in entries],
    }
    if kind.slug == "checkins":
        context["taps"] = checkin_taps(entries.first())
    return context


def checkin_taps(checkin):
    """Each tap's field, value, label and whether it is the value saved for the day."""

    def row(name, legend, choices):
        saved = getattr(checkin, name, None) if checkin else None
        return {
            "name": name,
            "legend": legend,
            "choices": [
                {"value": v, "label": label, "saved": saved is not None and saved == v}
                for v, label in choices
            ],
        }

    drinks_saved = checkin.alcohol_drinks if checkin else None
    drinks = row("alcohol_drinks", "Alcoholic drinks", DRINK_TAPS)
    if drinks_saved is not None and drinks_saved >= 3:
        drinks["choices"][-1]["saved"] = True
    return [
        row("sleep_hours", "Sleep (hours)", [(h, str(h)) for h in SLEEP_TAPS]),
        row("stress", "Stress (1 calm – 5 very stressed)", [(s, str(s)) for s in STRESS_TAPS]),
        drinks,
    ]


def day_context(day):
    today = timezone.localdate()
    return {"day": day, "is_today": day == today, "yesterday": today - timedelta(days=1)}


def render_tile(
    request: AuthedRequest, kind, day, form=None, message=None, is_open=False
) -> HttpResponseBase:
    context = {"tile": tile_context(request, kind, day, form, message, is_open)}
    return render(request, "tracker/today.html#tile", context | day_context(day))


@require_GET
def today(request: AuthedRequest) -> HttpResponseBase:
    day = chosen_day(request.GET.get("date"))
    opened = request.GET.get("open", "")
    tile_slug = request.GET.get("tile")
    if request.htmx and tile_slug:
        # Opening or closing one tile in place: only that tile comes back.
        kind = BY_SLUG.get(tile_slug)
        if kind is None or not kind.on_today:
            raise Http404("No such log.")
        return render_tile(request, kind, day, is_open=opened == kind.slug)
    tiles = [tile_context(request, k, day, is_open=opened == k.slug) for k in KINDS if k.on_today]
    context = {
        "tiles": tiles,
        "activities": COMMON_ACTIVITIES,
        "other_kinds": [kind for kind in KINDS if not kind.on_today],
    }
    return render(request, "tracker/today.html", context | day_context(day))
