"""Every form, fuzzed with generated input (Hypothesis): never a 500, and a rejected post
changes no row of the database.

Each post starts from values the form would accept (drawn from its own fields: choices,
limits, max lengths) and then spoils a few of them with adversarial text: huge and
non-finite numbers, Arabic and full-width digits, impossible dates, very long or unicode
strings, or leaves them out. Examples share the test's transaction, so "nothing changed"
is checked per post, by reading every row before and after it. Each test also checks that
its examples reached both sides, accepted and rejected. Pages that read a form from the
query string get the same treatment, and at the end every value of a backup and of each
sample CSV is swapped, one at a time, for each of a list of wrong ones.

FUZZ_EXAMPLES=500 runs more examples; the default keeps the file fast and the run
deterministic (derandomize), so CI sees the same examples every time.
"""

import contextlib
import copy
import csv
import io
import json
import os
import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest
from axes.utils import reset as reset_lockouts
from django import forms
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import HTMX, PASSWORD
from tests.factories import (
    BY_KIND,
    LabResultFactory,
    WeightFactory,
)
from tracker.accounts.forms import ProfileForm, SignupForm
from tracker.exchange import importer, json_backup, reading
from tracker.exchange.forms import ConfirmForm, UploadForm
from tracker.exchange.importer import SOURCE_CHOICES
from tracker.exchange.parsed import Options
from tracker.exchange.reading import ImportProblem
from tracker.labs.forms import PREFIX, ReportForm, all_units
from tracker.logs.kinds import BY_SLUG, KINDS
from tracker.models import (
    ActivityGoal,
    PendingImport,
    Profile,
    RateCount,
    VisitQuestion,
    WeightGoal,
)
from tracker.progress.goal_forms import ActivityGoalForm, WeightGoalForm
from tracker.report.forms import PeriodForm, ShareLinkForm, VisitQuestionForm
from tracker.science import labs

pytestmark = pytest.mark.django_db

fuzz = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

TODAY = date.today()
OMIT = object()  # the field is left out of the post altogether

NASTY_TEXT = [
    "",
    " ",
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "-0",
    "-0.0",
    " 12 ",
    "١٢",  # Arabic-Indic digits
    "۱۲٫۵",  # Persian digits and decimal separator
    "１２",  # full-width digits
    "12,5",
    "1,000.5",
    "1_000",
    "0x1F",
    "+5",
    ".5",
    "5.",
    "1/2",
    "9" * 40,
    "-" + "9" * 40,
    "0." + "0" * 30 + "1",
    "2147483648",
    "-2147483649",
    "32768",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2024-02-29",
    "1900-01-01",
    "31/12/2025",
    "2025-13-01",
    "25:61",
    "24:00",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%(x)s%n",
    "{{ request }}{% debug %}",
    "\u202eevil",
    "😀" * 3,
    "a" * 5000,
    "é" * 301,
    "null",
    "true",
    "[]",
    "{}",
]

nasty = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=40),
    st.integers().map(str),
    st.floats().map(str),
    st.decimals().map(str),
)


# --- Strategies from a form's own fields ------------------------------------------------------


class Spec(NamedTuple):
    """What a field may be posted as: a value a person could type, and a wrong one."""

    valid: st.SearchStrategy
    wrong: st.SearchStrategy = st.nothing()
    spoilable: bool = True  # a checkbox is on for any text: spoiling it says nothing


WRONG = st.one_of(nasty, st.just(OMIT), st.lists(nasty, min_size=2, max_size=3))
# Body measures have no limits of their own (the form checks them in kg or cm, whatever
# unit was typed), so their usual values are given here.
MEASURES = {
    "weight": (40, 200),
    "waist": (50, 180),
    "hips": (60, 180),
    "height": (140, 210),
    "baseline_weight": (70, 200),
    "target_weight": (40, 150),
}


def choice_values(field) -> list[str]:
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # an optgroup
            values += [str(v) for v, _ in label]
        else:
            values.append(str(value))
    return values


def _numbers(field, low, high, places):
    """In range, with the values just outside it as the wrong ones."""
    step = Decimal(1).scaleb(-places)
    low, high = Decimal(low), Decimal(high)
    valid = st.decimals(low, high, places=places) if places else st.integers(int(low), int(high))
    return Spec(valid.map(str), st.sampled_from([str(low - step), str(high + step)]))


