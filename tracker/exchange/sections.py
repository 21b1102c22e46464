"""Each kind of record in an account, as export and import see it: how a row becomes
JSON and back, how a duplicate is recognised, and how a batch is committed.

Duplicates: a log kept once per date (weight, measurements, check-ins, diet checks)
duplicates an existing entry on the same date; the person chooses to skip or replace it.
Other logs (exercise, meals, blood pressure, medications) and goals duplicate only an
identical existing row, which is always skipped (replacing it would change nothing).
A lab result duplicates an existing result of the same test on the same date.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils import timezone

from tracker.logs.kinds import KINDS
from tracker.models import ActivityGoal, LabReport, LabResult, VisitQuestion, WeightGoal

BATCH = 500
SKIP, REPLACE = "skip", "replace"
BOOKKEEPING = {"id", "user", "report", "created_at", "updated_at"}

# JSON names of the log kinds, by registry slug.
LOG_NAMES = {
    "weight": "weights",
    "measurements": "measurements",
    "exercise": "exercise",
    "meals": "meals",
    "checkins": "checkins",
    "blood-pressure": "blood_pressure",
    "diet-check": "diet_checks",
    "medications": "medications",
}


class Progress(Protocol):
    def advance(self, count: int) -> None: ...


class NoProgress:
    def advance(self, count: int) -> None:
        pass


@dataclass
class Counts:
    found: int = 0
    new: int = 0
    duplicates: int = 0


@dataclass
class Outcome:
    added: int = 0
    replaced: int = 0
    skipped: int = 0


def to_json(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return float(value)
    if isinstance(field, models.DateField | models.TimeField):
        return value.isoformat()
    return value


def from_json(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    return field.to_python(value)


def batches(items: list, size: int | None = None) -> Iterator[list]:
    size = size or BATCH
    for start in range(0, len(items), size):
        yield items[start : start + size]


def record_fields(model: type[models.Model], keep: Iterable[str] = ()) -> list[models.Field]:
    keep = set(keep)
    return [f for f in model._meta.concrete_fields if f.name not in BOOKKEEPING or f.name in keep]


class Fields:
    """Serialise a model's own fields (not its bookkeeping) to JSON values and back."""

    def __init__(self, model: type[models.Model], keep: Iterable[str] = ()):
        self.model = model
        self.fields = record_fields(model, keep)

    def serialize(self, obj: models.Model) -> dict:
        return {f.name: to_json(f, getattr(obj, f.attname)) for f in self.fields}

    def deserialize(self, values: dict) -> dict:
        """Model values from JSON ones; an optional field left out (or null where the
        column cannot be) takes its default, as a form would, instead of failing later
        on the database's NOT NULL."""
        return {f.attname: self._value(f, values.get(f.name)) for f in self.fields}

    @staticmethod
    def _value(field: models.Field, value):
        if value is None and not field.null and (field.has_default() or field.blank):
            return field.get_default()
        return from_json(field, value)

    def names(self) -> list[str]:
        return [f.attname for f in self.fields]


class RecordSection:
    """Independent rows: a log or a goal."""

    def __init__(
        self,
        name: str,
        title: str,
        model: type[models.Model],
        date_field: str = "date",
        one_per_date: bool = False,
        keep_created: bool = False,
    ):
        self.name, self.title, self.model = name, title, model
        self.date_field, self.one_per_date = date_field, one_per_date
        self.keep_created = keep_created
        self.codec = Fields(model, keep=["created_at"] if keep_created else ())

    def queryset(self, user):
        order = "created_at" if self.keep_created else self.date_field
        return self.model.objects.filter(user=user).order_by(order, "id")

    def export(self, user) -> list[dict]:
        return [self.codec.serialize(obj) for obj in self.queryset(user)]

    @staticmethod
    def content_key(values: dict) -> str:
        return json.dumps(values, sort_keys=True, default=str)

    def _split(self, user, items: list[dict]):
        """New items, and duplicates paired with the existing row they match (or None)."""
        new, duplicates = [], []
        if self.one_per_date:
            existing = {
                getattr(obj, self.date_field).isoformat(): obj for obj in self.queryset(user)
            }
            for item in items:
                match = existing.get(item["fields"][self.date_field])
                (duplicates.append((item, match)) if match else new.append(item))
            return new, duplicates
        # Identical rows count as a multiset: two identical snacks in the file and one
        # already saved means one duplicate and one new row.
        existing = Counter(self.content_key(values) for values in self.export(user))
        for item in items:
            key = self.content_key(item["fields"])
            if existing[key]:
                existing[key] -= 1
                duplicates.append((item, None))
            else:
                new.append(item)
        return new, duplicates

    def plan(self, user, items: list[dict]) -> Counts:
        new, duplicates = self._split(user, items)
        return Counts(len(items), len(new), len(duplicates))

    def writes(self, counts: Counts, policy: str) -> int:
        return counts.new + (counts.duplicates if self.replaceable and policy == REPLACE else 0)

    @property
    def replaceable(self) -> bool:
        return self.one_per_date

    def commit(self, user, items: list[dict], policy: str, progress: Progress) -> Outcome:
        new, duplicates = self._split(user, items)
        for batch in batches(new):  # model objects a batch at a time: a file may be big
            created = [self.model(user=user, **self.codec.deserialize(i["fields"])) for i in batch]
            self.model.objects.bulk_create(created)
            if self.keep_created:
                self._restore_created_at(created, batch)
            progress.advance(len(created))
        replaced = self._replace(duplicates, progress) if policy == REPLACE else 0
        return Outcome(len(new), replaced, len(duplicates) - replaced)

    def _replace(self, duplicates, progress: Progress) -> int:
        changed = []
        now = timezone.now()
        for item, obj in duplicates:
            if obj is None:
                continue
            for name, value in self.codec.deserialize(item["fields"]).items():
                setattr(obj, name, value)
            obj.updated_at = now
            changed.append(obj)
        names = [*self.codec.names(), "updated_at"]
        for batch in batches(changed):
            self.model.objects.bulk_update(batch, names)
            progress.advance(len(batch))
        return len(changed)

    def _restore_created_at(self, created, items) -> None:
        # auto_now_add stamps "now"; a goal's history needs the time it was really set.
        field = self.model._meta.get_field("created_at")
        for obj, item in zip(created, items, strict=True):
            when = from_json(field, item["fields"].get("created_at"))
            if when is not None:
                self.model.objects.filter(pk=obj.pk).update(created_at=when)


