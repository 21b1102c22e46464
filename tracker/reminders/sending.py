"""Send the reminders that are due, to everyone who turned them on. Run by the task
worker every hour (tracker/reminders/tasks.py); also callable on its own."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tracker.logs.kinds import KINDS
from tracker.models import LabResult, Profile, ReminderSettings
from tracker.reminders.due import LIVER_TESTS, due

UNSUBSCRIBE_SALT = "liverlog.reminders.unsubscribe"


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_of_token(token: str):
    """The user id a token was made for, or None for a forged or mangled one."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def local_now(user, now: dt.datetime) -> dt.datetime:
    profile = Profile.objects.filter(user=user).first()
    try:
        zone = zoneinfo.ZoneInfo(profile.time_zone if profile else "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return now.astimezone(zone)


def logged_on(user, day: dt.date) -> bool:
    return any(
        kind.model.objects.filter(user=user, **{kind.date_field: day}).exists()
        for kind in KINDS
        if kind.on_today
    )


def last_liver_test(user):
    latest = (
        LabResult.objects.filter(user=user, test_key__in=LIVER_TESTS)
        .order_by("-report__date")
        .values_list("report__date", flat=True)
        .first()
    )
    return latest


def send_due(now: dt.datetime | None = None) -> int:
    """Send what is due now; returns how many e-mails went out."""
    now = now or timezone.now()
    sent = 0
    chosen = ReminderSettings.objects.select_related("user").exclude(user__email="")
    for reminders in chosen.filter(weigh_in=True) | chosen.filter(labs_due=True):
        user = reminders.user
        here = local_now(user, now)
        today = here.date()
        found = due(reminders, here, logged_on(user, today), last_liver_test(user))
        if found.weigh_in:
            sent += _send(user, "weigh_in", "A moment for your weigh-in?", {})
            reminders.weigh_in_sent_on = today
        if found.labs:
            context = {"last": last_liver_test(user), "months": reminders.labs_every_months}
            sent += _send(user, "labs_due", "Liver tests: time to ask your doctor?", context)
            reminders.labs_note_sent_on = today
        if found.weigh_in or found.labs:
            reminders.save(update_fields=["weigh_in_sent_on", "labs_note_sent_on"])
    return sent


def _send(user, template, subject, context) -> int:
    site = settings.SITE_URL.rstrip("/")
    context = {
        **context,
        "user": user,
        "today_url": site + reverse("today"),
        "settings_url": site + reverse("reminders"),
        "unsubscribe_url": site + reverse("reminders_unsubscribe", args=[unsubscribe_token(user)]),
    }
    body = render_to_string(f"tracker/reminders/{template}.txt", context)
    return send_mail(f"LiverLog: {subject}", body, None, [user.email])
