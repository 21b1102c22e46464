"""The small things people notice: the favicon, the time zone at sign-up, a picture or
PDF sent to the importer, labels without a colon, the empty labs page."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tracker.exchange.file_kinds import wrong_kind
from tracker.models import Profile

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "newcomer",
    "password1": "a-long-pass-4-tests",
    "password2": "a-long-pass-4-tests",
}


def test_the_favicon_is_at_the_root_for_anyone(anon):
    response = anon.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an icon directory
    assert "max-age" in response["Cache-Control"]


def test_sign_up_keeps_the_browsers_time_zone(anon):
    anon.post("/accounts/signup/", {**SIGNUP, "time_zone": "Asia/Tokyo"})
    assert Profile.objects.get(user__username="newcomer").time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("sent", ["", "Mars/Olympus_Mons", "<script>"])
def test_sign_up_without_a_known_time_zone_keeps_the_default(anon, sent):
    response = anon.post("/accounts/signup/", {**SIGNUP, "time_zone": sent}, follow=True)
    assert response.request["PATH_INFO"] == "/accounts/profile/"
    assert Profile.objects.get(user__username="newcomer").time_zone == "UTC"


def test_the_sign_up_form_carries_a_field_for_the_browser_to_fill(anon):
    html = anon.get("/accounts/signup/").content.decode()
    assert 'name="time_zone"' in html and "data-browser-time-zone" in html


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
# A tiny PDF with no NUL byte anywhere: it would decode as text and be read as a CSV.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "


@pytest.mark.parametrize(
    "content, words",
    [
        (PNG, "a picture (PNG)"),
        (JPEG, "a picture (JPEG)"),
        (PDF, "a PDF document"),
        (HEIC, "a picture (HEIC)"),
        (WEBP, "a picture (WebP)"),
    ],
)
def test_a_picture_or_pdf_is_called_what_it_is(owner, content, words):
    upload = SimpleUploadedFile("lab-sheet.bin", content)
    response = owner.post("/data/import/", {"file": upload, "source": "auto", "unit": "kg"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"This file is {words}" in html
    assert "weight CSV" not in html.split("This file is")[1].split("</")[0]


def test_text_files_are_not_mistaken_for_pictures():
    assert wrong_kind(b"date,weight\n2024-01-01,80\n") is None
    assert wrong_kind(b'{"format": "liverlog"}') is None
    assert wrong_kind(b"PK\x03\x04") is None  # a zip is Apple Health's to read


def test_labels_have_no_trailing_colon(owner):
    html = owner.get("/log/weight/add/").content.decode()
    assert '<label for="id_weight">Weight</label>' in html
    assert ":</label>" not in html


def test_the_empty_labs_page_does_not_talk_about_weight(owner):
    html = owner.get("/labs/").content.decode()
    assert "No lab results yet" in html
    assert "first weight" not in html


def test_the_empty_dashboard_still_welcomes_a_first_weight(owner):
    assert "first weight" in owner.get("/progress/").content.decode()


def test_the_service_worker_comes_from_the_root_with_its_shell(anon):
    response = anon.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert body.startswith('const VERSION = "')
    shell = json.loads(body.split("const SHELL = ", 1)[1].split(";\n", 1)[0])
    assert "/static/js/offline.js" in shell and "/static/vendor/htmx-2.0.11.min.js" in shell
    assert 'self.addEventListener("fetch"' in body


def test_the_service_worker_names_the_hashed_files_in_production(anon, settings, tmp_path):
    from django.core.management import call_command

    from tracker import site_files

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    site_files.service_worker_source.cache_clear()
    body = anon.get("/sw.js").content.decode()
    shell = json.loads(body.split("const SHELL = ", 1)[1].split(";\n", 1)[0])
    assert any(re.fullmatch(r"/static/js/offline\.[0-9a-f]{12}\.js", url) for url in shell)
    site_files.service_worker_source.cache_clear()
