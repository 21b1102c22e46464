"""A person's conditions and treatments: the profile's answers plus their current medicines.

The one place that reads the medication log for this; the rules live in the pure
tracker/science/conditions.py.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from tracker.models import Medication
from tracker.science.conditions import Conditions, conditions


def current_medicine_names(user, today: date) -> list[str]:
    """Medicines started by `today` and not stopped before it."""
    return list(
        Medication.objects.filter(user=user, start_date__lte=today)
        .filter(Q(stop_date__isnull=True) | Q(stop_date__gte=today))
        .order_by("start_date", "id")
        .values_list("name", flat=True)
    )


def conditions_of(user, profile, today: date | None = None) -> Conditions:
    today = today or timezone.localdate()
    return conditions(
        profile.diagnosis, profile.stated_treatments(), current_medicine_names(user, today)
    )
