from django.contrib.auth.views import LoginView, PasswordResetView
from django.urls import include, path

from tracker.accounts import views as accounts
from tracker.accounts.forms import LimitedPasswordResetForm, LoginForm

urlpatterns = [
    path("", accounts.welcome, name="welcome"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/delete/", accounts.delete_account, name="delete_account"),
    path(
        "accounts/login/",
        LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    # Before Django's own: the throttled password change and the limited reset e-mails.
    path(
        "accounts/password_change/",
        accounts.ThrottledPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=LimitedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
]
