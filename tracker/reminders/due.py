"""Which reminders are due for one person now. Each goes out at most once: the weigh-in
nudge once a day, from the hour the person picked, on a day with nothing logged yet; the
"labs due" note once a month while their last liver test is older than they asked."""

import datetime as dt
from dataclasses import dataclass

# A month is near enough 30.44 days for "older than six months".
DAYS_PER_MONTH = 30.44
LABS_NOTE_EVERY_DAYS = 30
LIVER_TESTS = ("alt", "ast")


@dataclass(frozen=True)
class Due:
    weigh_in: bool
    labs: bool


def due(settings, now_local: dt.datetime, logged_today: bool, last_liver_test) -> Due:
    today = now_local.date()
    at_hour = now_local.hour >= settings.hour
    weigh_in = (
        settings.weigh_in and at_hour and not logged_today and settings.weigh_in_sent_on != today
    )
    limit = today - dt.timedelta(days=round(settings.labs_every_months * DAYS_PER_MONTH))
    labs_old = last_liver_test is None or last_liver_test < limit
    noted_lately = settings.labs_note_sent_on is not None and (
        today - settings.labs_note_sent_on
    ) < dt.timedelta(days=LABS_NOTE_EVERY_DAYS)
    labs = settings.labs_due and at_hour and labs_old and not noted_lately
    return Due(weigh_in=weigh_in, labs=labs)
