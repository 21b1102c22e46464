"""Share-link tokens: random, stored only as a hash, compared in constant time.

A token reads "<key>.<secret>". The key (64 random bits) finds the row; the secret
(256 random bits) is checked against its SHA-256 with hmac.compare_digest, so neither
a database lookup nor a string comparison leaks how much of a guess was right.
"""

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from tracker.models import Profile
from tracker.models.sharing import ShareLink
from tracker.report import frozen
from tracker.report.build import report_for
from tracker.server import counters
from tracker.server.logs import event

KEY_BYTES = 8
SECRET_BYTES = 32
# Failed look-ups allowed per client address per window before answering 429.
GUESS_LIMIT = 20
GUESS_WINDOW_SECONDS = 600


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_link(user, days, label="", period_start=None, period_end=None):
    """Create a link and return it with its token; the token is shown once, never stored.

    The report of the period (the default one when none is given) is built now and kept
    with the link: the link shows what was shared, whatever is saved afterwards."""
    profile, _ = Profile.objects.get_or_create(user=user)
    report = report_for(user, profile, period_start, period_end)
    key = secrets.token_urlsafe(KEY_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    link = ShareLink.objects.create(
        user=user,
        key=key,
        secret_hash=_hash(secret),
        label=label,
        period_start=report.start,
        period_end=report.end,
        snapshot=frozen.freeze(report),
        expires_at=timezone.now() + timedelta(days=days),
    )
    event("sharing", "share link created", key=key, user_id=user.pk, days=days)
    return link, f"{key}.{secret}"


def resolve(token: str):
    """The active link for a token, or None for a wrong, expired or revoked one."""
    link, _state = look_up(token)
    return link


def look_up(token: str):
    """The active link for a token and "active"; or None and why: "unknown" for a
    token that matches no link, "expired" or "revoked" for a real link that no longer
    opens (saying so tells the holder of the whole token nothing new)."""
    key, _, secret = token.partition(".")
    if not key or not secret:
        return None, "unknown"
    link = ShareLink.objects.filter(key=key).first()
    if link is None or not hmac.compare_digest(_hash(secret), link.secret_hash):
        return None, "unknown"
    if link.revoked_at is not None:
        return None, "revoked"
    if not link.is_active:
        return None, "expired"
    return link, "active"


def record_open(link, client_address: str | None):
    ShareLink.objects.filter(pk=link.pk).update(
        open_count=F("open_count") + 1, last_opened_at=timezone.now()
    )
    event("sharing", "share link opened", key=link.key, client=client_address)


def revoke(link) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        event("sharing", "share link revoked", key=link.key, user_id=link.user_id)


def too_many_guesses(client_address: str | None) -> bool:
    return counters.current(_guess_key(client_address)) >= GUESS_LIMIT


def record_failed_guess(client_address: str | None) -> None:
    if counters.hit(_guess_key(client_address), GUESS_WINDOW_SECONDS) == GUESS_LIMIT:
        logging.getLogger("liverlog.security").warning(
            "share link look-ups paused: too many failed", extra={"client": client_address}
        )


def _guess_key(client_address: str | None) -> str:
    return f"share-guess:{client_address}"