def spec_for(name, field) -> Spec:
    """Values a person could type into this field; some still fail the form's own checks
    (a weight in pounds beyond the limit, a stop date before the start, a repeated day)."""
    if isinstance(field, forms.MultipleChoiceField):
        choices = choice_values(field)
        return Spec(st.lists(st.sampled_from(choices), max_size=4, unique=True))
    if isinstance(field, forms.ChoiceField):
        return Spec(st.sampled_from(choice_values(field)), st.sampled_from(["x", "KG", "0"]))
    if isinstance(field, forms.NullBooleanField):
        return Spec(st.sampled_from(["true", "false", "unknown", ""]))
    if isinstance(field, forms.BooleanField):
        return Spec(st.sampled_from(["on", ""]), spoilable=False)
    if isinstance(field, forms.DateField):
        recent = st.dates(TODAY - timedelta(days=30), TODAY)
        older = st.dates(TODAY - timedelta(days=365 * 80), TODAY)
        future = st.dates(TODAY + timedelta(days=1), date(9999, 12, 31))
        return Spec(st.one_of(recent, older).map(date.isoformat), future.map(date.isoformat))
    if isinstance(field, forms.TimeField):
        return Spec(st.times().map(lambda t: t.strftime("%H:%M")))
    if isinstance(field, forms.IntegerField):  # DecimalField too: it is a subclass
        places = getattr(field, "decimal_places", None) or 0
        bare = name.rsplit("-", 1)[-1]
        if bare in MEASURES:
            return _numbers(field, *MEASURES[bare], min(places, 1))
        low = -10_000 if field.min_value is None else field.min_value
        high = 10_000 if field.max_value is None else field.max_value
        return _numbers(field, low, high, places)
    if isinstance(field, forms.EmailField):
        return Spec(st.emails().map(lambda e: e[:254]))
    if isinstance(field, forms.CharField):
        longest = field.max_length or 300
        return Spec(st.text(max_size=min(longest, 300)), st.just("x" * (longest + 1)))
    return Spec(st.text(max_size=20))


def fields_of(form) -> dict[str, Spec]:
    """Each field's name as posted (with the form's prefix) and what to post in it."""
    return {
        form[name].html_name: spec_for(form[name].html_name, field)
        for name, field in form.fields.items()
        if not isinstance(field, forms.FileField)
    }


@st.composite
def spoiled(draw, fields: dict[str, Spec], extra_names=("user", "id", "pk"), most=2):
    """A post with every field valid-looking, then a few spoiled or left out."""
    data = {name: draw(spec.valid, label=name) for name, spec in fields.items()}
    names = sorted(name for name, spec in fields.items() if spec.spoilable)
    names += list(extra_names)
    for name in draw(st.lists(st.sampled_from(names), max_size=most, unique=True)):
        own = fields[name].wrong if name in fields else st.nothing()
        value = draw(st.one_of(own, WRONG))
        if value is OMIT:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def form_posts(form, **kwargs):
    return spoiled(fields_of(form), **kwargs)


# --- Checks -----------------------------------------------------------------------------------


OUTCOMES: Counter = Counter()


@pytest.fixture(autouse=True)
def outcomes():
    """What the examples of one test came to: both sides must be reached, or the
    generated posts are not testing what they claim to."""
    OUTCOMES.clear()
    yield OUTCOMES


def reached(*sides):
    assert all(OUTCOMES[side] for side in sides), dict(OUTCOMES)


def snapshot() -> dict:
    """Every row of every LiverLog model, and the users, exactly as stored (an upload
    waiting for its confirmation and the rate limits' counts are not the person's data)."""
    bookkeeping = (PendingImport, RateCount)
    data = [m for m in apps.get_app_config("tracker").get_models() if m not in bookkeeping]
    models = [*data, User]
    return {m.__name__: list(m.objects.order_by("pk").values_list()) for m in models}


def post(client, url, data, accepted, **extra):
    """Post; never a 500; when the form said no, no row of the database changed."""
    before = snapshot()
    response = client.post(url, data, **extra)
    assert response.status_code < 500
    if accepted(response):
        OUTCOMES["accepted"] += 1
    else:
        OUTCOMES["rejected"] += 1
        assert snapshot() == before, f"a rejected post to {url} changed the database"
    return response


def redirected(response) -> bool:
    return response.status_code == 302


