"""The full JSON backup of an account, and reading one back.

Shape (version 1):
    {"format": "liverlog-backup", "version": 1, "exported_at": "...",
     "profile": {...}, "goals": {"weight": [...], "activity": [...]},
     "weights": [...], "measurements": [...], "exercise": [...], "meals": [...],
     "checkins": [...], "blood_pressure": [...], "diet_checks": [...],
     "medications": [...], "labs": [{...report, "results": [...]}],
     "visit_questions": [...]}

Each record holds the model's own fields with JSON types (numbers, ISO dates), the
canonical value beside the value and unit as typed, and free-text notes where the log
has them; questions noted for the doctor are the account's own notes. Ids and
created/updated stamps are left out (goals and questions keep created_at: it says when
a goal applied, and orders the questions). Share links are left out on purpose: they
are secrets that expire, not data. Reading a backup validates every record with the same form the
app uses for typing it in, so an import can hold nothing the app would refuse.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import zoneinfo
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from tracker.accounts.forms import HEIGHT_CM
from tracker.logs.forms import WEIGHT_KG
from tracker.logs.kinds import KINDS
from tracker.models import Profile

from . import labvalues
from .parsed import Options, Parsed
from .reading import MAX_ROWS, ImportProblem, RowProblem, future_problem, too_many_rows
from .sections import GOAL_SECTIONS, LABS, LOG_NAMES, LOG_SECTION_BY_SLUG, QUESTIONS, Fields

FORMAT = "liverlog-backup"
VERSION = 1
PROFILE_FIELDS = [
    "display_name",
    "sex",
    "date_of_birth",
    "height_cm",
    "time_zone",
    "weight_unit",
    "length_unit",
    "lab_units",
    "waist_population",
    "bmi_cutoffs",
    "diagnosis",
    "blood_pressure_treatment",
    "lipid_lowering",
    "glucose_lowering",
]
GOAL_KEYS = {"weight_goals": "weight", "activity_goals": "activity"}
# Canonical values are kept from the backup when they agree with the typed value to
# within this fraction, so a restore never re-rounds history.
CANONICAL_TOLERANCE = 1e-3


# --- Export -----------------------------------------------------------------------------


def profile_fields() -> Fields:
    codec = Fields(Profile)
    codec.fields = [f for f in codec.fields if f.name in PROFILE_FIELDS]
    return codec


def build(user, now: dt.datetime | None = None) -> dict:
    profile, _ = Profile.objects.get_or_create(user=user)
    backup = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now or timezone.now()).isoformat(timespec="seconds"),
        "profile": profile_fields().serialize(profile),
        "goals": {GOAL_KEYS[s.name]: s.export(user) for s in GOAL_SECTIONS},
    }
    for kind in KINDS:
        backup[LOG_NAMES[kind.slug]] = LOG_SECTION_BY_SLUG[kind.slug].export(user)
    backup["labs"] = LABS.export(user)
    backup[QUESTIONS.name] = QUESTIONS.export(user)
    return backup


def dumps(backup: dict) -> str:
    return json.dumps(backup, ensure_ascii=False, indent=1)


# --- Import -----------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _form_data(slug: str, record: dict) -> dict:
    """The record as the log's form would receive it from a person typing."""
    if slug == "weight":
        data = {"date": record.get("date"), "weight": record.get("value_typed")}
        data["unit"] = record.get("unit_typed")
    elif slug == "measurements":
        data = {
            "date": record.get("date"),
            "waist": record.get("waist_typed"),
            "hips": record.get("hips_typed"),
            "unit": record.get("unit_typed"),
            "body_fat_percent": record.get("body_fat_percent"),
        }
    elif slug == "diet-check":
        answers = record.get("answers") or {}
        if not isinstance(answers, dict):
            raise RowProblem("the answers must be a list of yes/no answers by question.")
        data = {"week_start": record.get("week_start"), **answers}
    else:
        data = dict(record)
    return {
        key: value if isinstance(value, list) else _text(value)
        for key, value in data.items()
        if value is not None
    }


def _close(kept, value: float) -> bool:
    """Whether the file's number is the canonical value to within the tolerance; False
    for anything else, an integer too large for a float included."""
    if isinstance(kept, bool) or not isinstance(kept, int | float):
        return False
    try:
        return abs(float(kept) - value) <= CANONICAL_TOLERANCE * max(1.0, abs(value))
    except OverflowError:
        return False


def _keep_canonical(fields: dict, record: dict) -> dict:
    for name, value in fields.items():
        kept = record.get(name)
        if isinstance(value, float) and _close(kept, value):
            fields[name] = float(kept)
    return fields


