"""Walk every URL pattern of the app: each one that shows or changes personal data
refuses anonymous users, and answers 404 (or shows nothing of hers) to another user."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import LabResultFactory, WeightFactory
from tracker.models import Job, VisitQuestion
from tracker.report import sharing

PUBLIC = {
    "welcome",
    "signup",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "shared_report",
    "shared_pdf",  # the shared report's PDF, behind the same token
    "favicon",  # a static icon, tested in tests/test_small_things.py
    "service_worker",  # a static script, tested in tests/test_small_things.py
    "reminders_unsubscribe",  # a signed token per person, tested in tests/test_reminders.py
    "health",  # tested in tests/server/test_health.py: no data, only "ok" or "failed"
}
SECRET_WEIGHT = "123.4 kg"


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and not prefix.startswith("admin"):
            yield pattern.name, prefix + str(pattern.pattern)


ROUTES = sorted(set(walk(get_resolver().url_patterns)))


def fill(route, values):
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


@pytest.fixture
def alices_things(owner, alice):
    alice.profile.display_name = "Alice Secret"
    alice.profile.save()
    weight = WeightFactory(user=alice, date=date(2026, 11, 1), weight_kg=123.4)
    result = LabResultFactory(user=alice, test_key="alt", value=77)
    question = VisitQuestion.objects.create(user=alice, text="Alice's private question")
    link, token = sharing.create_link(alice, 7, "Alice's link")
    pdf_job = Job.objects.create(
        user=alice, kind=Job.Kind.REPORT_PDF, state=Job.State.DONE, result=b"%PDF-1.7 Alice"
    )
    upload = owner.post(
        "/data/import/",
        {"source": "auto", "unit": "kg", "file": _csv()},
    )
    assert upload.status_code == 302, "the fixture import should reach its preview"
    import_token = upload.url.rstrip("/").split("/")[-1]
    return {
        "kind": "weight",
        "pk": weight.pk,
        "key": "alt",
        "slug": "alt",
        "token": token,
        "uidb64": "MQ",
        "_by_name": {
            "report_delete_question": question.pk,
            "share_revoke": link.pk,
            "labs_report": result.report_id,
            "labs_edit": result.report_id,
            "labs_report_delete": result.report_id,
            "labs_result_delete": result.pk,
            "dashboard_chart": "weight",
            "report_pdf_job": pdf_job.pk,
            "data_import_job": Job.objects.create(user=alice, kind=Job.Kind.IMPORT).pk,
            "report_pdf_download": pdf_job.pk,
        },
        "_import_token": import_token,
    }


def _csv():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("w.csv", b"date,weight (kg)\n2026-10-01,80.5\n", "text/csv")


def values_for(name, things):
    values = dict(things)
    if name in things["_by_name"]:
        values["pk"] = values["key"] = things["_by_name"][name]
    if name.startswith("data_"):
        values["token"] = things["_import_token"]
    return values


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("tracker").get_models()
    }


@pytest.mark.parametrize("name, route", [r for r in ROUTES if r[0] not in PUBLIC])
def test_anonymous_users_are_refused(anon, alices_things, name, route):
    url = fill(route, values_for(name, alices_things))
    before = row_counts()
    for method in (anon.get, anon.post):
        response = method(url)
        assert response.status_code == 302, (name, response.status_code)
        assert response.url.startswith("/accounts/login/")
    assert row_counts() == before


@pytest.mark.parametrize("name, route", [r for r in ROUTES if r[0] not in PUBLIC])
def test_another_user_gets_404_or_sees_nothing_of_hers(other, alices_things, name, route):
    url = fill(route, values_for(name, alices_things))
    before = row_counts()
    response = other.get(url)
    takes_an_object = (
        "<int:pk>" in route
        or "<uuid:pk>" in route
        or (name.startswith("data_") and "<str:token>" in route)
    )
    if takes_an_object:
        # A view that takes only POST answers GET with 405 before it looks anything up;
        # the method it does take must find nothing.
        statuses = {response.status_code, other.post(url).status_code}
        assert 404 in statuses and statuses <= {404, 405}, (name, statuses)
        assert row_counts() == before
    else:
        assert response.status_code in (200, 302, 400, 404, 405), (name, response.status_code)
        body = response.content.decode(errors="replace")
        for secret in ("Alice Secret", SECRET_WEIGHT, "Alice's private question"):
            assert secret not in body, (name, secret)


def test_every_route_is_walked():
    names = {name for name, _ in ROUTES}
    assert {"today", "log_edit", "labs_report", "dashboard", "report", "data_preview"} <= names
