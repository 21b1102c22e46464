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
are secrets that expire, not data. Reading a backup checks every record against the
model's field validation and the domain rules (tracker.science.rules) that the forms and
the database apply too, so an import can hold nothing the app would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from tracker.logs.kinds import KINDS
from tracker.models import (
    CheckIn,
    DietCheck,
    Meal,
    Measurement,
    Profile,
    WeightEntry,
    WeightGoal,
)
from tracker.models.checks import RuleChecked
from tracker.science import bounds, diet_check, rules, units
from tracker.science.trends import week_start

from . import labvalues
from .parsed import Options, Parsed
from .reading import MAX_ROWS, ImportProblem, RowProblem, too_many_rows
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


def _model_object(codec: Fields, record: dict, exclude=("user", "report")):
    """The record as a model object, through the model's own field validation (types,
    lengths, choices); a missing optional field takes its default."""
    try:
        obj = codec.model(**codec.deserialize(record))
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise RowProblem(" ".join(error.messages)) from None
    except (ValueError, TypeError, InvalidOperation, ArithmeticError):
        raise RowProblem("a value has the wrong type.") from None
    return obj


def _obey_rules(obj) -> None:
    """The domain rules of the model's columns: what the database would refuse."""
    problems = obj.rule_problems()
    if problems:
        raise RowProblem(" ".join(problems))


def _typed_measure(rule: rules.Range, typed, unit: str, units_offered) -> float | None:
    """The canonical value of a measure typed in a unit, held to its rule in that unit."""
    if unit not in units_offered:
        raise RowProblem(
            f"“{unit}” is not a unit for {rule.what} (use {rules.either(units_offered)})."
        )
    if typed is None:
        return None
    problem = rule.problem(typed, unit)
    if problem:
        raise RowProblem(problem)
    return units.to_canonical(rule.quantity, float(typed), unit)


def _weight(entry: WeightEntry) -> None:
    if entry.value_typed is None:
        raise RowProblem("the weight has no value.")
    entry.weight_kg = _typed_measure(rules.WEIGHT_KG, entry.value_typed, entry.unit_typed, WEIGHTS)


def _measurement(entry: Measurement) -> None:
    if entry.waist_typed is None:
        raise RowProblem("the waist has no value.")
    entry.waist_cm = _typed_measure(rules.WAIST_CM, entry.waist_typed, entry.unit_typed, LENGTHS)
    entry.hips_cm = _typed_measure(rules.HIPS_CM, entry.hips_typed, entry.unit_typed, LENGTHS)


def _diet_check(check: DietCheck) -> None:
    answers = check.answers
    if not isinstance(answers, dict):
        raise RowProblem("the answers must be a list of yes/no answers by question.")
    check.answers = {key: bool(answers.get(key)) for key, _ in diet_check.QUESTIONS}
    check.score = diet_check.score(check.answers)
    check.week_start = week_start(check.week_start)  # any day files under its Monday


def _meal(meal: Meal) -> None:
    known = {key for key, _ in Meal.TAGS}
    tags = meal.tags if isinstance(meal.tags, list) else [None]
    if not all(isinstance(tag, str) and tag in known for tag in tags):
        raise RowProblem(f"the tags must be a list of: {', '.join(sorted(known))}.")


def _check_in(check: CheckIn) -> None:
    if all(getattr(check, name) is None for name in CHECK_IN_ANSWERS):
        raise RowProblem("it answers none of sleep, stress, energy or alcohol.")


WEIGHTS, LENGTHS = ("kg", "lb"), ("cm", "in")
CHECK_IN_ANSWERS = ("sleep_hours", "stress", "energy", "alcohol_drinks")
# What a form works out from what was typed, worked out again for a backup's record.
DERIVED = {
    WeightEntry: _weight,
    Measurement: _measurement,
    DietCheck: _diet_check,
    Meal: _meal,
    CheckIn: _check_in,
}
# Fields a form works out itself; a backup's record may leave them out.
WORKED_OUT = {"weight_kg", "waist_cm", "hips_cm", "score"}


