from django.urls import path

from tracker.logs import today
from tracker.logs import views as logs

urlpatterns = [
    path("today/", today.today, name="today"),
    path("log/<slug:kind>/", logs.history, name="history"),
    path("log/<slug:kind>/add/", logs.add, name="log_add"),
    path("log/<slug:kind>/<int:pk>/edit/", logs.edit, name="log_edit"),
    path("log/<slug:kind>/<int:pk>/delete/", logs.delete, name="log_delete"),
    path("log/<slug:kind>/<int:pk>/undo/", logs.restore, name="log_undo"),
]
