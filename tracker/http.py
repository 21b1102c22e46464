"""The request our views receive, typed: a signed-in person with their profile (set by
tracker.accounts.middleware) and django-htmx's details of an htmx request."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from tracker.models import Profile


class HtmxHttpRequest(HttpRequest):
    """Any request, with django-htmx's `request.htmx` (false for a normal request)."""

    htmx: HtmxDetails


class AuthedRequest(HtmxHttpRequest):
    """A request behind the log-in: the person and their profile are known."""

    user: User
    profile: Profile
