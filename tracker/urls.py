from django.urls import include, path

from tracker.views import accounts, logs, today

urlpatterns = [
    path("", accounts.welcome, name="welcome"),
    path("today/", today.today, name="today"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/delete/", accounts.delete_account, name="delete_account"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("log/<slug:kind>/", logs.history, name="history"),
    path("log/<slug:kind>/add/", logs.add, name="log_add"),
    path("log/<slug:kind>/<int:pk>/edit/", logs.edit, name="log_edit"),
    path("log/<slug:kind>/<int:pk>/delete/", logs.delete, name="log_delete"),
    # Each area keeps its own URL module.
    path("labs/", include("tracker.urls_labs")),
    path("progress/", include("tracker.urls_dashboard")),
    path("learn/", include("tracker.urls_learn")),
    path("data/", include("tracker.urls_data")),
]
