"""Log receivers for events other libraries announce by signal."""

import logging

from axes.signals import user_locked_out
from django.dispatch import receiver

from tracker.server.client import client_address

security = logging.getLogger("liverlog.security")


@receiver(user_locked_out, dispatch_uid="liverlog-log-lock-out")
def log_lock_out(sender, request, username, ip_address, **kwargs):
    client = client_address(request) if request is not None else ip_address
    security.warning(
        "lock-out: too many wrong passwords", extra={"username": username, "client": client}
    )
