from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tracker.accounts import deletion, throttle
from tracker.accounts.conditions import conditions_of
from tracker.accounts.forms import DeleteAccountForm, ProfileForm, SignupForm
from tracker.http import AuthedRequest


@login_not_required
@require_GET
def welcome(request: HttpRequest) -> HttpResponseBase:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "tracker/welcome.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponseBase:
    if request.user.is_authenticated:
        return redirect("today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to LiverLog. Start with your profile, then log.")
        return redirect("profile")
    return render(request, "registration/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponseBase:
    conditions = conditions_of(request.user, request.profile)
    form = ProfileForm(request.POST or None, instance=request.profile, conditions=conditions)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved your profile.")
        return redirect("profile")
    return render(request, "tracker/profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
def delete_account(request: AuthedRequest) -> HttpResponseBase:
    if request.method == "POST" and (locked := throttle.lockout_response(request)):
        return locked
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not form.is_valid():
        throttle.count_wrong_password(request, form, "password", "wrong_password")
    elif request.method == "POST":
        user = request.user
        logout(request)
        deletion.delete_account(user)
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("welcome")
    return render(request, "tracker/delete_account.html", {"form": form})


class ThrottledPasswordChangeView(PasswordChangeView):
    """Django's password change, where a wrong current password counts as a failed
    log-in (five lock the account out from this address for an hour)."""

    def post(self, request, *args, **kwargs):
        return throttle.lockout_response(request) or super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.count_wrong_password(self.request, form, "old_password", "password_incorrect")
        return super().form_invalid(form)