def logged(response) -> bool:
    """An htmx post was saved: the answer asks the page to refresh what shows the log."""
    return "logged" in response.headers.get("HX-Trigger", "")


def success_message(response) -> bool:
    return any(m.level == message_levels.SUCCESS for m in get_messages(response.wsgi_request))


def rows_of(person):
    """Every row a person owns."""
    return {
        model.__name__: list(model.objects.filter(user=person).values_list())
        for model in apps.get_app_config("tracker").get_models()
        if any(f.name == "user" for f in model._meta.fields)
    }


def profile_of(user):
    return Profile.objects.get(user=user)


# --- Logs -------------------------------------------------------------------------------------

SLUGS = [kind.slug for kind in KINDS]


@pytest.mark.parametrize("slug", SLUGS)
def test_adding_any_log_with_generated_input_never_fails_or_saves_a_rejection(
    slug, owner, alice, bob
):
    kind = BY_SLUG[slug]
    WeightFactory(user=alice, date=TODAY - timedelta(days=1))
    posts = form_posts(kind.form(profile=profile_of(alice)), extra_names=("user", "id", "next"))
    bobs = rows_of(bob)

    @fuzz
    @given(data=posts, htmx=st.booleans(), as_bob=st.booleans())
    def check(data, htmx, as_bob):
        if as_bob:  # the owner comes from the request, never from the form
            data = {**data, "user": str(bob.pk)}
        extra = HTMX if htmx else {}
        accepted = logged if htmx else redirected
        response = post(owner, f"/log/{slug}/add/", data, accepted, **extra)
        if accepted(response) and not htmx:
            # `next` may only send the person somewhere on this site.
            assert response.url.startswith("/") and not response.url.startswith("//")
            assert owner.get(f"/log/{slug}/").status_code == 200

    check()
    reached("accepted", "rejected")
    assert rows_of(bob) == bobs


@pytest.mark.parametrize("slug", SLUGS)
def test_editing_any_log_with_generated_input_never_fails_or_saves_a_rejection(slug, owner, alice):
    kind = BY_SLUG[slug]
    entry = BY_KIND[slug](user=alice)
    # A second entry a week earlier, so an edit can collide with it on one-per-date logs.
    other_day = {kind.date_field: kind.date_of(entry) - timedelta(days=7)}
    BY_KIND[slug](user=alice, **other_day)
    posts = form_posts(kind.form(profile=profile_of(alice), instance=entry))

    @fuzz
    @given(data=posts)
    def check(data):
        response = post(owner, f"/log/{slug}/{entry.pk}/edit/", data, redirected)
        if redirected(response):
            assert owner.get(f"/log/{slug}/").status_code == 200

    check()
    reached("accepted", "rejected")


# --- Accounts ---------------------------------------------------------------------------------


def test_profile_form_with_generated_input_never_fails_or_saves_a_rejection(owner, alice):
    posts = form_posts(ProfileForm(instance=profile_of(alice)))

    @fuzz
    @given(data=posts)
    def check(data):
        if redirected(post(owner, "/accounts/profile/", data, redirected)):
            assert owner.get("/today/").status_code == 200
            assert owner.get("/labs/indices/").status_code == 200

    check()
    reached("accepted", "rejected")


usernames = st.one_of(st.from_regex(r"[\w.@+-]{1,150}", fullmatch=True), nasty)


@st.composite
def signups(draw):
    data = draw(form_posts(SignupForm()))
    data["username"] = draw(st.one_of(usernames, st.just("alice")))
    if draw(st.booleans()):
        data["password2"] = data.get("password1", "")
    return data


def test_signup_with_generated_input_never_fails_or_saves_a_rejection(alice):
    @fuzz
    @given(data=signups())
    def check(data):
        post(Client(), "/accounts/signup/", data, redirected)

    check()
    reached("accepted", "rejected")


@st.composite
def password_changes(draw):
    new = draw(st.one_of(st.text(min_size=8, max_size=40), nasty))
    data = {
        "old_password": draw(st.one_of(st.just(PASSWORD), nasty)),
        "new_password1": new,
        "new_password2": draw(st.one_of(st.just(new), nasty)),
    }
    for name in draw(st.lists(st.sampled_from(sorted(data)), max_size=2, unique=True)):
        data.pop(name)
    return data


