"""Educational guidance: the article library and the rules that choose notes and
articles from a person's own numbers.

Pages call notes_by_metric() once and hand the dict to `{% notes_for notes "weight" %}`
for each chart, so the facts are gathered once per page, not once per chart.
"""

from __future__ import annotations

import datetime as dt

from tracker.guidance.rules import Note, group_by_metric, notes_for

__all__ = ["Note", "notes_by_metric"]


def notes_by_metric(record, today: dt.date | None = None) -> dict[str, list[Note]]:
    """The person's notes by chart key (see rules.py for the keys), from their record
    (tracker/record.py), as of `today` (the record's end unless given)."""
    from tracker.guidance.facts import gather  # imports the scores: keep this module light

    return group_by_metric(notes_for(gather(record, today)))