class LogChecker:
    """Checks a backup's log records as the app checks typed entries: the model's field
    validation, what the log's form works out (canonical values, the diet score), the
    domain rules, and dates from 1900, not in the future nor before the person's birth."""

    def __init__(self, kind, today: dt.date, born: dt.date | None = None):
        self.kind, self.today, self.born = kind, today, born
        self.codec = LOG_SECTION_BY_SLUG[kind.slug].codec
        self.derive = DERIVED.get(kind.model)

    def __call__(self, record: dict) -> dict:
        filled = {name: 0 for name in WORKED_OUT if record.get(name) is None}
        obj = _model_object(self.codec, {**record, **filled})
        if self.derive:
            self.derive(obj)
        _obey_rules(obj)
        day = getattr(obj, self.kind.date_field)
        problem = rules.date_problem(day, "the date", today=self.today, born=self.born)
        if problem:
            raise RowProblem(problem)
        return _keep_canonical(self.codec.serialize(obj), record)


def validate_stamped(section, record: dict, today: dt.date, born: dt.date | None) -> dict:
    """A goal or a question: its own fields, the domain rules, and the time it was set."""
    obj = _model_object(section.codec, record)
    if isinstance(obj, RuleChecked):
        _obey_rules(obj)
    if isinstance(obj, WeightGoal):
        problem = rules.date_problem(obj.baseline_date, "the baseline date", today=today, born=born)
        if problem:
            raise RowProblem(problem)
    fields = section.codec.serialize(obj)
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


def validate_report(
    record: dict, today: dt.date, born: dt.date | None = None
) -> tuple[dict, list[dict]]:
    report = _model_object(LABS.reports, record)
    _obey_rules(report)
    problem = rules.date_problem(report.date, "the date", today=today, born=born)
    if problem:
        raise RowProblem(problem)
    fields = LABS.reports.serialize(report)
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
        if qualifier and qualifier not in bounds.QUALIFIERS.values():
            raise RowProblem(f"the {test.short} qualifier “{qualifier}” is not <, ≤, > or ≥.")
        result = labvalues.result_fields(test, value, unit, low, high, qualifier)
        results.append(_keep_canonical(result, raw))
    return fields, results


def validate_profile(record, today: dt.date) -> dict:
    if not isinstance(record, dict):
        raise RowProblem("the profile is not an object.")
    values = {name: record.get(name) for name in PROFILE_FIELDS if name in record}
    values.setdefault("time_zone", "UTC")
    profile = _model_object(profile_fields(), values)
    _obey_rules(profile)
    problem = rules.birth_date_problem(profile.date_of_birth, today)
    if problem:
        raise RowProblem(problem)
    fields = profile_fields().serialize(profile)
    if fields["time_zone"] not in zoneinfo.available_timezones():
        raise RowProblem(f"“{fields['time_zone']}” is not a time zone.")
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

    born = profile.date_of_birth
    if "profile" in data:
        try:
            parsed.profile = validate_profile(data["profile"], today)
        except RowProblem as problem:
            parsed.errors.append(f"Profile: {problem}")
    for section in [*GOAL_SECTIONS, QUESTIONS]:
        validate = lambda r, s=section: validate_stamped(s, r, today, born)  # noqa: E731
        _collect(parsed, section, lists[section.name], validate)
    for kind in KINDS:
        section = LOG_SECTION_BY_SLUG[kind.slug]
        checker = LogChecker(kind, today, born)
        _collect(parsed, section, lists[section.name], checker, kind.one_per_date)
    _collect_labs(parsed, lists["labs"], today, born)
    return parsed


def _collect_labs(parsed: Parsed, records: list, today: dt.date, born: dt.date | None) -> None:
    items = []
    for number, record in enumerate(records, start=1):
        label = f"Lab reports, entry {number}"
        try:
            if not isinstance(record, dict):
                raise RowProblem("this entry is not an object.")
            label += f" ({record.get('date')})"
            fields, results = validate_report(record, today, born)
        except RowProblem as problem:
            parsed.errors.append(f"{label}: {problem}")
            continue
        items.append({"row": label, "fields": fields, "results": results})
    parsed.sections["labs"] = items
