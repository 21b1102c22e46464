"""E-mail reminders: opt-in, at the person's hour in their time zone, only on days with
nothing logged, a labs-due note, an unsubscribe link in every mail, and the task."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tests.factories import LabReportFactory, LabResultFactory, WeightFactory
from tracker.models import ReminderSettings
from tracker.reminders import sending, tasks
from tracker.reminders.due import due

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")
# 07:30 UTC is 08:30 in Rome in winter.
NOW = dt.datetime(2026, 12, 1, 7, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://liverlog.example"


@pytest.fixture
def opted_in(alice):
    alice.email = "alice@example.com"
    alice.save()
    alice.profile.time_zone = "Europe/Rome"
    alice.profile.save()
    return ReminderSettings.objects.create(user=alice, weigh_in=True, hour=8)


def test_the_weigh_in_nudge_goes_at_the_persons_hour_in_their_time_zone(opted_in):
    assert sending.send_due(NOW - dt.timedelta(hours=1)) == 0  # 07:30 in Rome
    assert sending.send_due(NOW) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"] and "weigh-in" in message.subject
    assert "https://liverlog.example/today/" in message.body


def test_only_once_a_day(opted_in):
    sending.send_due(NOW)
    sending.send_due(NOW + dt.timedelta(hours=1))
    assert len(mail.outbox) == 1
    sending.send_due(NOW + dt.timedelta(days=1))
    assert len(mail.outbox) == 2


def test_not_on_a_day_with_something_logged(opted_in, alice):
    WeightFactory(user=alice, date=NOW.astimezone(ROME).date())
    assert sending.send_due(NOW) == 0


def test_nothing_for_someone_who_did_not_turn_them_on(alice):
    alice.email = "alice@example.com"
    alice.save()
    ReminderSettings.objects.create(user=alice)
    assert sending.send_due(NOW) == 0


def test_every_mail_carries_a_working_unsubscribe_link(opted_in, anon):
    sending.send_due(NOW)
    link = next(line for line in mail.outbox[0].body.splitlines() if "unsubscribe" in line)
    path = link.split("https://liverlog.example", 1)[1]
    assert anon.get(path).status_code == 200  # a page with a button: GET changes nothing
    assert ReminderSettings.objects.get().weigh_in is True
    assert anon.post(path).status_code == 200
    assert ReminderSettings.objects.get().weigh_in is False


def test_a_forged_unsubscribe_link_is_not_found(anon, opted_in):
    assert anon.post("/reminders/unsubscribe/not-a-token/").status_code == 404
    assert ReminderSettings.objects.get().weigh_in is True


def test_labs_due_after_the_persons_interval(opted_in, alice):
    opted_in.weigh_in, opted_in.labs_due = False, True
    opted_in.save()
    report = LabReportFactory(user=alice, date=dt.date(2026, 3, 1))
    LabResultFactory(report=report, user=alice, test_key="alt", value=40)
    assert sending.send_due(NOW) == 1
    assert "1 March 2026, more than 6 months ago" in mail.outbox[0].body
    assert "AASLD" in mail.outbox[0].body
    assert sending.send_due(NOW + dt.timedelta(days=3)) == 0  # once a month at most


def test_labs_not_due_with_a_recent_liver_test():
    class Settings:
        labs_due, weigh_in, hour, labs_every_months = True, False, 8, 6
        weigh_in_sent_on = labs_note_sent_on = None

    here = NOW.astimezone(ROME)
    assert due(Settings, here, False, dt.date(2026, 9, 1)).labs is False
    assert due(Settings, here, False, dt.date(2026, 5, 1)).labs is True
    assert due(Settings, here, False, None).labs is True


def test_the_task_sends_and_the_immediate_backend_does_not_loop(opted_in, monkeypatch):
    monkeypatch.setattr(sending.timezone, "now", lambda: NOW)
    assert tasks.send_reminders.call() == 1
    assert tasks.schedule_next() is None  # the test backend cannot wait for an hour
    assert tasks.next_hour(NOW) == dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def test_scheduling_twice_keeps_one_hourly_chain(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    first = tasks.schedule_next(NOW)
    again = tasks.schedule_next(NOW + dt.timedelta(minutes=20))  # a second deploy's run
    assert again.id == first.id
    assert first.task.run_after == dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    waiting = DBTaskResult.objects.filter(task_path=tasks.send_reminders.module_path)
    assert waiting.count() == 1


def test_the_settings_page_turns_them_on_with_an_address(owner, alice):
    response = owner.post(
        "/reminders/",
        {"weigh_in": "on", "hour": "7", "labs_every_months": "6", "email": "a@example.com"},
    )
    assert response.status_code == 302
    settings = ReminderSettings.objects.get(user=alice)
    assert settings.weigh_in and settings.hour == 7
    alice.refresh_from_db()
    assert alice.email == "a@example.com"


def test_reminders_need_an_address(owner, alice):
    response = owner.post("/reminders/", {"weigh_in": "on", "hour": "7", "labs_every_months": "6"})
    assert "Reminders need an e-mail address" in response.content.decode()
    assert not ReminderSettings.objects.get(user=alice).weigh_in


def test_another_users_settings_are_their_own(other, opted_in):
    html = other.get("/reminders/").content.decode()
    assert "alice@example.com" not in html


def test_anonymous_is_sent_to_log_in(anon):
    assert anon.get("/reminders/").url.startswith("/accounts/login/")
