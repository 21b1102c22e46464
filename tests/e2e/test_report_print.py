"""The report's print view in a browser: each chart stays inside its own box, so none
covers the next one's caption or axis, and typed names read as typed."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ExerciseFactory, LabResultFactory, MedicationFactory, WeightFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Each chart's box, its drawing, its caption, and the y axis title and tick labels.
MEASURE = """() => Array.from(document.querySelectorAll('.report-chart')).map((figure) => {
  const box = (el) => el ? el.getBoundingClientRect().toJSON() : null;
  const plot = figure.querySelector('.plot');
  return {
    plot: box(plot),
    svg: box(plot.querySelector('svg.main-svg')),
    caption: box(figure.querySelector('figcaption')),
    title: box(plot.querySelector('.g-ytitle text')),
    ticks: Array.from(plot.querySelectorAll('.ytick text')).map(box),
  };
})"""


def test_in_the_print_view_no_chart_covers_the_next_and_a_quote_stays_a_quote(
    signed_up, live_server
):
    page = signed_up
    user = User.objects.get(username="newcomer")
    today = timezone.localdate()
    for n in range(0, 60, 3):
        WeightFactory(user=user, date=today - dt.timedelta(days=n), weight_kg=95 + n * 0.05)
        ExerciseFactory(user=user, date=today - dt.timedelta(days=n), minutes=40)
    MedicationFactory(user=user, name='Vitamin E "natural"', start_date=today - dt.timedelta(30))
    LabResultFactory(user=user, report__date=today - dt.timedelta(days=20), value=52.0)

    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(f"{live_server.url}/report/")
    figures_shown = page.locator(".report-chart").count()
    assert figures_shown >= 2  # weight and activity at least
    expect(page.locator(".report-chart .plot.drawn")).to_have_count(figures_shown)
    page.emulate_media(media="print")
    page.wait_for_timeout(300)  # the relayout at the paper's width

    figures = page.evaluate(MEASURE)
    assert len(figures) == figures_shown
    for figure, following in zip(figures, [*figures[1:], None], strict=True):
        plot, svg = figure["plot"], figure["svg"]
        assert svg["bottom"] <= plot["bottom"] + 1 and svg["right"] <= plot["right"] + 1
        if following:
            assert plot["bottom"] <= following["caption"]["top"]
        # The axis title stands clear of its tick labels.
        assert all(figure["title"]["right"] <= tick["left"] for tick in figure["ticks"])

    labels = page.locator(".report-chart svg .annotation-text")
    expect(labels.filter(has_text='Vitamin E "natural" started').first).to_be_attached()
    shown = page.evaluate(
        "() => Array.from(document.querySelectorAll('.report-chart svg text'))"
        ".map((t) => t.textContent).join(' ')"
    )
    assert "&quot;" not in shown and "&amp;" not in shown
