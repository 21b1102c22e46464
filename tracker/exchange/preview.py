"""What an import would do, counted against the account as it is now: rows found, rows
that will be added, duplicates that will be skipped or replaced, and rows with errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.models import Profile

from .json_backup import PROFILE_FIELDS, profile_fields
from .parsed import Parsed
from .sections import SECTIONS

ERRORS_SHOWN = 50


@dataclass
class SectionPlan:
    name: str
    title: str
    found: int
    new: int
    duplicates: int
    replaceable: bool


@dataclass
class ProfileChange:
    label: str
    now: str
    backup: str


@dataclass
class Plan:
    parsed: Parsed
    sections: list[SectionPlan] = field(default_factory=list)
    profile_changes: list[ProfileChange] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sections)

    @property
    def duplicates(self) -> int:
        return sum(s.duplicates for s in self.sections)

    @property
    def replaceable_duplicates(self) -> int:
        return sum(s.duplicates for s in self.sections if s.replaceable)

    @property
    def errors(self) -> list[str]:
        return self.parsed.errors[:ERRORS_SHOWN]

    @property
    def more_errors(self) -> int:
        return max(0, len(self.parsed.errors) - ERRORS_SHOWN)

    @property
    def can_commit(self) -> bool:
        # Identical rows would only be skipped; a date's entry can still be replaced.
        work = self.new or self.replaceable_duplicates or self.profile_changes
        return not self.parsed.errors and bool(work)


def _shown(profile: Profile, name: str, value) -> str:
    field_ = Profile._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if field_.choices:
        return str(dict(field_.choices).get(value, value))
    return str(value)


def profile_changes(profile: Profile, backup: dict | None) -> list[ProfileChange]:
    if not backup:
        return []
    current = profile_fields().serialize(profile)
    changes = []
    for name in PROFILE_FIELDS:
        if current.get(name) != backup.get(name):
            label = str(Profile._meta.get_field(name).verbose_name).capitalize()
            changes.append(
                ProfileChange(
                    label,
                    _shown(profile, name, current.get(name)),
                    _shown(profile, name, backup.get(name)),
                )
            )
    return changes


def plan(user, profile: Profile, parsed: Parsed) -> Plan:
    result = Plan(parsed, profile_changes=profile_changes(profile, parsed.profile))
    for name, items in parsed.sections.items():
        section = SECTIONS[name]
        counts = section.plan(user, items)
        if counts.found:
            result.sections.append(
                SectionPlan(
                    name,
                    section.title,
                    counts.found,
                    counts.new,
                    counts.duplicates,
                    section.replaceable,
                )
            )
    return result
