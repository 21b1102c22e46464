"""Files that browsers ask for at the site's root rather than under /static/: the
favicon.ico they request on their own. Served from the static files (the collected,
hashed copy when there is one), so there is one source for each file."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse
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
