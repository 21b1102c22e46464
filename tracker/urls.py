"""Each area keeps its own URL module; this one only mounts them."""

from django.urls import include, path

from tracker import site_files

urlpatterns = [
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("sw.js", site_files.service_worker, name="service_worker"),
    path("", include("tracker.accounts.urls")),
    path("", include("tracker.logs.urls")),
    path("", include("tracker.report.urls")),
    path("labs/", include("tracker.labs.urls")),
    path("progress/", include("tracker.progress.urls")),
    path("learn/", include("tracker.guidance.urls")),
    path("data/", include("tracker.exchange.urls")),
    path("reminders/", include("tracker.reminders.urls")),
]
