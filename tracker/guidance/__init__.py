"""Educational guidance: the article library and the rules that choose notes and
articles from a person's own numbers.

Pages call notes_by_metric() once and hand the dict to `{% notes_for notes "weight" %}`
for each chart, so the facts are gathered once per page, not once per chart.
"""

from __future__ import annotations

import datetime as dt

from tracker.guidance.rules import Note, group_by_metric, notes_for

__all__ = ["Note", "notes_by_metric"]


def notes_by_metric(user, profile, today: dt.date | None = None) -> dict[str, list[Note]]:
    """The person's notes by chart key (see rules.py for the keys)."""
    from django.utils import timezone

    from tracker.guidance.facts import gather  # imports the models: keep this module light

    facts = gather(user, profile, today or timezone.localdate())
    return group_by_metric(notes_for(facts))
