import json
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.exchange import csv_export, fhir, json_backup
from tracker.models import Profile


class Command(BaseCommand):
    help = (
        "Export one person's data: a JSON backup, FHIR observations, or CSV files (one per "
        "log into the folder --out, or the single log given by --kind)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--format", required=True, choices=["json", "csv", "fhir"])
        parser.add_argument("--out", required=True, help="file (json, fhir) or folder (csv)")
        parser.add_argument("--kind", choices=list(csv_export.EXPORTS), help="one CSV only")
        parser.add_argument(
            "--units", choices=[csv_export.DISPLAY, csv_export.CANONICAL], default="display"
        )

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['user']!r}.") from None
        profile, _ = Profile.objects.get_or_create(user=user)
        out = Path(options["out"])
        if options["format"] == "json":
            self._write(out, json_backup.dumps(json_backup.build(user)))
        elif options["format"] == "fhir":
            self._write(out, json.dumps(fhir.build(user, profile), ensure_ascii=False, indent=1))
        elif options["kind"]:
            text = csv_export.export_csv(user, profile, options["kind"], options["units"])
            self._write(out, text)
        else:
            out.mkdir(parents=True, exist_ok=True)
            day = timezone.localdate()
            for slug in csv_export.EXPORTS:
                text = csv_export.export_csv(user, profile, slug, options["units"])
                self._write(out / f"liverlog-{slug}-{day:%Y-%m-%d}.csv", text)

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
