"""The domain rules (tracker.science.rules) on the models: each model names the rule of
each ranged column and its date columns once, and gets from that both its database
CheckConstraints and `rule_problems()`, the same checks in Python (no query) for the
imports and backups. The database refuses what they refuse, whatever the road in."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from tracker.science import rules


def _message(text: str) -> str:
    return text.replace("%", "%%")  # constraint messages are %-formatted with the name


def _or_null(condition: models.Q, field: str) -> models.Q:
    return condition | models.Q(**{f"{field}__isnull": True})


def ranged(prefix: str, field_rules: dict[str, rules.Range]) -> list[models.CheckConstraint]:
    """A constraint per column: within its rule's limits, or empty."""
    return [
        models.CheckConstraint(
            condition=_or_null(
                models.Q(**{f"{field}__gte": rule.low, f"{field}__lte": rule.high}), field
            ),
            name=f"{prefix}_{field}_plausible",
            violation_error_message=_message(rule.message()),
        )
        for field, rule in field_rules.items()
    ]


def dated(prefix: str, fields: tuple[str, ...]) -> list[models.CheckConstraint]:
    """A constraint per date column: from rules.EARLIEST_DATE to rules.LATEST_DATE."""
    low, high = rules.day_text(rules.EARLIEST_DATE), rules.day_text(rules.LATEST_DATE)
    return [
        models.CheckConstraint(
            condition=_or_null(
                models.Q(
                    **{f"{field}__gte": rules.EARLIEST_DATE, f"{field}__lte": rules.LATEST_DATE}
                ),
                field,
            ),
            name=f"{prefix}_{field}_plausible",
            violation_error_message=f"Enter a date between {low} and {high}.",
        )
        for field in fields
    ]


def ordered(earlier: str, later: str, name: str, message: str, strict: bool = True):
    """`later` after `earlier` (or the same when not strict), when `later` is set."""
    lookup = "gt" if strict else "gte"
    return models.CheckConstraint(
        condition=_or_null(models.Q(**{f"{later}__{lookup}": models.F(earlier)}), later),
        name=name,
        violation_error_message=_message(message),
    )


class RuleChecked:
    """Mixed into a model: the rules of its columns, checked in Python."""

    field_rules: ClassVar[dict[str, rules.Range]] = {}
    date_fields: ClassVar[tuple[str, ...]] = ()

    def pair_problems(self) -> list[str | None]:
        """Rules between two columns (diastolic below systolic, ...)."""
        return []

    def rule_problems(self) -> list[str]:
        found: list[str | None] = []
        for name, rule in self.field_rules.items():
            value = getattr(self, name)
            if value is not None and not rule.holds(value):
                found.append(rule.message())
        for name in self.date_fields:
            label = name.replace("_", " ").capitalize()
            found.append(rules.date_problem(getattr(self, name), label))
        found += self.pair_problems()
        return [problem for problem in found if problem]
