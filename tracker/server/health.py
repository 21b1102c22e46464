"""/health/: 200 while the database and the shared cache answer, 503 otherwise.

For a load balancer or a monitor: no login, no personal data, nothing stored."""

import logging
import secrets

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache() -> bool:
    key, value = "health-probe", secrets.token_hex(8)
    cache.set(key, value, 30)
    return cache.get(key) == value


@login_not_required
@require_GET
def health(request):
    checks = {}
    for name, probe in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = "ok" if probe() else "failed"
        except Exception as error:  # any failure of a backend is an unhealthy answer
            logger.warning("health check: %s failed: %s", name, type(error).__name__)
            checks[name] = "failed"
    healthy = all(state == "ok" for state in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "failed", **checks})
    response.status_code = 200 if healthy else 503
    response["Cache-Control"] = "no-store"
    return response
