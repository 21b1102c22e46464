"""Read any supported file into records, and commit records all or nothing.

The web views and the import_data command both come through here."""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
import zoneinfo
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from tracker.models import Profile, WeightEntry
from tracker.science import rules
from tracker.server.logs import event

from . import formats, json_backup, lab_import, weight_import
from .file_kinds import wrong_kind
from .formats import apple_health, hackersdiet_xml
from .formats.records import to_parsed
from .formats.table import RowStream
from .parsed import Options, Parsed
from .reading import ImportProblem, csv_rows, read_upload
from .sections import SECTIONS, NoProgress, Outcome, Progress
from .weight_checks import Known

SOURCE_NAMES = {
    "backup": "LiverLog backup (JSON)",
    **weight_import.SOURCE_NAMES,
    "labs": "lab results CSV",
    **formats.SOURCE_NAMES,
}
# The choices offered on the upload form, in that order.
SOURCE_CHOICES = [
    ("auto", "Work it out from the file"),
    ("backup", "LiverLog backup (JSON)"),
    ("ours", "LiverLog weight CSV"),
    ("openscale", "openScale (Android) CSV export"),
    ("trendweight", "TrendWeight CSV download"),
    ("hackersdiet", "The Hacker's Diet Online CSV export"),
    *[(module.SOURCE, module.TITLE) for module in formats.ALL],
    ("generic", "Another weight CSV (you choose the columns)"),
    ("labs", "Lab results CSV"),
]


