"""One truth per figure: for the demo account, percent lost, BMI, waist-to-height and the
latest FIB-4 read the same on the dashboard, its guidance note, the labs pages, the report
page, the PDF and the share page. Each figure is found on a page by the label it is shown
under, so a page that computed it on its own (from other inputs or with other rounding)
would show a second number here."""

import io
import re
from html import unescape

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.report.pdf_client import download_pdf
from tracker.demo import logs as demo
from tracker.report import sharing

NUMBER = r"(\d+(?:\.\d+)?)"


def text_of(html: str) -> str:
    """The words a person reads: tags out, entities decoded, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def numbers_after(text: str, label: str, within: int = 40) -> set[str]:
    """The first number after each place the label appears (within a few characters)."""
    pattern = re.escape(label) + r"[^\d]{0," + str(within) + "}" + NUMBER
    return set(re.findall(pattern, text))


@pytest.fixture
def pages(db, client):
    today = timezone.localdate()
    user = demo.seed(today)
    client.force_login(user)
    _link, token = sharing.create_link(user, 7)
    reader = PdfReader(io.BytesIO(download_pdf(client).content))
    return {
        "dashboard": text_of(client.get("/progress/").content.decode()),
        "labs scores": text_of(client.get("/labs/indices/").content.decode()),
        "report": text_of(client.get("/report/").content.decode()),
        "PDF": re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages)),
        "share page": text_of(client.get(f"/shared/{token}/").content.decode()),
    }


def shown(pages: dict[str, str], label: str, where: tuple[str, ...]) -> dict[str, set[str]]:
    return {name: numbers_after(pages[name], label) for name in where}


def check_percent_lost(pages):
    found = shown(pages, "Lost so far", ("dashboard", "report", "PDF", "share page"))
    # The guidance note beside the weight chart words it as "… lost 9.1 % (…" or "You are
    # 9.1 % (…) below"; the demo has lost between 8 and 10 %.
    found["guidance note"] = set(re.findall(r"\b([89]\.\d) % \(", pages["dashboard"]))
    values = set().union(*found.values())
    assert len(values) == 1, found
    assert all(found.values()), found


def check_bmi(pages):
    where = ("dashboard", "labs scores", "report", "PDF", "share page")
    found = shown(pages, "BMI (trend weight)", where)
    assert all(found.values()), found
    assert len(set().union(*found.values())) == 1, found
    # The BMI at each lab date is another figure, under another name.
    assert "BMI at the lab date" in pages["labs scores"]


def check_waist_to_height(pages):
    where = ("dashboard", "report", "PDF", "share page")
    found = shown(pages, "Waist-to-height (latest waist)", where)
    assert all(found.values()), found
    assert len(set().union(*found.values())) == 1, found
    assert "Waist-to-height at the lab date" in pages["labs scores"]


DAY = r"(\d{1,2} \w{3} \d{4})"
# The newest FIB-4 and its lab date: first in the scores page's table (newest first), the
# one line of the report's index list, and the dashboard chart's "the latest, on …, was …".
LATEST_FIB4 = {
    "labs scores": r"FIB-4 by lab date, newest first Lab date Value Category Inputs used ",
    "report": r"FIB-4 ",
    "PDF": r"FIB-4 ",
    "share page": r"FIB-4 ",
}


def check_latest_fib4(pages):
    found = {}
    for name, lead in LATEST_FIB4.items():
        match = re.search(lead + DAY + r" " + NUMBER, pages[name])
        assert match, name
        found[name] = match.groups()
    summary = re.search(
        r"FIB-4 \d+ values? in this range; the latest, on " + DAY + ", was " + NUMBER,
        pages["dashboard"],
    )
    assert summary, "the dashboard's FIB-4 chart"
    found["dashboard"] = summary.groups()
    assert len(set(found.values())) == 1, found


def test_the_demo_accounts_figures_are_one_number_on_every_page(pages):
    # One test, so that the demo account is seeded and its PDF made once.
    check_percent_lost(pages)
    check_bmi(pages)
    check_waist_to_height(pages)
    check_latest_fib4(pages)
