from django.contrib.auth.views import LoginView
from django.urls import include, path

from tracker.accounts import views as accounts
from tracker.accounts.forms import LoginForm

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
    path("accounts/", include("django.contrib.auth.urls")),
]
