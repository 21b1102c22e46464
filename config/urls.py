from django.contrib import admin
from django.urls import include, path

from tracker.server.health import health

urlpatterns = [
    path("health/", health, name="health"),
    # For the host: users and django-axes lock-outs (staff accounts only).
    path("admin/", admin.site.urls),
    path("", include("tracker.urls")),
]