def _errors_text(form) -> str:
    return " ".join(message for messages in form.errors.values() for message in messages)


class LogChecker:
    """Checks records with the log's own form, so a backup can hold nothing the app would
    refuse when typed in. The form is built once: building a Django form deep-copies
    every field, which took half the time of a large import. Each record is checked on
    a shallow copy with its own data, errors, bound fields and model instance."""

    def __init__(self, kind, profile: Profile):
        self.kind = kind
        self.template = kind.form(profile=profile)
        self.codec = LOG_SECTION_BY_SLUG[kind.slug].codec
        # Only these take a list (meal tags); a list anywhere else would reach a field
        # that expects one value, and break it instead of failing the row.
        self.many = {
            name
            for name, field in self.template.fields.items()
            if isinstance(field, forms.MultipleChoiceField)
        }

    def form_for(self, data: dict):
        form = copy.copy(self.template)
        form.data, form.files, form.is_bound = data, {}, True
        form._errors, form._bound_fields_cache = None, {}
        form.instance = self.kind.model()
        return form

    def __call__(self, record: dict) -> dict:
        data = _form_data(self.kind.slug, record)
        for name, value in data.items():
            if isinstance(value, list) and name not in self.many:
                raise RowProblem(f"{name} must be one value, not a list.")
        form = self.form_for(data)
        if not form.is_valid():
            raise RowProblem(_errors_text(form))
        return _keep_canonical(self.codec.serialize(form.instance), record)


def _model_check(codec: Fields, record: dict, exclude=("user", "report")) -> dict:
    """Fields through the model's own validation (types, lengths, choices)."""
    try:
        obj = codec.model(**codec.deserialize(record))
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise RowProblem(" ".join(error.messages)) from None
    except (ValueError, TypeError, InvalidOperation, ArithmeticError):
        raise RowProblem("a value has the wrong type.") from None
    return codec.serialize(obj)


def validate_stamped(section, record: dict) -> dict:
    """A goal or a question: its own fields, and the time it was set."""
    fields = _model_check(section.codec, record)
    if section.name == "weight_goals":
        low, high = WEIGHT_KG
        for name in ("baseline_kg", "target_kg"):
            if fields.get(name) is not None and not low <= fields[name] <= high:
                raise RowProblem(f"{name} must be between {low} and {high} kg.")
    if fields.get("created_at") is None:
        raise RowProblem("it has no created_at time.")
    return fields


