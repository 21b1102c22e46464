"""The "Your data" views: every one tried by its owner, another user and anonymously;
upload -> preview -> confirm; limits; bad files never give a 500."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import HTMX, make_user
from tests.factories import ExerciseFactory, WeightFactory
from tracker.exchange import json_backup, pending, reading
from tracker.models import Exercise, PendingImport, Profile, WeightEntry

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
WEIGHTS = b"date,weight (kg)\n2024-01-01,80\n2024-01-02,79.5\n"


def upload(client, content, name="weights.csv", **fields):
    data = {"file": SimpleUploadedFile(name, content), "source": "auto", "unit": "kg", **fields}
    return client.post("/data/import/", data)


def token_of(response):
    match = re.fullmatch(r"/data/import/([\w-]+)/", response.url)
    assert match, response.url
    return match.group(1)


@pytest.fixture
def token(owner):
    return token_of(upload(owner, WEIGHTS))


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- who may see what ------------------------------------------------------------------------

EXPORTS = ["/data/export/weight.csv", "/data/export/backup.json", "/data/export/fhir.json"]


def test_owner_sees_the_page_and_downloads_dated_files(owner, alice):
    WeightFactory(user=alice, weight_kg=81.5)
    assert "Your data" in page(owner, "/data/")
    for url in EXPORTS:
        response = owner.get(url)
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert re.fullmatch(
            r'attachment; filename="liverlog-[a-z]+-\d{4}-\d{2}-\d{2}\.\w+"', disposition
        )
        assert b"81.5" in response.content


def test_the_nav_link_marks_the_current_page(owner):
    html = page(owner, "/data/")
    assert '<a href="/data/" aria-current="page">Your data</a>' in html
    assert '<a href="/data/">Your data</a>' in page(owner, "/today/")


def test_another_user_downloads_only_their_own_data(other, alice):
    WeightFactory(user=alice, weight_kg=81.5)
    for url in EXPORTS:
        response = other.get(url)
        assert response.status_code == 200
        assert b"81.5" not in response.content


def test_another_users_import_is_not_found(other, token):
    urls = [f"/data/import/{token}/", f"/data/import/{token}/progress/"]
    for url in urls:
        assert other.get(url).status_code == 404
    assert other.post(f"/data/import/{token}/", {"source": "ours", "unit": "kg"}).status_code == 404
    assert other.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"}).status_code == 404
    assert other.post(f"/data/import/{token}/cancel/").status_code == 404
    assert not WeightEntry.objects.exists()


def test_anonymous_is_sent_to_login(anon, token):
    urls = [
        "/data/",
        *EXPORTS,
        "/data/import/",
        f"/data/import/{token}/",
        f"/data/import/{token}/progress/",
    ]
    for url in urls:
        response = anon.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/")
    for url in ["/data/import/", f"/data/import/{token}/confirm/", f"/data/import/{token}/cancel/"]:
        assert anon.post(url).url.startswith("/accounts/login/")
    assert not WeightEntry.objects.exists()


def test_unknown_export_and_unknown_import_are_404(owner):
    assert owner.get("/data/export/secrets.csv").status_code == 404
    assert owner.get("/data/import/not-a-real-token-at-all/").status_code == 404
    assert owner.get("/data/import/..%2F..%2Fetc/").status_code == 404


def test_views_state_their_methods(owner, token):
    assert owner.post("/data/export/weight.csv").status_code == 405
    assert owner.get(f"/data/import/{token}/confirm/").status_code == 405
    assert owner.get(f"/data/import/{token}/cancel/").status_code == 405
    assert owner.get("/data/import/").status_code == 302  # back to the page


# --- export choices --------------------------------------------------------------------------


def test_csv_units_follow_the_choice_on_the_page(client):
    carol = make_user("carol", weight_unit="lb")
    client.force_login(carol)
    WeightFactory(user=carol, weight_kg=90.0)
    assert "/data/export/weight.csv?units=display" in page(client, "/data/")
    assert "/data/export/weight.csv?units=canonical" in page(client, "/data/?units=canonical")
    assert "weight (lb)" in client.get("/data/export/weight.csv").content.decode()
    canonical = client.get("/data/export/weight.csv?units=canonical").content.decode()
    assert "weight (kg)" in canonical and "90" in canonical


def test_every_csv_kind_downloads(owner):
    for slug in [
        "weight",
        "measurements",
        "exercise",
        "meals",
        "checkins",
        "blood-pressure",
        "diet-check",
        "medications",
        "labs",
    ]:
        response = owner.get(f"/data/export/{slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"


# --- upload, preview, confirm ---------------------------------------------------------------


def test_upload_shows_a_preview_and_saves_nothing(owner, token):
    html = page(owner, f"/data/import/{token}/")
    assert "LiverLog weight CSV" in html
    assert 'id="rows-found">2<' in html
    assert 'id="rows-new">2<' in html
    assert 'id="rows-error">0<' in html
    assert "Import 2 new entries" in html
    assert not WeightEntry.objects.exists()


def test_confirm_imports_everything_and_clears_the_pending_import(owner, alice, token):
    response = owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"})
    assert response.status_code == 302 and response.url == "/data/"
    assert WeightEntry.objects.filter(user=alice).count() == 2
    assert "Imported 2 new entries." in page(owner, "/data/")
    assert owner.get(f"/data/import/{token}/").status_code == 404
    # The last progress state stays readable, and tells htmx to stop polling.
    done = owner.get(f"/data/import/{token}/progress/")
    assert done.status_code == 286
    assert b'value="2"' in done.content


def test_duplicates_are_shown_and_replaced_when_asked(owner, alice):
    WeightFactory(user=alice, date=dt.date(2024, 1, 1), weight_kg=85.0)
    token = token_of(upload(owner, WEIGHTS))
    html = page(owner, f"/data/import/{token}/")
    assert 'id="rows-new">1<' in html and 'id="rows-duplicate">1<' in html
    assert "Replace mine with the file" in html
    owner.post(f"/data/import/{token}/confirm/", {"duplicates": "replace"})
    assert WeightEntry.objects.get(user=alice, date=dt.date(2024, 1, 1)).weight_kg == 80.0


def test_a_bad_row_blocks_the_import_and_is_named(owner, alice):
    content = b"date,weight (kg)\n2024-01-01,80\n2024-01-02,900\n"
    token = token_of(upload(owner, content))
    html = page(owner, f"/data/import/{token}/")
    assert "Row 3: weight 900 kg is outside 20–350 kg." in html
    assert re.search(r"<button type=\"submit\" disabled[^>]*>Import", html)
    owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"})
    assert not WeightEntry.objects.filter(user=alice).exists()  # not even the good row


def test_the_person_maps_a_generic_csv_on_the_preview(owner, alice):
    token = token_of(upload(owner, (SAMPLES / "generic_weights.csv").read_bytes()))
    html = page(owner, f"/data/import/{token}/")
    assert "Weights read in kg from “Gewicht”" in html  # a body-weight name, in German
    assert '<option value="Gewicht" selected>Gewicht</option>' in html
    response = owner.post(
        f"/data/import/{token}/",
        {
            "source": "generic",
            "unit": "kg",
            "date_format": "DD.MM.YYYY",
            "date_column": "Datum",
            "value_column": "Gewicht",
        },
    )
    assert response.status_code == 302
    html = page(owner, f"/data/import/{token}/")
    assert 'id="rows-new">3<' in html and "2024-02-05" in html
    owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"})
    assert WeightEntry.objects.filter(user=alice).count() == 3


def test_choosing_a_source_that_does_not_fit_shows_a_message(owner, token):
    owner.post(f"/data/import/{token}/", {"source": "openscale", "unit": "kg"})
    html = page(owner, f"/data/import/{token}/")
    assert "does not have the columns of an export from openScale" in html
    assert re.search(r'<button type="submit" disabled[^>]*>Import</button>', html)


def test_a_backup_restores_through_the_views(owner, alice):
    donor = make_user("donor", height_cm=181, weight_unit="lb")
    WeightFactory(user=donor)
    ExerciseFactory(user=donor)
    backup = json_backup.dumps(json_backup.build(donor)).encode()
    token = token_of(upload(owner, backup, "backup.json"))
    html = page(owner, f"/data/import/{token}/")
    assert "LiverLog backup (JSON)" in html and "Profile settings in the backup" in html
    owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip", "restore_profile": "on"})
    assert Exercise.objects.filter(user=alice).count() == 1
    assert Profile.objects.get(user=alice).height_cm == 181


def test_cancel_forgets_the_import(owner, token):
    response = owner.post(f"/data/import/{token}/cancel/")
    assert response.url == "/data/"
    assert owner.get(f"/data/import/{token}/").status_code == 404
    assert not WeightEntry.objects.exists()


def test_progress_while_running_is_an_htmx_partial_that_keeps_polling(owner, alice, token):
    progress = pending.Progress(alice.pk, token, total=1000)
    progress.advance(500)
    response = owner.get(f"/data/import/{token}/progress/", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-progress"')
    assert 'hx-trigger="every 1s"' in html
    assert 'value="500"' in html and "500 of 1000 rows written" in html


# --- limits and bad files -----------------------------------------------------------------


def test_a_file_over_10_mb_is_refused_with_both_sizes(owner):
    response = upload(owner, b"x" * (11 * 1024 * 1024), "big.csv")
    assert "This file is 11.0 MB; files up to 10 MB can be imported." in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_size_is_checked_before_the_file_is_read():
    from tracker.exchange.forms import UploadForm

    class Unreadable(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("read before the size was checked")

    big = Unreadable("big.csv", b"x")
    big.size = 10 * 1024 * 1024 + 1
    form = UploadForm({"source": "auto", "unit": "kg"}, {"file": big})
    assert not form.is_valid()
    assert "files up to 10 MB can be imported" in form.errors["file"][0]


def test_more_than_100000_rows_is_refused(owner, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows = b"".join(b"2024-01-%02d,80\n" % day for day in range(1, 6))
    response = upload(owner, b"date,weight (kg)\n" + rows)
    assert "more than 3 rows" in response.content.decode()
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The submitted file is empty."),
        (b"   \n\n", "This file is empty."),
        (b"\x00\x01\x02PK\x03\x04", "binary file"),
        (b"{broken json", "not a valid JSON file"),
        (b"date,weight (kg)\n", "no data rows"),
        (b'"unclosed\n' * 3, None),
        (bytes(range(256)) * 10, None),
        ("Datum;Gewicht\n1.2.2024;80\n".encode("utf-16"), None),
        (b"\xff\xfe garbage \x80\x81", None),
    ],
)
def test_a_malformed_file_gets_a_message_never_a_500(owner, content, message):
    response = upload(owner, content, "bad.csv")
    if response.status_code == 302:  # read as some CSV: the preview explains the rest
        assert owner.get(response.url).status_code == 200
    else:
        assert response.status_code == 200
        assert message is None or message in response.content.decode()
    assert not WeightEntry.objects.exists()


def test_latin1_files_are_read(owner, alice):
    content = "date,weight (kg)\n2024-01-01,80\n".encode("latin-1")
    token = token_of(upload(owner, "Gewicht für Jänner\n".encode("latin-1") + content))
    assert page(owner, f"/data/import/{token}/")


def test_a_backup_with_nothing_new_cannot_be_confirmed(owner, alice):
    ExerciseFactory(user=alice)
    text = json.dumps(json_backup.build(alice)).encode()
    token = token_of(upload(owner, text, "b.json"))
    html = page(owner, f"/data/import/{token}/")
    assert "There is nothing new to import." in html


def test_a_failure_while_writing_imports_nothing_and_says_so(owner, alice, token, monkeypatch):
    from django.db import IntegrityError

    from tracker.exchange import sections

    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(sections.SECTIONS["weights"], "commit", fail)
    response = owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"}, follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert not WeightEntry.objects.exists()
    assert pending.progress_of(alice.pk, token) is None  # no stale progress bar
    assert owner.get(f"/data/import/{token}/").status_code == 200  # can try again


# --- formats recognised by content --------------------------------------------------------


def test_an_apple_health_export_previews_each_log_and_imports_all_of_them(owner, alice):
    content = (SAMPLES / "apple_health_export.xml").read_bytes()
    response = upload(owner, content, name="export.xml")
    html = page(owner, response.url)
    assert "Apple Health export: 2 weighings, 1 blood pressure" in html
    assert "128/82" in html  # the blood pressure sample row
    confirmed = owner.post(f"{response.url}confirm/", {"duplicates": "skip"})
    assert confirmed.status_code == 302
    assert WeightEntry.objects.filter(user=alice).count() == 2
    assert alice.bloodpressure_set.get().systolic == 128
    assert alice.measurement_set.get().waist_cm == 102
    assert alice.exercise_set.count() == 2


def test_a_broken_zip_upload_gets_a_message_not_a_500(owner):
    response = upload(owner, b"PK\x03\x04 not really a zip", name="export.zip")
    assert response.status_code == 200
    assert "zip archive could not be opened" in response.content.decode()


def test_a_lab_file_without_a_known_unit_column_lets_the_person_choose_it(owner, alice):
    content = b"Datum,Untersuchung,Ergebnis,Einh.\n02.01.2024,GPT (ALT),45,U/l\n"
    response = upload(owner, content, name="labor.csv")
    html = page(owner, response.url)
    assert "lacks unit" in html
    assert 'name="unit_column"' in html
    reread = owner.post(response.url, {"source": "labs", "unit": "kg", "unit_column": "Einh."})
    assert reread.status_code == 302
    html = page(owner, response.url)
    assert "lacks unit" not in html
    owner.post(f"{response.url}confirm/", {"duplicates": "skip"})
    result = alice.labresult_set.get()
    assert (result.test_key, result.value, str(result.report.date)) == ("alt", 45, "2024-01-02")


def test_a_file_in_the_wrong_unit_is_stopped_with_a_question_then_read_again(owner, alice):
    for day in range(1, 11):
        WeightFactory(user=alice, date=dt.date(2025, 11, day), weight_kg=92.0)
    token = token_of(upload(owner, (SAMPLES / "openscale_v3_lb.csv").read_bytes(), unit="kg"))
    html = page(owner, f"/data/import/{token}/")
    assert "Check the unit before importing" in html and "204.5 — kg or lb?" in html
    assert re.search(r'<button type="submit" disabled[^>]*>Import', html)
    owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"})
    assert WeightEntry.objects.filter(user=alice).count() == 10  # nothing stored

    owner.post(f"/data/import/{token}/", {"source": "openscale", "unit": "lb"})
    html = page(owner, f"/data/import/{token}/")
    assert "Check the unit" not in html and "This file does not say its unit" in html
    owner.post(f"/data/import/{token}/confirm/", {"duplicates": "skip"})
    stored = WeightEntry.objects.get(user=alice, date=dt.date(2025, 12, 3))
    assert stored.unit_typed == "lb" and round(stored.weight_kg, 2) == 92.35


def test_the_unit_doubt_can_be_answered_on_the_preview(owner, alice):
    WeightFactory(user=alice, date=dt.date(2025, 11, 1), weight_kg=92.0)
    token = token_of(upload(owner, (SAMPLES / "openscale_v3_lb.csv").read_bytes(), unit="kg"))
    assert "I have checked the unit" in page(owner, f"/data/import/{token}/")
    owner.post(
        f"/data/import/{token}/", {"source": "openscale", "unit": "kg", "unit_checked": "on"}
    )
    html = page(owner, f"/data/import/{token}/")
    assert "Check the unit" not in html and 'id="rows-error">0<' in html


UNKNOWN_PRESSURE = (
    b"Zeitpunkt;Oben;Unten;Herzschlag\n13.10.2025 07:05;131;84;68\n14.10.2025 19:12;127;81;\n"
)
PRESSURE_CHOICES = {
    "source": "measures",
    "unit": "kg",
    "date_format": "DD.MM.YYYY",
    "date_column": "Zeitpunkt",
    "systolic_column": "Oben",
    "diastolic_column": "Unten",
    "pulse_column": "Herzschlag",
}


def test_a_blood_pressure_csv_with_unknown_columns_is_mapped_on_the_preview(owner, alice):
    response = upload(owner, UNKNOWN_PRESSURE, name="blutdruck.csv", source="measures")
    html = page(owner, response.url)
    assert "Choose which column holds the date, and which the blood pressure" in html
    for name in ("date_column", "systolic_column", "diastolic_column", "pulse_column"):
        assert f'name="{name}"' in html
    assert '<option value="Oben">Oben</option>' in html
    assert 'name="length_unit"' in html
    reread = owner.post(response.url, PRESSURE_CHOICES)
    assert reread.status_code == 302
    html = page(owner, response.url)
    assert 'id="rows-new">2<' in html and 'id="rows-error">0<' in html
    assert "131/84" in html
    owner.post(f"{response.url}confirm/", {"duplicates": "skip"})
    assert sorted(alice.bloodpressure_set.values_list("systolic", "diastolic", "pulse")) == [
        (127, 81, None),
        (131, 84, 68),
    ]


def test_a_waist_csv_with_unknown_columns_is_mapped_with_its_unit(owner, alice):
    content = b"Tag,Umfang\n2024-01-02,40.5\n"
    response = upload(owner, content, name="umfang.csv", source="measures")
    assert "Choose which column holds the date" in page(owner, response.url)
    choices = {"source": "measures", "unit": "kg", "date_column": "Tag", "waist_column": "Umfang"}
    owner.post(response.url, choices)
    assert "does not say its unit: choose the waist unit below" in page(owner, response.url)
    owner.post(response.url, {**choices, "length_unit": "in"})
    html = page(owner, response.url)
    assert 'id="rows-new">1<' in html and 'id="rows-error">0<' in html
    owner.post(f"{response.url}confirm/", {"duplicates": "skip"})
    measurement = alice.measurement_set.get()
    assert (str(measurement.date), measurement.waist_cm) == ("2024-01-02", 102.87)


def test_a_recognised_blood_pressure_csv_needs_no_choices(owner, alice):
    response = upload(owner, (SAMPLES / "bp_monitor.csv").read_bytes(), name="bp.csv")
    html = page(owner, response.url)
    assert 'id="rows-new">2<' in html and 'id="rows-error">0<' in html
    # The columns found by their names are shown as chosen, to change one if need be.
    assert '<option value="SYS (mmHg)" selected>SYS (mmHg)</option>' in html
    assert '<option value="Pulse (bpm)" selected>Pulse (bpm)</option>' in html
    owner.post(f"{response.url}confirm/", {"duplicates": "skip"})
    assert alice.bloodpressure_set.count() == 2


def test_a_bad_row_in_a_mapped_blood_pressure_csv_imports_nothing(owner, alice):
    content = UNKNOWN_PRESSURE.replace(b"127;81", b"81;127")
    response = upload(owner, content, name="blutdruck.csv", source="measures")
    owner.post(response.url, PRESSURE_CHOICES)
    html = page(owner, response.url)
    assert "Row 3: the lower number 127 is not below the upper 81." in html
    assert re.search(r"<button type=\"submit\" disabled[^>]*>Import", html)
    owner.post(f"{response.url}confirm/", {"duplicates": "skip"})
    assert not alice.bloodpressure_set.exists()  # not even the good row


def test_another_user_cannot_map_someone_elses_blood_pressure_file(owner, other, alice):
    response = upload(owner, UNKNOWN_PRESSURE, name="blutdruck.csv", source="measures")
    assert other.post(response.url, PRESSURE_CHOICES).status_code == 404
    assert "Choose which column holds the date" in page(owner, response.url)
