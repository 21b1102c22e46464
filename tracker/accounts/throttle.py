"""Limits on guessing a password and on sending e-mail.

A password typed to change the password or to delete the account counts exactly like a
failed log-in: django-axes records it against the same username and address, so five
wrong ones in a row, on any of the three forms, pause all three for an hour, and the
lock-out shows in the admin. Password-reset e-mails are limited per e-mail address typed
and per account, so the form cannot be used to flood someone's mailbox.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth.signals import user_login_failed

from tracker.server import counters

logger = logging.getLogger("liverlog.security")

RESETS_PER_HOUR = 3
HOUR = 60 * 60


def _credentials(request) -> dict:
    return {"username": request.user.get_username()}


def lockout_response(request):
    """The lock-out page when this person may not try a password now, else None."""
    credentials = _credentials(request)
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    return None


def count_wrong_password(request, form, field: str, code: str) -> None:
    """Record a failure when the form was refused for a wrong password; on the last one
    allowed, django-axes marks the request and its middleware answers the lock-out page."""
    if form.has_error(field, code):
        user_login_failed.send(sender=__name__, credentials=_credentials(request), request=request)


def reset_allowed_for_address(email: str) -> bool:
    """Count one reset request for the address typed; False once over the hour's limit."""
    return _within_limit(f"reset-mail:address:{email.strip().lower()}", "address")


def reset_allowed_for_account(user_id: int) -> bool:
    """Count one reset e-mail to this account; False once over the hour's limit."""
    return _within_limit(f"reset-mail:account:{user_id}", "account", user_id)


def _within_limit(key: str, scope: str, user_id: int | None = None) -> bool:
    sent = counters.hit(key, HOUR)
    if sent > RESETS_PER_HOUR:
        logger.warning(
            "password reset e-mail refused: %s limit reached",
            scope,
            extra={"event": "reset_limited", "user_id": user_id},
        )
        return False
    return True
