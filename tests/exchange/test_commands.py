"""export_data and import_data use the same modules as the views."""

import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import make_user
from tests.factories import MealFactory, WeightFactory
from tracker.models import Meal, WeightEntry

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_backup_round_trip_through_the_commands(alice, tmp_path):
    WeightFactory(user=alice)
    MealFactory(user=alice)
    backup = tmp_path / "backup.json"
    run("export_data", "--user", "alice", "--format", "json", "--out", str(backup))
    assert json.loads(backup.read_text())["format"] == "liverlog-backup"

    make_user("fresh")
    out, _ = run("import_data", "--user", "fresh", str(backup), "--restore-profile")
    assert "Read as: LiverLog backup (JSON)" in out
    assert "will be added: 2" in out
    assert "Imported 2 new entries." in out
    assert WeightEntry.objects.filter(user__username="fresh").count() == 1
    assert Meal.objects.filter(user__username="fresh").count() == 1


def test_csv_export_writes_one_file_per_log(alice, tmp_path):
    WeightFactory(user=alice)
    run("export_data", "--user", "alice", "--format", "csv", "--out", str(tmp_path / "csv"))
    names = sorted(p.name.split("-2")[0] for p in (tmp_path / "csv").iterdir())
    assert "liverlog-weight" in names and "liverlog-labs" in names and len(names) == 9
    one = tmp_path / "w.csv"
    run("export_data", "--user", "alice", "--format", "csv", "--kind", "weight", "--out", str(one))
    assert one.read_text(encoding="utf-8").startswith("\ufeffdate,weight (kg)")


def test_fhir_export(alice, tmp_path):
    WeightFactory(user=alice)
    out = tmp_path / "fhir.json"
    run("export_data", "--user", "alice", "--format", "fhir", "--out", str(out))
    assert json.loads(out.read_text())["resourceType"] == "Bundle"


def test_import_of_a_third_party_file_detects_it(alice):
    out, _ = run("import_data", "--user", "alice", str(SAMPLES / "hackersdiet.csv"))
    assert "Read as: The Hacker's Diet Online" in out
    assert WeightEntry.objects.filter(user=alice).count() == 4


def test_a_file_with_errors_imports_nothing_and_fails(alice, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,weight (kg)\n2024-01-01,80\n2024-01-02,900\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("import_data", "--user", "alice", str(bad))
    assert not WeightEntry.objects.exists()


def test_dry_run_and_mapping_options(alice):
    out, _ = run(
        "import_data",
        "--user",
        "alice",
        str(SAMPLES / "generic_weights.csv"),
        "--date-column",
        "Datum",
        "--value-column",
        "Gewicht",
        "--unit",
        "kg",
        "--dry-run",
    )
    assert "will be added: 3" in out and "Dry run" in out
    assert not WeightEntry.objects.exists()


def test_unknown_user_and_missing_file_are_errors(alice, tmp_path):
    with pytest.raises(CommandError, match="No user named"):
        run("import_data", "--user", "nobody", str(SAMPLES / "labs.csv"))
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_data", "--user", "alice", str(tmp_path / "missing.csv"))


@pytest.mark.parametrize(
    "sample, summary",
    [
        ("apple_health_export.xml", "Apple Health export: 2 weighings, 1 blood pressure"),
        ("fhir_portal_bundle.json", "FHIR health record: 1 weighing, 1 blood pressure"),
        ("withings_bp.csv", "Withings export: 2 blood pressures, 2024"),
        ("garmin_weight.csv", "Garmin Connect export: 2 weighings, 2024"),
    ],
)
def test_import_data_previews_every_format_with_its_summary(alice, sample, summary):
    out, _ = run("import_data", str(SAMPLES / sample), "--user", "alice", "--dry-run")
    assert summary in out
    assert "Dry run: nothing was imported." in out


def test_import_data_streams_an_apple_health_zip_and_writes_every_log(alice, tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(SAMPLES / "apple_health_export.xml", "apple_health_export/export.xml")
    out, _ = run("import_data", str(archive), "--user", "alice")
    assert "Imported 7 new entries." in out
    assert alice.bloodpressure_set.count() == 1


def test_import_data_names_the_bad_row_and_imports_nothing(alice, tmp_path):
    bad = tmp_path / "bp.csv"
    bad.write_text((SAMPLES / "withings_bp.csv").read_text().replace("127,81", "81,127"))
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem to fix."):
        run("import_data", str(bad), "--user", "alice")
    assert alice.bloodpressure_set.count() == 0


def test_import_data_maps_lab_columns(alice, tmp_path):
    labs = tmp_path / "labs.csv"
    labs.write_text("Datum,Untersuchung,Ergebnis,Einh.\n02.01.2024,GPT (ALT),45,U/l\n")
    run("import_data", str(labs), "--user", "alice", "--source", "labs", "--unit-column", "Einh.")
    assert alice.labresult_set.get().test_key == "alt"


def test_import_of_a_blood_pressure_csv_with_columns_named_on_the_command_line(alice, tmp_path):
    path = tmp_path / "blutdruck.csv"
    path.write_text("Zeitpunkt;Oben;Unten\n13.10.2025 07:05;131;84\n")
    with pytest.raises(CommandError):
        run("import_data", "--user", "alice", str(path), "--source", "measures")
    columns = ["--date-column", "Zeitpunkt", "--systolic-column", "Oben"]
    columns += ["--diastolic-column", "Unten", "--date-format", "DD.MM.YYYY"]
    out, _ = run("import_data", "--user", "alice", str(path), "--source", "measures", *columns)
    assert "Imported 1 new entry." in out
    assert alice.bloodpressure_set.get().systolic == 131