def test_password_change_with_generated_input_never_fails_or_saves_a_rejection(owner):
    @fuzz
    @given(data=password_changes())
    def check(data):
        post(owner, "/accounts/password_change/", data, redirected)

    check()
    reached("accepted", "rejected")


def test_login_with_generated_input_never_fails_or_changes_data(alice):
    @fuzz
    @given(
        username=st.one_of(st.just("alice"), usernames),
        password=st.one_of(st.just(PASSWORD), nasty),
    )
    def check(username, password):
        data = {"username": username, "password": password}
        post(Client(), "/accounts/login/", data, redirected)

    check()
    reached("accepted", "rejected")


def test_login_with_a_username_longer_than_any_account_is_refused_like_a_wrong_password(
    anon, alice
):
    # Django does not check the length at log-in; django-axes stored it in a
    # 255-character column, which PostgreSQL refused with a 500.
    response = anon.post("/accounts/login/", {"username": "a" * 5000, "password": PASSWORD})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert anon.get("/today/").status_code == 302  # still logged out


def test_password_reset_with_generated_input_never_fails_or_changes_data(alice, mailoutbox):
    emails = st.one_of(st.just("alice@example.com"), st.emails(), nasty)

    @fuzz
    @given(data=st.fixed_dictionaries({"email": emails}))
    def check(data):
        post(Client(), "/accounts/password_reset/", data, lambda r: False)

    check()
    reached("rejected")  # a reset only sends mail; the password changes at the link
    assert mailoutbox and all(message.to == ["alice@example.com"] for message in mailoutbox)


def test_delete_account_with_a_wrong_password_never_deletes_anything(owner, alice):
    wrong = st.one_of(nasty, st.text(max_size=100)).filter(lambda p: p != PASSWORD)

    @fuzz
    @given(data=st.one_of(st.fixed_dictionaries({"password": wrong}), st.just({})))
    def check(data):
        reset_lockouts()  # each example is a first try, not the sixth wrong one in a row
        response = post(owner, "/accounts/delete/", data, lambda r: False)
        assert response.status_code == 200
        assert User.objects.filter(pk=alice.pk).exists()

    check()
    reached("rejected")


# --- Labs -------------------------------------------------------------------------------------

TEST_KEYS = [test.key for test in labs.CATALOGUE]


@st.composite
def result_row(draw, index: int) -> dict:
    """One result row as the form posts it (r-<i>-test, r-<i>-value …): a test, one of
    its units and a value a lab could report in that unit; then perhaps spoiled."""
    test = labs.get(draw(st.sampled_from(TEST_KEYS)))
    unit = draw(st.sampled_from(test.accepted_units))
    low, high = labs.plausible_in(test, unit)
    if test.labels:
        value = st.sampled_from([str(number) for number, _ in test.labels])
    else:
        value = st.decimals(low, high, places=test.decimals(unit)).map(str)
    limits = st.one_of(st.just(""), st.decimals(low, high, places=1).map(str))
    row = {
        "test": Spec(st.just(test.key), st.sampled_from(["", "nonsense", "ALT"])),
        "value": Spec(value, st.sampled_from([str(high * 1000 + 1), "-1", ""])),
        "unit": Spec(st.just(unit), st.sampled_from(["", *all_units()])),
        "lab_low": Spec(limits),
        "lab_high": Spec(limits),
    }
    fields = {f"{PREFIX}-{index}-{name}": spec for name, spec in row.items()}
    return draw(spoiled(fields, extra_names=(), most=1))


@st.composite
def lab_reports(draw):
    """The report's fields and a few result rows, with the formset's management form."""
    data = draw(form_posts(ReportForm(), extra_names=("user", "more")))
    count = draw(st.integers(1, 3))
    data.update({f"{PREFIX}-TOTAL_FORMS": str(count), f"{PREFIX}-INITIAL_FORMS": "0"})
    for i in range(count):
        data.update(draw(result_row(i)))
    if draw(st.integers(0, 9)) == 0:  # a wrong management form: junk, missing, too many
        for name in ("TOTAL_FORMS", "INITIAL_FORMS"):
            data[f"{PREFIX}-{name}"] = draw(st.one_of(nasty, st.just("70"), st.just(OMIT)))
        data = {key: value for key, value in data.items() if value is not OMIT}
    return data


