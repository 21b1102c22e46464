"""A person's conditions and treatments: the profile's answers plus their current medicines.

The medicines are read as a record reads them (tracker/record.py), and which of them count
on a day, and what they suggest, is decided by the pure tracker/science/conditions.py, the
same rule the checklists and scores apply to a record.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from tracker.models import Profile
from tracker.record import medications_by, profile_row
from tracker.science.conditions import Conditions, conditions_on, taken_on


def current_medicine_names(user, today: date) -> list[str]:
    """Medicines started by `today` and not stopped before it."""
    return taken_on(medications_by(user, today), today)


def conditions_of(user, profile: Profile, today: date | None = None) -> Conditions:
    today = today or timezone.localdate()
    answers = profile_row(profile)
    return conditions_on(
        answers.diagnosis, answers.stated_treatments(), medications_by(user, today), today
    )
