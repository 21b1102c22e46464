from django.contrib.auth.views import LoginView
from django.urls import include, path

from tracker.accounts import views as accounts
from tracker.accounts.forms import LoginForm
from tracker.logs import today
from tracker.logs import views as logs
from tracker.report import sharing_views as sharing
from tracker.report import views as report

urlpatterns = [
    path("", accounts.welcome, name="welcome"),
    path("today/", today.today, name="today"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/delete/", accounts.delete_account, name="delete_account"),
    path(
        "accounts/login/",
        LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("log/<slug:kind>/", logs.history, name="history"),
    path("log/<slug:kind>/add/", logs.add, name="log_add"),
    path("log/<slug:kind>/<int:pk>/edit/", logs.edit, name="log_edit"),
    path("log/<slug:kind>/<int:pk>/delete/", logs.delete, name="log_delete"),
    path("report/", report.report, name="report"),
    path("report/pdf/", report.report_pdf, name="report_pdf"),
    path("report/questions/", report.add_question, name="report_add_question"),
    path(
        "report/questions/<int:pk>/delete/", report.delete_question, name="report_delete_question"
    ),
    path("share/", sharing.share_links, name="share_links"),
    path("share/<int:pk>/revoke/", sharing.revoke, name="share_revoke"),
    path("shared/<str:token>/", sharing.shared_report, name="shared_report"),
    # Each area keeps its own URL module.
    path("labs/", include("tracker.labs.urls")),
    path("progress/", include("tracker.progress.urls")),
    path("learn/", include("tracker.guidance.urls")),
    path("data/", include("tracker.exchange.urls")),
]