def test_adding_a_lab_report_with_generated_input_never_fails_or_saves_a_rejection(owner):
    @fuzz
    @given(data=lab_reports())
    def check(data):
        response = post(owner, "/labs/add/", data, redirected)
        if redirected(response):
            assert owner.get(response.url).status_code == 200
            assert owner.get("/labs/").status_code == 200

    check()
    reached("accepted", "rejected")


def test_editing_a_lab_report_with_generated_input_never_fails_or_saves_a_rejection(owner, alice):
    result = LabResultFactory(user=alice)
    LabResultFactory(user=alice, report=result.report, test_key="ast", value=30)

    @fuzz
    @given(data=lab_reports())
    def check(data):
        response = post(owner, f"/labs/report/{result.report.pk}/edit/", data, redirected)
        if redirected(response):
            assert owner.get(response.url).status_code == 200

    check()
    reached("accepted", "rejected")


# --- Goals, sharing, questions ------------------------------------------------------------------


@st.composite
def goal_posts(draw, profile):
    weight = fields_of(WeightGoalForm(profile=profile, prefix="weight"))
    # A target date lies ahead, within ten years of the baseline (tracker.science.rules).
    ahead = st.dates(TODAY + timedelta(days=1), TODAY + timedelta(days=3 * 365))
    weight["weight-target_date"] = Spec(
        st.one_of(st.just(""), ahead.map(date.isoformat)),
        st.sampled_from(["9999-12-31", "0001-01-01", (TODAY + timedelta(days=4000)).isoformat()]),
    )
    activity = fields_of(ActivityGoalForm(prefix="activity"))
    data = draw(spoiled({**weight, **activity}))
    if draw(st.booleans()):
        # A target date is optional, and a drawn one must also fall within ten years
        # after the drawn baseline: often leave it out so that accepted goals are reached.
        data["weight-target_date"] = ""
    which = draw(st.one_of(st.sampled_from(["weight", "activity"]), nasty, st.just(OMIT)))
    if which is not OMIT:
        data["goal"] = which
    return data


def test_goals_with_generated_input_never_fail_or_save_a_rejection(owner, alice):
    WeightFactory(user=alice, date=TODAY - timedelta(days=20), weight_kg=92)

    @fuzz
    @given(data=goal_posts(profile_of(alice)))
    def check(data):
        if redirected(post(owner, "/progress/goals/", data, redirected)):
            assert owner.get("/progress/goals/").status_code == 200

    check()
    reached("accepted", "rejected")
    # Goals only ever come from the form: every saved one is within the form's limits.
    for goal in WeightGoal.objects.all():
        assert 20 <= goal.baseline_kg <= 350
    for goal in ActivityGoal.objects.all():
        assert 10 <= goal.minutes_per_week <= 1500


def test_share_links_with_generated_input_never_fail_or_save_a_rejection(owner):
    def created(response):
        return response.status_code == 200 and response.context["new_url"] is not None

    today = timezone.localdate()
    form = ShareLinkForm(today=today, default_period=(today - timedelta(days=183), today))

    @fuzz
    @given(data=form_posts(form))
    def check(data):
        post(owner, "/share/", data, created)

    check()
    reached("accepted", "rejected")


def test_visit_questions_with_generated_input_never_fail_or_save_a_rejection(owner):
    @fuzz
    @given(data=form_posts(VisitQuestionForm()))
    def check(data):
        post(owner, "/report/questions/", data, success_message)

    check()
    reached("accepted", "rejected")
    for question in VisitQuestion.objects.all():
        assert 0 < len(question.text) <= 300 and "\x00" not in question.text


# --- Pages that read a form from the query string ----------------------------------------------


@st.composite
def queries(draw):
    period = fields_of(PeriodForm())
    url = draw(
        st.sampled_from(
            [
                "/report/",
                *[f"/log/{slug}/" for slug in SLUGS],
                "/learn/",
                "/labs/row/",
                "/labs/row/units/",
                "/data/export/weight.csv",
                "/progress/",
            ]
        )
    )
    names = {
        **period,
        "page": Spec(st.integers(1, 3).map(str), st.sampled_from(["0", "-1", "999999"])),
        "index": Spec(st.integers(0, 9).map(str), st.sampled_from(["-1", "6000", "9" * 30])),
        "q": Spec(st.text(max_size=30), st.just("x" * 10_000)),
        "topic": Spec(st.text(max_size=10)),
        "range": Spec(st.sampled_from(["4w", "12w", "6m", "1y", "all"])),
        "units": Spec(st.sampled_from(["canonical", "display"])),
        f"{PREFIX}-0-test": Spec(st.sampled_from(TEST_KEYS)),
    }
    return url, draw(spoiled(names, extra_names=(), most=3))


