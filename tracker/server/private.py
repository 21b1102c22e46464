"""No page of a signed-in person and no download of personal data may be kept by a
shared cache (a proxy, a CDN) or reused from the browser's cache after log-out."""

PRIVATE = "private, no-store"


class PrivateCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or is_download(response):
            response["Cache-Control"] = PRIVATE
        return response


def is_download(response) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")
