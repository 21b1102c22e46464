"""Files that browsers ask for at the site's root rather than under /static/: the
favicon.ico they request on their own, and the service worker, which must come from
the root to look after every page. Served from the static files (the collected,
hashed copy when there is one), so there is one source for each file."""

import functools
import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET

DAY = 24 * 3600


def static_bytes(name: str) -> bytes:
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    path = finders.find(name)
    if not path:
        raise Http404(f"{name} is missing from the static files.")
    with open(path, "rb") as handle:
        return handle.read()


@login_not_required
@require_GET
def favicon(request):
    response = HttpResponse(static_bytes("icons/favicon.ico"), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={7 * DAY}"
    return response


# What Today needs to open offline, by static name.
SHELL = (
    "css/app.css",
    "css/learn.css",
    "vendor/htmx-2.0.11.min.js",
    "js/app.js",
    "js/offline.js",
    "manifest.webmanifest",
    "icons/favicon.svg",
    "icons/icon-192.png",
)


@functools.lru_cache(maxsize=4)
def service_worker_source(urls: tuple[str, ...]) -> bytes:
    """sw.js with its two constants in front: the shell's URLs, and a version that
    changes whenever any of those files (or sw.js itself) does."""
    body = static_bytes("js/sw.js")
    digest = hashlib.sha256(body)
    for name in SHELL:
        digest.update(static_bytes(name))
    prelude = f"const VERSION = {json.dumps(digest.hexdigest()[:16])};\n"
    prelude += f"const SHELL = {json.dumps(list(urls))};\n"
    return prelude.encode() + body


@login_not_required
@require_GET
def service_worker(request):
    # Served from the root, not /static/: a worker controls only the pages under the
    # path it comes from, and Today lives at /today/.
    urls = tuple(static(name) for name in SHELL)
    response = HttpResponse(service_worker_source(urls), content_type="text/javascript")
    # Browsers check for a new worker themselves; never let a cache hold an old one.
    response["Cache-Control"] = "no-cache"
    return response
