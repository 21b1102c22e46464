"""Today: quick entry for every daily log and what has been logged today."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.logs.forms import COMMON_ACTIVITIES
from tracker.logs.kinds import KINDS


def card_context(request, kind, form, message=None):
    today = timezone.localdate()
    entries = kind.model.objects.filter(user=request.user, **{kind.date_field: today})
    # Several cards share one page: ids per card keep each label on its own field
    # (the weight and the measurement cards both have a "unit").
    form.auto_id = f"id_{kind.slug}_%s"
    return {
        "kind": kind,
        "form": form,
        "message": message,
        "entries": [(entry, kind.summary(entry, request.profile)) for entry in entries],
    }


def render_card(request, kind, form, message=None):
    context = {"card": card_context(request, kind, form, message), "today": timezone.localdate()}
    return render(request, "tracker/today.html#card", context)


@require_GET
def today(request):
    cards = [
        card_context(request, kind, kind.form(profile=request.profile))
        for kind in KINDS
        if kind.on_today
    ]
    context = {
        "cards": cards,
        "today": timezone.localdate(),
        "activities": COMMON_ACTIVITIES,
        "other_kinds": [kind for kind in KINDS if not kind.on_today],
    }
    return render(request, "tracker/today.html", context)