def _decimal(value, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RowProblem(f"the {what} is not a number.")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise RowProblem(f"the {what} “{value}” is not a number.") from None


def validate_report(record: dict, today: dt.date) -> tuple[dict, list[dict]]:
    fields = _model_check(LABS.reports, record)
    problem = future_problem(dt.date.fromisoformat(fields["date"]), today)
    if problem:
        raise problem
    results, seen = [], set()
    raw_results = record.get("results") or []
    if not isinstance(raw_results, list):
        raise RowProblem("the results must be a list.")
    for raw in raw_results:
        if not isinstance(raw, dict):
            raise RowProblem("a result is not an object.")
        test = labvalues.match_test(str(raw.get("test_key", "")))
        if test.key in seen:
            raise RowProblem(f"{test.short} appears twice in one report.")
        seen.add(test.key)
        value = _decimal(raw.get("value_typed"), f"{test.short} value")
        if value is None:
            raise RowProblem(f"{test.short} has no value.")
        unit = labvalues.match_unit(test, str(raw.get("unit_typed", "")))
        low = _decimal(raw.get("lab_low_typed"), "range low")
        high = _decimal(raw.get("lab_high_typed"), "range high")
        qualifier = raw.get("qualifier") or ""
        if qualifier and qualifier not in labvalues.QUALIFIERS.values():
            raise RowProblem(f"the {test.short} qualifier “{qualifier}” is not <, ≤, > or ≥.")
        result = labvalues.result_fields(test, value, unit, low, high, qualifier)
        results.append(_keep_canonical(result, raw))
    return fields, results


def validate_profile(record) -> dict:
    if not isinstance(record, dict):
        raise RowProblem("the profile is not an object.")
    values = {name: record.get(name) for name in PROFILE_FIELDS if name in record}
    values.setdefault("time_zone", "UTC")
    fields = _model_check(profile_fields(), values)
    if fields["time_zone"] not in zoneinfo.available_timezones():
        raise RowProblem(f"“{fields['time_zone']}” is not a time zone.")
    height = fields.get("height_cm")
    if height is not None and not HEIGHT_CM[0] <= height <= HEIGHT_CM[1]:
        raise RowProblem(f"a height must be between {HEIGHT_CM[0]} and {HEIGHT_CM[1]} cm.")
    return fields


def _load(text: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(
            f"This is not a valid JSON file (line {error.lineno}: {error.msg}), so it cannot "
            "be a LiverLog backup."
        ) from None
    except RecursionError:
        raise ImportProblem(
            "This JSON file is nested too deeply to be a LiverLog backup."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem("This JSON file is not a LiverLog backup (its format is not named).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportProblem("This backup has no version number.")
    if version > VERSION:
        raise ImportProblem(
            f"This backup was made by a newer LiverLog (backup version {version}); this one "
            f"reads version {VERSION}. Update LiverLog, then import it."
        )
    return data


def _list(data: dict, key: str, parent: dict | None = None) -> list:
    value = (parent if parent is not None else data).get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportProblem(f"In this backup “{key}” is not a list, so it cannot be read.")
    return value


def _collect(parsed: Parsed, section, records: list, validate, unique_date=False):
    """Validate a list of records; with unique_date, refuse a second entry on a date."""
    items, seen_dates = [], {}
    date_key = getattr(section, "date_field", None)
    for number, record in enumerate(records, start=1):
        label = f"{section.title}, entry {number}"
        if isinstance(record, dict) and record.get(date_key):
            label += f" ({record.get(date_key)})"
        try:
            if not isinstance(record, dict):
                raise RowProblem("this entry is not an object.")
            fields = validate(record)
        except RowProblem as problem:
            parsed.errors.append(f"{label}: {problem}")
            continue
        if unique_date:
            day = fields[date_key]
            if day in seen_dates:
                parsed.errors.append(
                    f"{label}: a second entry for {day} (one per date; the first is entry "
                    f"{seen_dates[day]})."
                )
                continue
            seen_dates[day] = number
        items.append({"row": label, "fields": fields})
    parsed.sections[section.name] = items


def _results_of(report) -> list:
    results = report.get("results") if isinstance(report, dict) else None
    return results if isinstance(results, list) else []


def parse(text: str, profile: Profile, today: dt.date) -> Parsed:
    data = _load(text)
    parsed = Parsed(kind="backup", source="backup", options=Options(source="backup"))
    goals = data.get("goals", {})
    goals = {} if goals is None else goals
    if not isinstance(goals, dict):
        raise ImportProblem("In this backup “goals” is not an object, so it cannot be read.")
    lists = {s.name: _list(data, GOAL_KEYS[s.name], goals) for s in GOAL_SECTIONS}
    lists |= {LOG_NAMES[kind.slug]: _list(data, LOG_NAMES[kind.slug]) for kind in KINDS}
    lists["labs"] = _list(data, "labs")
    lists[QUESTIONS.name] = _list(data, QUESTIONS.name)
    # A lab report counts by its results (an empty report counts once).
    results = sum(max(1, len(_results_of(report))) for report in lists["labs"])
    parsed.rows_found = sum(len(records) for records in lists.values()) - len(lists["labs"])
    parsed.rows_found += results
    if parsed.rows_found > MAX_ROWS:
        raise too_many_rows(parsed.rows_found)

    if "profile" in data:
        try:
            parsed.profile = validate_profile(data["profile"])
        except RowProblem as problem:
            parsed.errors.append(f"Profile: {problem}")
    for section in [*GOAL_SECTIONS, QUESTIONS]:
        validate = lambda r, s=section: validate_stamped(s, r)  # noqa: E731
        _collect(parsed, section, lists[section.name], validate)
    for kind in KINDS:
        section = LOG_SECTION_BY_SLUG[kind.slug]
        checker = LogChecker(kind, profile)
        _collect(parsed, section, lists[section.name], checker, kind.one_per_date)
    _collect_labs(parsed, lists["labs"], today)
    return parsed


def _collect_labs(parsed: Parsed, records: list, today: dt.date) -> None:
    items = []
    for number, record in enumerate(records, start=1):
        label = f"Lab reports, entry {number}"
        try:
            if not isinstance(record, dict):
                raise RowProblem("this entry is not an object.")
            label += f" ({record.get('date')})"
            fields, results = validate_report(record, today)
        except RowProblem as problem:
            parsed.errors.append(f"{label}: {problem}")
            continue
        items.append({"row": label, "fields": fields, "results": results})
    parsed.sections["labs"] = items
