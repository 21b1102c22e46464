"""Every main page, full of a year of demo data, passes axe-core with no serious or
critical violation, at desktop width and on a 360 px phone, where nothing may make the
page wider than the screen."""

import struct
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tracker.demo import logs as demo
from tracker.guidance import library
from tracker.logs.kinds import KINDS
from tracker.models import LabReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
WIDTHS = (1280, 360)
PHONE = 360
BLOCKING = {"serious", "critical"}
TARGETS_SHOWN = 3

RUN_AXE = "() => axe.run(document, {resultTypes: ['violations']})"
# Charts are drawn by static/js/charts.js once the page has loaded; check them drawn.
CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-figure]'))
    .every((el) => el.classList.contains('drawn'))"""
# axe no longer reports duplicate ids, but a label or description that points at an id
# used twice names the wrong field.
SHARED_REFERENCES = """() => {
  const ids = Array.from(document.querySelectorAll('label[for]'), (el) => el.htmlFor);
  document.querySelectorAll('[aria-labelledby], [aria-describedby]').forEach((el) => {
    for (const name of ['aria-labelledby', 'aria-describedby']) {
      ids.push(...(el.getAttribute(name) || '').split(/\\s+/).filter(Boolean));
    }
  });
  return [...new Set(ids)].filter(
    (id) => document.querySelectorAll('#' + CSS.escape(id)).length > 1);
}"""
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
# The elements that stick out past the right edge, to say where an overflow comes from.
WIDE_ELEMENTS = """(width) => Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .filter((el) => !el.parentElement.closest('.table-wrap, .plot'))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim()
        .replace(/\\s+/g, '.') : ''))"""

ANONYMOUS_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"]


def signed_in_pages(user) -> list[str]:
    report = LabReport.objects.filter(user=user).order_by("-date").first()
    result = report.results.first()
    # An article with a table: the widest kind on a phone.
    article = next(a for a in library.all_articles() if "<table" in a.html)
    pages = [reverse("today"), reverse("profile")]
    for kind in KINDS:
        pages += [reverse("history", args=[kind.slug]), reverse("log_add", args=[kind.slug])]
    pages += [
        reverse("labs_flowsheet"),
        reverse("labs_add"),
        reverse("labs_report", args=[report.pk]),
        reverse("labs_test", args=[result.test_key]),
        reverse("labs_indices"),
        reverse("dashboard"),
        reverse("goals"),
        reverse("learn"),
        reverse("learn_article", args=[article.slug]),
        reverse("report"),
        reverse("share_links"),
        reverse("data_index"),
        reverse("delete_account"),
        reverse("reminders"),
    ]
    return pages


def describe(violation: dict) -> str:
    targets = ", ".join(
        " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
        for node in violation["nodes"][:TARGETS_SHOWN]
    )
    more = len(violation["nodes"]) - TARGETS_SHOWN
    extra = f" (+{more} more)" if more > 0 else ""
    return f"{violation['impact']} {violation['id']}: {violation['help']} — {targets}{extra}"


def problems_on(page, path: str, width: int) -> list[str]:
    """axe's serious and critical findings on the page as loaded, and any overflow."""
    page.wait_for_function(CHARTS_DRAWN)
    results = page.evaluate(RUN_AXE)
    found = [describe(v) for v in results["violations"] if v["impact"] in BLOCKING]
    found += [
        f"id {name!r} is on several elements, and a label or ARIA reference points at it"
        for name in page.evaluate(SHARED_REFERENCES)
    ]
    if width == PHONE:
        scroll_width = page.evaluate(PAGE_WIDTH)
        if scroll_width > PHONE:
            culprits = ", ".join(page.evaluate(WIDE_ELEMENTS, PHONE)) or (
                "nothing in flow; look for absolutely positioned or visually hidden text"
            )
            found.append(f"page is {scroll_width} px wide at {PHONE} px; sticking out: {culprits}")
    return [f"{path} at {width} px: {problem}" for problem in found]


def check(page, base: str, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(base + path)
            assert response.ok, f"{path} answered {response.status}"
            problems += problems_on(page, path, width)
    return problems


def check_here(page, what: str) -> list[str]:
    """The page as a form post left it (errors, a new link), at each width."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems += problems_on(page, what, width)
    return problems


def log_in(page, base: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(demo.USERNAME)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_every_main_page_passes_axe_at_desktop_and_phone_widths(browser, live_server, tmp_path):
    user = demo.seed(timezone.localdate())
    context = browser.new_context()
    # An init script runs before the page's own and is not subject to the page's CSP,
    # so the strict policy (script-src 'self') stays on while axe is checked in.
    context.add_init_script(path=str(AXE))
    csp_errors = []
    page = context.new_page()
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    base = live_server.url
    problems = check(page, base, ANONYMOUS_PAGES)
    log_in(page, base, "not-the-password")
    expect(page.locator("main")).to_contain_text("Please enter a correct username")
    problems += check_here(page, "/accounts/login/ after a wrong password")

    log_in(page, base, demo.PASSWORD)
    page.wait_for_url("**/today/")
    problems += check(page, base, signed_in_pages(user))

    # A new share link is shown once; then the doctor's read-only page it opens.
    page.goto(f"{base}{reverse('share_links')}")
    page.get_by_role("button", name="Create link").click()
    problems += check_here(page, "/share/ with a new link")
    shared = page.get_by_role("textbox", name="Link").input_value()
    problems += check(page, "", [shared])
    # Revoked, the same link opens a page that only says so.
    page.goto(f"{base}{reverse('share_links')}")
    page.get_by_role("button", name="Revoke").first.click()
    assert page.goto(shared).status == 410
    problems += check_here(page, "a revoked share link")

    # The import preview only exists after a file has been read.
    upload = tmp_path / "weights.csv"
    upload.write_text("date,weight (kg)\n2020-01-01,99.5\n2020-01-02,99.1\n2020-01-03,500\n")
    page.goto(f"{base}{reverse('data_index')}")
    page.get_by_label("File to import").set_input_files(str(upload))
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_url("**/data/import/*/")
    problems += check_here(page, "/data/import/…/ (preview)")
    context.close()

    assert not problems, "Accessibility problems:\n" + "\n".join(problems)
    assert not csp_errors, "Blocked by the Content Security Policy:\n" + "\n".join(csp_errors)


def png_size(body: bytes) -> str:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", body[16:24])  # the IHDR chunk comes first
    return f"{width}x{height}"


def test_the_app_can_be_installed_on_a_phone(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest_url = urljoin(page.url, href)
    manifest = page.request.get(manifest_url).json()
    assert manifest["name"] == "LiverLog"
    assert manifest["start_url"] == "/today/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#1f6f5c"
    assert page.locator("meta[name=theme-color]").get_attribute("content") == "#1f6f5c"

    purposes = set()
    for icon in manifest["icons"]:
        response = page.request.get(urljoin(manifest_url, icon["src"]))
        assert response.ok, icon["src"]
        if icon["type"] == "image/png":
            assert png_size(response.body()) == icon["sizes"], icon["src"]
        purposes.add(icon["purpose"])
    assert {"any", "maskable"} <= purposes
    for rel in ("icon", "apple-touch-icon"):
        for link in page.locator(f"link[rel={rel}]").all():
            assert page.request.get(urljoin(page.url, link.get_attribute("href"))).ok

    # Chromium's own verdict: whatever would block installing, except that a test's
    # browser context is an incognito one.
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getAppManifest")["errors"] == []
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == [], errors
