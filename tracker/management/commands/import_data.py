import contextlib
import zoneinfo
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.exchange import importer
from tracker.exchange.parsed import Options
from tracker.exchange.preview import plan
from tracker.exchange.reading import DATE_FORMATS, ImportProblem, plural
from tracker.exchange.sections import REPLACE, SKIP
from tracker.models import Profile


class PrintedProgress:
    def __init__(self, out, total: int):
        self.out, self.total, self.done = out, total, 0

    def advance(self, count: int) -> None:
        self.done += count
        self.out.write(f"  {self.done:,} of {self.total:,} rows written")


class Command(BaseCommand):
    help = (
        "Import any file the web import takes, recognised by its content: a LiverLog backup, "
        "an Apple Health export.zip or export.xml (streamed, any size), FHIR, Fitbit, "
        "Google Fit, Withings, Samsung Health, Garmin, Libra, Renpho, Cronometer, "
        "MyFitnessPal, openScale, TrendWeight, The Hacker's Diet, lab results, any weight "
        "CSV with --date-column/--value-column, or any blood-pressure or waist CSV with "
        "--source measures and its --…-column options. Prints the preview; writes all rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--user", required=True, help="username")
        sources = [key for key, _ in importer.SOURCE_CHOICES]
        parser.add_argument("--source", choices=sources, default="auto")
        parser.add_argument("--unit", choices=["kg", "lb", "st"], help="for files without one")
        parser.add_argument("--date-format", choices=list(DATE_FORMATS), default="")
        parser.add_argument("--date-column", default="")
        parser.add_argument("--value-column", default="", help="the weight or lab result")
        parser.add_argument("--test-column", default="", help="lab files: the test's name")
        parser.add_argument("--unit-column", default="", help="lab files: the unit")
        for name in ("systolic", "diastolic", "pulse", "waist"):
            parser.add_argument(f"--{name}-column", default="", help="blood pressure or waist")
        parser.add_argument("--waist-unit", choices=["cm", "in"], default="", help="if not named")
        parser.add_argument("--duplicates", choices=[SKIP, REPLACE], default=SKIP)
        parser.add_argument(
            "--restore-profile", action="store_true", help="use the backup's profile settings"
        )
        parser.add_argument("--dry-run", action="store_true", help="preview only")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['user']!r}.") from None
        profile, _ = Profile.objects.get_or_create(user=user)
        # "Today" and "not in the future" are the person's local dates.
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
        path = Path(options["path"])
        read_options = Options(
            source=options["source"],
            unit=options["unit"] or profile.weight_unit,
            date_format=options["date_format"],
            date_column=options["date_column"],
            value_column=options["value_column"],
            test_column=options["test_column"],
            unit_column=options["unit_column"],
            systolic_column=options["systolic_column"],
            diastolic_column=options["diastolic_column"],
            pulse_column=options["pulse_column"],
            waist_column=options["waist_column"],
            length_unit=options["waist_unit"],
        )
        try:
            with path.open("rb") as handle:
                parsed, _ = importer.read_file(handle, path.stat().st_size, read_options, profile)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None

        self._print_preview(user, profile, parsed)
        if parsed.errors:
            count = plural(len(parsed.errors), "problem", "problems")
            raise CommandError(f"Nothing was imported: {count} to fix.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was imported.")
            return
        policy = options["duplicates"]
        progress = PrintedProgress(self.stdout, importer.writes(user, parsed, policy))
        try:
            result = importer.commit(user, parsed, policy, options["restore_profile"], progress)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(self.style.SUCCESS(result.summary()))

    def _print_preview(self, user, profile, parsed) -> None:
        the_plan = plan(user, profile, parsed)
        source = importer.SOURCE_NAMES.get(parsed.source, parsed.source)
        self.stdout.write(f"Read as: {source}")
        if parsed.summary:
            self.stdout.write(parsed.summary)
        self.stdout.write(
            f"Rows found: {parsed.rows_found:,}; will be added: {the_plan.new:,}; "
            f"already here: {the_plan.duplicates:,}; with errors: {len(parsed.errors):,}"
        )
        for section in the_plan.sections:
            self.stdout.write(
                f"  {section.title}: {section.found:,} in the file, {section.new:,} new, "
                f"{section.duplicates:,} already here"
            )
        for note in parsed.notes:
            self.stdout.write(f"Note: {note}")
        for change in the_plan.profile_changes:
            self.stdout.write(f"Profile: {change.label}: {change.now} -> {change.backup}")
        for error in parsed.errors:
            self.stderr.write(error)