def today_for(profile: Profile) -> dt.date:
    try:
        return timezone.localdate(timezone=zoneinfo.ZoneInfo(profile.time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()


def read(text: str, options: Options, profile: Profile) -> Parsed:
    """Parse and validate a file; nothing is saved. Raises ImportProblem for a file that
    cannot be used at all (its rows' problems are in Parsed.errors instead)."""
    return _born_checked(_read(text, options, profile), profile)


def _born_checked(parsed: Parsed, profile: Profile) -> Parsed:
    if parsed.kind != "backup":  # a backup checks each record as it reads it
        check_birth_dates(parsed, profile.date_of_birth)
    return parsed


def _read(text: str, options: Options, profile: Profile) -> Parsed:
    today = today_for(profile)
    text = text.removeprefix("\ufeff")
    start = text.lstrip()[:1]
    if options.source == "backup":
        return json_backup.parse(text, profile, today)
    if start in ("{", "["):
        module = formats.json_format(_json_or_none(text), options.source)
        if module is not None:
            found = module.read(_json_or_none(text), options)
            return to_parsed(found, options, today, known_weight(profile))
        return json_backup.parse(text, profile, today)
    if start == "<" and hackersdiet_xml.sniff(text):
        found = hackersdiet_xml.read(text, options)
        return to_parsed(found, options, today, known_weight(profile))
    if start == "<" and apple_health.sniff(text[:8192].encode()):
        stream = io.BytesIO(text.encode())
        return to_parsed(apple_health.read_stream(stream), options, today, known_weight(profile))
    stream = RowStream(csv_rows(text))
    if not stream.head:
        raise ImportProblem("This file has no rows.")
    if len(stream.head) < 2:
        raise ImportProblem("This file has a header but no data rows.")
    module = formats.csv_format(stream.head, options.source)
    if module is not None:  # read as a stream: a big file's rows are never all in memory
        weighed = known_weight(profile)
        return to_parsed(module.read(stream, options), options, today, weighed)
    rows = stream.head + list(stream.rest)
    if options.source == "labs" or (options.source == "auto" and lab_import.looks_like_labs(rows)):
        return lab_import.parse(rows, options, today)
    return weight_import.parse(rows, options, today, known_weight(profile))


def known_weight(profile: Profile) -> Known:
    """The person's recent weight and height, against which a file's unit is checked."""
    if profile.user_id is None:  # a profile not saved (the command's dry runs, tests)
        return Known(None, profile.height_cm)
    recent = list(
        WeightEntry.objects.filter(user_id=profile.user_id)
        .order_by("-date")
        .values_list("weight_kg", flat=True)[:30]
    )
    return Known(statistics.median(recent) if recent else None, profile.height_cm)


def _json_or_none(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def read_file(fileobj, size: int, options: Options, profile: Profile) -> tuple[Parsed, str]:
    """Read an uploaded or local file, recognised by its content, and the text to keep
    for reading it again with other options ("" for archives and streamed XML, which
    say everything themselves). An Apple Health export is streamed whatever its size;
    other files are held in memory, so their size is checked first."""
    head = fileobj.read(8192)
    fileobj.seek(0)
    if problem := wrong_kind(head):
        raise ImportProblem(problem)
    if apple_health.is_zip(head):
        found = apple_health.read_zip(fileobj)
        parsed = to_parsed(found, options, today_for(profile), known_weight(profile))
        return _born_checked(parsed, profile), ""
    if apple_health.sniff(head):
        found = apple_health.read_stream(fileobj)
        parsed = to_parsed(found, options, today_for(profile), known_weight(profile))
        return _born_checked(parsed, profile), ""
    text = read_upload(fileobj, size)
    return read(text, options, profile), text


def _is_duplicate(error: IntegrityError) -> bool:
    """A unique constraint (SQLite and PostgreSQL word it so): an entry added since the
    preview; any other refusal is a problem of the file that the message must name."""
    return "unique" in str(error).lower()


def check_birth_dates(parsed: Parsed, born: dt.date | None) -> None:
    """Every importer's dates against the person's date of birth, when known."""
    if born is None:
        return
    for name, items in parsed.sections.items():
        field = getattr(SECTIONS[name], "date_field", "date")
        for item in items:
            day = item["fields"].get(field)
            problem = day and rules.date_problem(dt.date.fromisoformat(day), "the date", born=born)
            if problem:
                parsed.errors.append(f"{item['row']}: {problem}")


@dataclass
class Result:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    profile_restored: bool = False

    @property
    def added(self) -> int:
        return sum(o.added for o in self.outcomes.values())

    @property
    def replaced(self) -> int:
        return sum(o.replaced for o in self.outcomes.values())

    @property
    def skipped(self) -> int:
        return sum(o.skipped for o in self.outcomes.values())

    def summary(self) -> str:
        parts = [f"Imported {self.added:,} new {'entry' if self.added == 1 else 'entries'}"]
        if self.replaced:
            parts.append(f"replaced {self.replaced:,}")
        if self.skipped:
            parts.append(f"skipped {self.skipped:,} already there")
        text = ", ".join(parts) + "."
        if self.profile_restored:
            text += " Your profile settings now match the backup."
        return text


def restore_profile(user, values: dict) -> None:
    profile, _ = Profile.objects.get_or_create(user=user)
    codec = json_backup.profile_fields()
    for name, value in codec.deserialize(values).items():
        setattr(profile, name, value)
    profile.save()


def commit(
    user,
    parsed: Parsed,
    policy: str = "skip",
    with_profile: bool = False,
    progress: Progress | None = None,
) -> Result:
    """Write every record in one transaction: any failure leaves the account untouched."""
    if parsed.errors:
        raise ImportProblem("Nothing was imported: this file still has errors to fix.")
    progress = progress or NoProgress()
    result = Result()
    try:
        with transaction.atomic():
            if with_profile and parsed.profile:
                restore_profile(user, parsed.profile)
                result.profile_restored = True
            for name, items in parsed.sections.items():
                if items:
                    result.outcomes[name] = SECTIONS[name].commit(user, items, policy, progress)
    except IntegrityError as error:
        if not _is_duplicate(error):
            raise ImportProblem(
                f"Nothing was imported: the database refused a row ({error})."
            ) from None
        raise ImportProblem(
            "Nothing was imported: the data changed while you were looking at the preview. "
            "Upload the file again to see a fresh preview."
        ) from None
    except DatabaseError as error:
        raise ImportProblem(f"Nothing was imported: the database refused it ({error}).") from None
    event(
        "exchange",
        "import",
        user_id=user.pk,
        kind=parsed.kind,
        source=parsed.source,
        added=result.added,
        replaced=result.replaced,
        skipped=result.skipped,
    )
    return result


def writes(user, parsed: Parsed, policy: str) -> int:
    """How many rows a commit will write, for the progress bar."""
    return sum(
        SECTIONS[name].writes(SECTIONS[name].plan(user, items), policy)
        for name, items in parsed.sections.items()
    )
