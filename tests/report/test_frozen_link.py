"""A share link shows exactly what the person shared: its page and its PDF render from the
copy kept when the link was made, never from data saved afterwards."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import LabReportFactory, LabResultFactory, WeightFactory
from tests.report.test_same_numbers import text_of
from tracker.models import ShareLink, WeightEntry
from tracker.report import frozen, sharing


@pytest.fixture
def shared(owner, alice):
    """Alice's glucose of 104 mg/dL from last week; she shares her report."""
    today = timezone.localdate()
    for day in range(10):
        WeightFactory(user=alice, date=today - timedelta(days=day), weight_kg=90 + day / 10)
    report = LabReportFactory(user=alice, date=today - timedelta(days=7))
    LabResultFactory(user=alice, report=report, test_key="glucose", value=104)
    response = owner.post("/share/", {"days": 7, "label": "Dr Rossi"})
    url = re.search(r'value="http://testserver(/shared/[^"]+/)"', response.content.decode())
    return url.group(1)


def save_a_glucose_of_188_today(alice):
    report = LabReportFactory(user=alice, date=timezone.localdate())
    LabResultFactory(user=alice, report=report, test_key="glucose", value=188)


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:200]
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_a_glucose_saved_after_sharing_never_appears_behind_the_link(owner, anon, alice, shared):
    save_a_glucose_of_188_today(alice)
    # The person's own report of today shows it: the copy is what keeps it off the link.
    assert "188" in text_of(owner.get("/report/").content.decode())
    page = text_of(anon.get(shared).content.decode())
    assert "188" not in page
    assert re.search(r"Glucose\b[^·]*?104", page)
    document = pdf_text(anon.get(f"{shared}pdf/"))
    assert "188" not in document and "104" in document


def test_the_page_says_when_the_copy_was_made_and_keeps_its_figures(anon, alice, shared):
    link = ShareLink.objects.get(user=alice)
    made = link.created_at
    # Today's weighing corrected after sharing: the link keeps what was shared.
    WeightEntry.objects.filter(user=alice, date=timezone.localdate()).update(weight_kg=70)
    page = text_of(anon.get(shared).content.decode())
    assert f"made {made:%-d %b %Y}" in page
    assert "70.0 kg" not in page


def test_the_copy_keeps_the_period_and_the_charts(alice, shared):
    link = ShareLink.objects.get(user=alice)
    copy = frozen.thaw(link.snapshot)
    assert (copy.start, copy.end) == (link.period_start, link.period_end)
    assert copy.end == timezone.localdate()
    assert [chart.key for chart in copy.charts] == ["weight", "activity"][: len(copy.charts)]
    weight = copy.charts[0]
    assert weight.key == "weight" and weight.figure.data  # plotly still reads the copy
    # The rendered body of the report, without the owner's page's forms.
    assert 'aria-labelledby="r-labs"' in copy.frozen_body and "<form" not in copy.frozen_body


def test_a_link_made_before_copies_were_kept_still_opens(anon, alice):
    link, token = sharing.create_link(alice, 7)
    ShareLink.objects.filter(pk=link.pk).update(snapshot=None)
    response = anon.get(f"/shared/{token}/")
    assert response.status_code == 200 and "<article" in response.content.decode()