class LabSection:
    """Lab reports with their results. Results are matched by test and date; new
    results join an existing report of the same date and lab, or a new report."""

    name, title = "labs", "Lab results"
    replaceable = True

    def __init__(self):
        self.reports = Fields(LabReport)
        self.results = Fields(LabResult)

    def export(self, user) -> list[dict]:
        reports = LabReport.objects.filter(user=user).order_by("date", "id")
        results = LabResult.objects.filter(user=user).order_by("id")
        by_report: dict[int, list[dict]] = {}
        for result in results:
            by_report.setdefault(result.report_id, []).append(self.results.serialize(result))
        return [
            {**self.reports.serialize(report), "results": by_report.get(report.pk, [])}
            for report in reports
        ]

    @staticmethod
    def _existing_results(user) -> dict[tuple[str, str], LabResult]:
        found = LabResult.objects.filter(user=user).select_related("report")
        return {(r.report.date.isoformat(), r.test_key): r for r in found}

    def plan(self, user, items: list[dict]) -> Counts:
        existing = self._existing_results(user)
        counts = Counts()
        for item in items:
            day = item["fields"]["date"]
            for result in item.get("results", []):
                counts.found += 1
                if (day, result["test_key"]) in existing:
                    counts.duplicates += 1
                else:
                    counts.new += 1
        return counts

    def writes(self, counts: Counts, policy: str) -> int:
        return counts.new + (counts.duplicates if policy == REPLACE else 0)

    def commit(self, user, items: list[dict], policy: str, progress: Progress) -> Outcome:
        existing = self._existing_results(user)
        reports = {(r.date.isoformat(), r.lab_name): r for r in LabReport.objects.filter(user=user)}
        created, changed, skipped = [], [], 0
        for item in items:
            fields = item["fields"]
            results = item.get("results", [])
            day = fields["date"]
            fresh = [r for r in results if (day, r["test_key"]) not in existing]
            key = (day, fields.get("lab_name", ""))
            report = reports.get(key)
            if report is None and (fresh or not results):
                report = LabReport.objects.create(user=user, **self.reports.deserialize(fields))
                reports[key] = report
            for values in fresh:
                created.append(
                    LabResult(user=user, report=report, **self.results.deserialize(values))
                )
            for values in results:
                match = existing.get((day, values["test_key"]))
                if match is None:
                    continue
                if policy == REPLACE:
                    for name, value in self.results.deserialize(values).items():
                        setattr(match, name, value)
                    changed.append(match)
                else:
                    skipped += 1
        for batch in batches(created):
            LabResult.objects.bulk_create(batch)
            progress.advance(len(batch))
        for batch in batches(changed):
            LabResult.objects.bulk_update(batch, self.results.names())
            progress.advance(len(batch))
        return Outcome(len(created), len(changed), skipped)


def _log_sections() -> list[RecordSection]:
    return [
        RecordSection(
            LOG_NAMES[kind.slug],
            kind.title,
            kind.model,
            date_field=kind.date_field,
            one_per_date=kind.one_per_date,
        )
        for kind in KINDS
    ]


GOAL_SECTIONS = [
    RecordSection("weight_goals", "Weight goals", WeightGoal, "baseline_date", keep_created=True),
    RecordSection("activity_goals", "Activity goals", ActivityGoal, keep_created=True),
]
# Questions noted for the next visit to the doctor: the account's free-standing notes.
QUESTIONS = RecordSection(
    "visit_questions", "Questions for your doctor", VisitQuestion, keep_created=True
)
LOG_SECTIONS = _log_sections()
LABS = LabSection()
SECTIONS = {s.name: s for s in [*GOAL_SECTIONS, *LOG_SECTIONS, LABS, QUESTIONS]}
LOG_SECTION_BY_SLUG = {kind.slug: SECTIONS[LOG_NAMES[kind.slug]] for kind in KINDS}
