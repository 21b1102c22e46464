"""Undo for a deleted log entry: the entry's own fields wait in the session for a short
while, and Undo saves them back under the same id. The person's session holds only
their own last deletion, so nothing here can restore someone else's entry."""

import time

from django.core import serializers
from django.db import IntegrityError, transaction

from tracker.models import version

SESSION_KEY = "undo_delete"
# The Undo button shows for a few seconds; the server keeps the entry a little longer
# so that a slow phone, or a page without JavaScript, can still use it.
SHOWN_SECONDS = 8
KEPT_SECONDS = 120


def remember(request, kind, entry, description):
    request.session[SESSION_KEY] = {
        "kind": kind.slug,
        "pk": entry.pk,
        "description": description,
        "data": serializers.serialize("json", [entry]),
        "at": time.time(),
    }


def pending(request, kind):
    """The deletion that Undo can still bring back on this log, or None."""
    saved = request.session.get(SESSION_KEY)
    if not saved or saved["kind"] != kind.slug or time.time() - saved["at"] > KEPT_SECONDS:
        return None
    return saved


def is_pending(request, kind, pk) -> bool:
    saved = pending(request, kind)
    return saved is not None and saved["pk"] == pk


def restore(request, kind, pk):
    """Save the remembered entry back; returns it, or None with the reason."""
    saved = pending(request, kind)
    if saved is None or saved["pk"] != pk:
        return None, "There is nothing to undo any more."
    (item,) = serializers.deserialize("json", saved["data"])
    entry = item.object
    if entry.user_id != request.user.pk:
        return None, "There is nothing to undo any more."
    if (
        kind.one_per_date
        and kind.model.objects.filter(
            user=request.user, **{kind.date_field: kind.date_of(entry)}
        ).exists()
    ):
        return None, f"There is a new {kind.noun} on that date now; the deleted one stays deleted."
    try:
        with transaction.atomic():
            # A raw save, as loaddata does: the entry comes back exactly as it was,
            # its id and its "created" time included.
            item.save()
            # A raw save skips the model's own save(), and with it the data version.
            version.bump(request.user.pk)
    except IntegrityError:
        return None, f"There is a new {kind.noun} on that date now; the deleted one stays deleted."
    del request.session[SESSION_KEY]
    return entry, None
