"""The address of the person at the other end, for rate limits, lock-outs and logs.

Directly on the internet it is the socket's address, REMOTE_ADDR, and X-Forwarded-For
is ignored: anyone can send that header. Behind proxies (BEHIND_PROXY=1), REMOTE_ADDR
is the nearest proxy for everyone, so the address comes from X-Forwarded-For, which
each proxy extends with the address it saw. Only the entries our TRUSTED_PROXY_COUNT
proxies appended can be believed: the client's is the one the outermost of them added,
counted from the right; anything to its left was written by the client itself.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """None when unknown (a request made in code): django-axes stores the address in an
    address column, where PostgreSQL refuses anything that is not one."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the left-most is the furthest any of them wrote.
    candidate = forwarded[-min(settings.TRUSTED_PROXY_COUNT, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