def test_pages_with_generated_query_strings_never_fail(owner, alice):
    WeightFactory(user=alice, date=TODAY - timedelta(days=3))

    @fuzz
    @given(request=queries())
    def check(request):
        url, query = request
        before = snapshot()
        for headers in ({}, HTMX):
            assert owner.get(url, query, **headers).status_code < 500
        assert snapshot() == before

    check()


# --- Importing data ---------------------------------------------------------------------------

CSV_HEADERS = [
    "date",
    "weight (kg)",
    "weight (lb)",
    "Date",
    "Weight",
    "Time",
    "dateTime",
    "weight",
    "Trend Weight",
    "test",
    "value",
    "unit",
    "low",
    "high",
    "lab",
    "Datum",
    "Gewicht",
]


@st.composite
def csv_files(draw) -> bytes:
    """A CSV of known column names and adversarial cells, in a separator and encoding."""
    sep = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(st.sampled_from(CSV_HEADERS), min_size=1, max_size=5))
    cell = st.one_of(
        nasty,
        st.dates(min_value=date(1900, 1, 1)).map(date.isoformat),
        st.decimals(0, 500, places=1).map(str),
        st.sampled_from(["ALT", "AST", "HbA1c", "U/L", "mg/dL", "mmol/L", "%"]),
    )
    cells = st.lists(cell.map(lambda c: c.replace("\x00", "")), max_size=len(header) + 1)
    rows = draw(st.lists(cells, max_size=6))
    text = "\n".join(sep.join(row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    nasty,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def places_in(value, path=()):
    """Every place in a JSON document where a value could be swapped for another."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from places_in(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from places_in(child, (*path, i))


@st.composite
def spoiled_backups(draw, backup: dict) -> bytes:
    """A real backup with a few values replaced by wrong types, out-of-range numbers,
    NaN, impossible dates, or removed."""
    document = copy.deepcopy(backup)
    paths = [p for p in places_in(document) if p]
    for path in draw(st.lists(st.sampled_from(paths), max_size=4)):
        parent = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            if draw(st.integers(0, 5)) == 0 and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier swap removed this place
    return json.dumps(document).encode()


@pytest.fixture
def backup(alice, bob):
    """A backup of an account with one of everything (Bob's), for Alice to import."""
    for factory in BY_KIND.values():
        factory(user=bob)
    LabResultFactory(user=bob)
    WeightGoal.objects.create(user=bob, baseline_date=date(2026, 1, 5), baseline_kg=95)
    ActivityGoal.objects.create(user=bob, minutes_per_week=150, strength_sessions_per_week=2)
    VisitQuestion.objects.create(user=bob, text="Should I repeat the FibroScan?")
    return json_backup.build(bob)


def files(backup):
    return st.one_of(
        csv_files(),
        spoiled_backups(backup),
        st.binary(max_size=300),
        st.sampled_from([b"", b"\x00\x01", b"{", b"date,weight\n", json.dumps([1]).encode()]),
    )


filenames = st.one_of(
    st.just("weights.csv"),
    st.sampled_from(["../../etc/passwd", "a" * 300 + ".csv", "x.json", "😀.csv", " "]),
    st.text(min_size=1, max_size=30).filter(lambda n: "\x00" not in n and n.strip("./")),
)


def preview_token(response) -> str | None:
    match = re.fullmatch(r"/data/import/([\w-]+)/", getattr(response, "url", ""))
    return match.group(1) if response.status_code == 302 and match else None


def test_uploads_of_generated_files_never_fail_or_write_to_the_database(owner, alice, backup):
    options = fields_of(UploadForm())

    @fuzz
    @given(
        content=files(backup),
        name=filenames,
        data=spoiled(options, extra_names=("date_column", "value_column")),
        reread=spoiled(options, extra_names=("date_column", "value_column")),
    )
    def check(content, name, data, reread):
        PendingImport.objects.all().delete()  # room for this upload under the cap
        before = snapshot()
        response = owner.post("/data/import/", {**data, "file": SimpleUploadedFile(name, content)})
        assert response.status_code < 500
        token = preview_token(response)
        OUTCOMES["previewed" if token else "refused"] += 1
        if token:
            assert owner.get(response.url).status_code == 200
            # Reading the file again with other options, from the preview.
            response = owner.post(f"/data/import/{token}/", reread)
            assert response.status_code < 500
            assert owner.get(f"/data/import/{token}/").status_code == 200
        assert snapshot() == before  # only a confirm writes

    check()
    reached("previewed", "refused")


def test_confirming_an_import_with_generated_options_never_fails_or_half_saves(
    owner, alice, backup
):
    options = fields_of(ConfirmForm())

    @fuzz
    @given(content=spoiled_backups(backup), data=spoiled(options, extra_names=()))
    def check(content, data):
        PendingImport.objects.all().delete()  # room for this upload under the cap
        upload = {"file": SimpleUploadedFile("backup.json", content), "source": "auto"}
        token = preview_token(owner.post("/data/import/", {**upload, "unit": "kg"}))
        if token is None:
            return
        response = post(
            owner,
            f"/data/import/{token}/confirm/",
            data,
            lambda r: r.status_code == 302 and r.url == "/data/",
        )
        assert owner.get("/data/" if response.url == "/data/" else response.url).status_code == 200

    check()
    reached("accepted", "rejected")


# --- Every value of a file swapped for a wrong one (a sweep, not random) ---------------------

SWAPS = [float("nan"), float("inf"), 1e308, 10**400, "1e400", "NaN", "١٢", "", None, True]
SWAPS_JSON = [*SWAPS, [0], {"a": 1}]
SAMPLES = Path(__file__).parent / "exchange" / "samples"


def swapped(document, path, value):
    document = copy.deepcopy(document)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


def read_or_refuse(text: str, options: Options, profile) -> None:
    """Reading a file either works or says in words why not: never another exception."""
    with contextlib.suppress(ImportProblem):
        importer.read(text, options, profile)


def test_a_backup_with_any_value_swapped_for_a_wrong_one_is_read_or_refused(alice, backup):
    # Found: a huge integer overflowed a float, NaN and 1e400 broke Decimal.quantize, and
    # a list where one value belongs broke the log forms (each a 500 on upload).
    profile = profile_of(alice)
    for path in [p for p in places_in(backup) if p]:
        for value in SWAPS_JSON:
            read_or_refuse(json.dumps(swapped(backup, path, value)), Options(), profile)


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.csv")))
def test_a_sample_csv_with_any_cell_swapped_for_a_wrong_one_is_read_or_refused(sample, alice):
    # Found: a weight of 1e400 broke Decimal.quantize (a 500 on upload).
    profile = profile_of(alice)
    text = reading.decode((SAMPLES / sample).read_bytes()).removeprefix("\ufeff")
    separator = csv.Sniffer().sniff(text.splitlines()[-1], ",;\t").delimiter
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    for r, row in list(enumerate(rows))[1:8]:
        for c in range(len(row)):
            for value in SWAPS:
                changed = [list(cells) for cells in rows]
                changed[r][c] = str(value)
                out = io.StringIO()
                csv.writer(out, delimiter=separator).writerows(changed)
                for source, _ in SOURCE_CHOICES:
                    read_or_refuse(out.getvalue(), Options(source=source), profile)


@pytest.mark.parametrize("sample", ["fhir_portal_bundle.json", "fitbit_weight-2024-01-01.json"])
def test_a_json_export_with_any_value_swapped_for_a_wrong_one_is_read_or_refused(sample, alice):
    profile = profile_of(alice)
    document = json.loads((SAMPLES / sample).read_text())
    for path in [p for p in places_in(document) if p]:
        for value in SWAPS_JSON:
            read_or_refuse(json.dumps(swapped(document, path, value)), Options(), profile)


def test_an_apple_health_export_with_any_attribute_swapped_is_read_or_refused(alice):
    profile = profile_of(alice)
    text = (SAMPLES / "apple_health_export.xml").read_text()
    attributes = sorted(set(re.findall(r'(\w+)="([^"]*)"', text.split("<HealthData")[1])))
    for name, old in attributes:
        for value in ["NaN", "1e400", "", "-5", "2024-13-45 99:99:99 +0100", "١٢"]:
            spoiled = text.replace(f'{name}="{old}"', f'{name}="{value}"')
            read_or_refuse(spoiled, Options(), profile)
