"""Deleting an account: every row of the person goes, not only those that point at the
user with a foreign key. Their data rows (logs, labs, goals, share links, pending
imports with the files they uploaded) cascade from the user; their sessions and
django-axes log-in records name them in other ways and are removed here."""

from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import transaction

from tracker.exchange import pending
from tracker.models import PendingImport

AXES_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)


def delete_account(user) -> None:
    user_id = user.pk
    tokens = list(PendingImport.objects.filter(user=user).values_list("token", flat=True))
    with transaction.atomic():
        _delete_login_records(user)
        _delete_sessions(user)
        user.delete()
    pending.forget_progress(user_id, tokens)


def _delete_login_records(user) -> None:
    """Log-in records are kept by the name typed. A name that differs only in case
    counts as this person's, unless another account has exactly that name."""
    others = (
        get_user_model()
        .objects.filter(username__iexact=user.username)
        .exclude(pk=user.pk)
        .values_list("username", flat=True)
    )
    for model in AXES_RECORDS:
        model.objects.filter(username__iexact=user.username).exclude(
            username__in=list(others)
        ).delete()


def _delete_sessions(user) -> None:
    """Every session logged in as this person, on any device. Sessions kept only in a
    cache cannot be listed; they end with the user, whose id no longer exists."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return
    user_id = str(user.pk)
    for session in store.get_model_class().objects.iterator():
        if session.get_decoded().get(SESSION_KEY) == user_id:
            store(session.session_key).delete()
