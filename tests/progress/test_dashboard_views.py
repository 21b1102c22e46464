"""The progress dashboard and its partials: owner, other user, anonymous; htmx and full page."""

import json
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import ExerciseFactory, MedicationFactory, WeightFactory
from tracker.models import WeightEntry

URLS = ["/progress/", "/progress/?range=1y"]


@pytest.fixture
def weighed(alice):
    today = timezone.localdate()
    for n in range(40):
        WeightFactory(user=alice, date=today - timezone.timedelta(days=n), weight_kg=90 + n * 0.1)
    return alice


@pytest.fixture(autouse=True)
def fresh_cache(db):
    """The dashboard keeps rendered fragments in the cache; every test starts clean."""
    cache.clear()


def figure(response, key):
    """The figure JSON a chart block carries, as json_script rendered it."""
    html = response.content.decode()
    found = re.search(rf'<script id="figure-{key}" type="application/json">(.*?)</script>', html)
    assert found, f"no figure-{key} block"
    return json.loads(found.group(1))


def test_owner_sees_the_header_and_the_weight_chart(owner, weighed):
    response = owner.get("/progress/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trend weight" in html
    assert 'id="chart-weight"' in html
    assert "vendor/plotly-basic-4.1.1.min.js" in html
    assert "js/charts.js" in html
    names = [trace.get("name") for trace in figure(response, "weight")["data"]]
    assert {"Weighings", "Trend"} <= set(names)
    assert "Show the numbers" in html


def test_the_chart_json_cannot_break_out_of_its_script_block(owner, weighed):
    MedicationFactory(user=weighed, name="</script><b>x", start_date=timezone.localdate())
    html = owner.get("/progress/").content.decode()
    assert "</script><b>x" not in html


def test_another_user_sees_only_their_own_empty_start(other, weighed):
    response = other.get("/progress/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your progress starts with a weight" in html
    assert 'id="chart-weight"' not in html
    assert other.get("/progress/charts/weight/", **HTMX).status_code == 404


@pytest.mark.parametrize(
    "url", ["/progress/", "/progress/header/", "/progress/charts/weight/", "/progress/goals/"]
)
def test_anonymous_is_sent_to_login(anon, url):
    response = anon.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_empty_account_gets_a_friendly_first_run_and_no_chart(owner):
    response = owner.get("/progress/")
    html = response.content.decode()
    assert "Your progress starts with a weight" in html
    assert "Log your first weight" in html
    assert 'class="plot"' not in html
    assert "plotly" not in html  # no 400 KB download for nothing to draw
    assert 'action="/log/weight/add/"' in html


def test_the_first_weight_logged_from_the_first_run_comes_back_here(owner, alice):
    today = timezone.localdate().isoformat()
    data = {"date": today, "weight": "88.5", "unit": "kg", "next": "/progress/"}
    response = owner.post("/log/weight/add/", data)
    assert response.status_code == 302
    assert response.url == "/progress/"
    assert 'id="chart-weight"' in owner.get("/progress/").content.decode()


def test_htmx_range_switch_returns_only_the_charts_region(owner, weighed):
    response = owner.get("/progress/?range=4w", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="charts"')
    assert "<html" not in html
    assert 'href="?range=4w" hx-get="/progress/?range=4w"' in html
    current = re.search(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', html)
    assert current.group(1) == "4 weeks"
    assert len(figure(response, "weight")["data"][0]["x"]) == 28


def test_without_htmx_the_range_links_load_the_whole_page(owner, weighed):
    html = owner.get("/progress/?range=6m").content.decode()
    assert "<html" in html
    assert 'aria-current="page">6 months<' in html


def test_a_bad_range_falls_back_to_three_months(owner, weighed):
    html = owner.get("/progress/?range=forever").content.decode()
    assert 'aria-current="page">3 months<' in html


def test_the_header_partial_refreshes_after_logging(owner, weighed):
    response = owner.get("/progress/header/", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="progress-header"')
    assert 'hx-trigger="logged from:body"' in html
    assert "Trend weight" in html
    redirect = owner.get("/progress/header/")
    assert redirect.status_code == 302 and redirect.url == "/progress/"


def test_logging_a_weight_changes_the_weight_chart_partial(owner, weighed):
    before = figure(owner.get("/progress/charts/weight/?range=4w", **HTMX), "weight")
    today = timezone.localdate()
    WeightEntry.objects.filter(user=weighed, date=today).delete()
    response = owner.post(
        "/log/weight/add/",
        {"date": today.isoformat(), "weight": "80", "unit": "kg", "next": "/progress/"},
        **HTMX,
    )
    assert "logged" in response.headers["HX-Trigger"]
    after_response = owner.get("/progress/charts/weight/?range=4w", **HTMX)
    assert after_response.content.decode().lstrip().startswith('<figure class="chart chart-weight"')
    after = figure(after_response, "weight")
    assert before["data"][0]["y"][-1] == 90.0
    assert after["data"][0]["y"][-1] == 80.0


def test_the_dashboard_quick_form_posts_to_the_weight_log_with_htmx(owner, weighed):
    html = owner.get("/progress/").content.decode()
    form = re.search(r"<form [^>]*quick-weight[^>]*>", html, re.S).group(0)
    assert 'hx-post="/log/weight/add/"' in form
    assert 'hx-target="#quick-weight-status"' in form
    assert "data-reset-on-logged" in form


def test_an_unknown_chart_is_404(owner, weighed):
    assert owner.get("/progress/charts/nonsense/", **HTMX).status_code == 404


def test_a_chart_asked_for_without_htmx_redirects_to_its_place_on_the_page(owner, weighed):
    response = owner.get("/progress/charts/weight/?range=1y")
    assert response.status_code == 302
    assert response.url == "/progress/?range=1y#chart-weight"


def test_units_follow_the_profile(owner, weighed):
    weighed.profile.weight_unit = "lb"
    weighed.profile.save()
    response = owner.get("/progress/")
    layout = figure(response, "weight")["layout"]
    assert layout["yaxis"]["title"]["text"] == "Weight (lb)"
    assert "198.4 lb" in response.content.decode()  # the 90 kg trend, in pounds


def test_activity_this_week_is_in_the_header(owner, alice):
    WeightFactory(user=alice, date=timezone.localdate())
    ExerciseFactory(user=alice, date=timezone.localdate(), minutes=40, intensity="vigorous")
    html = owner.get("/progress/").content.decode()
    assert "80 of 150 min" in html


def test_charts_without_data_are_named_instead_of_drawn_empty(owner, weighed):
    html = owner.get("/progress/").content.decode()
    assert 'id="chart-waist"' not in html
    assert "Nothing logged between these dates for: Waist" in html


def test_the_dashboard_rejects_post(owner):
    assert owner.post("/progress/").status_code == 405


def test_the_nav_marks_progress_as_the_current_page(owner, weighed):
    html = owner.get("/progress/").content.decode()
    assert re.search(r'<a href="/progress/"\s+aria-current="page">Progress</a>', html)


def test_a_kept_page_is_never_stale_after_an_entry_or_a_profile_change(owner, weighed):
    assert "Trend weight" in owner.get("/progress/").content.decode()  # now kept in the cache
    today = timezone.localdate()
    WeightEntry.objects.filter(user=weighed).delete()
    WeightFactory(user=weighed, date=today, weight_kg=70)
    html = owner.get("/progress/").content.decode()
    assert "70.0 kg" in html
    weighed.profile.weight_unit = "lb"
    weighed.profile.save()
    assert "154.3 lb" in owner.get("/progress/").content.decode()


def test_a_changed_condition_or_treatment_rebuilds_the_kept_page(owner, weighed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner.get("/progress/")  # now kept in the cache
    for field, answer in (("diagnosis", "type2"), ("lipid_lowering", "yes")):
        setattr(weighed.profile, field, answer)
        weighed.profile.save()
        with CaptureQueriesContext(connection) as captured:
            owner.get("/progress/")
        assert len(captured) > 5, field  # the record was loaded again, not the kept page


def test_a_repeat_visit_reuses_the_rendered_charts(owner, weighed, django_assert_max_num_queries):
    def main_part(response):  # the forms around them carry a fresh CSRF token each time
        html = response.content.decode()
        header = html[html.index('<section id="progress-header"') : html.index("</section>")]
        return header + html[html.index('<div id="charts"') :]

    first = main_part(owner.get("/progress/?range=6m"))
    # Session, user and profile, the one fingerprint query and one read of the shared cache
    # (a database table unless REDIS_URL is set): nothing is rebuilt.
    with django_assert_max_num_queries(5):
        again = main_part(owner.get("/progress/?range=6m"))
    assert again == first


def test_a_test_with_one_result_is_a_table_row_not_a_chart(owner, alice):
    from datetime import timedelta

    from tests.factories import LabReportFactory, LabResultFactory

    WeightFactory(user=alice, date=timezone.localdate())
    report = LabReportFactory(user=alice, date=timezone.localdate() - timedelta(days=5))
    LabResultFactory(report=report, user=alice, test_key="alt", value=44)
    html = owner.get("/progress/").content.decode()
    assert "Latest lab results" in html
    table = html.split('id="h-latest-labs"')[1].split("</table>")[0]
    assert 'href="/labs/test/alt/">ALT</a>' in table and "44 U/L" in table
    assert 'id="chart-lab-alt"' not in html
