"""A share link's report, frozen when the link is made.

A link shows exactly what the person shared: the report is built once, when the link is
created, and kept in the link's row as what its page shows (the report's body as rendered,
and each chart's figure). The shared page and its PDF render from that copy, so a value
saved later, even one dated inside the period, never appears behind the link, and every
figure on it has one source: the report built at that moment.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import plotly.graph_objects as go
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from tracker.report.build import Report

FORMAT = 1  # of the stored copy; a later change of its shape keeps reading this one


@dataclass(frozen=True)
class FrozenChart:
    """A chart as the report drew it: what the page and the PDF need of a Chart."""

    key: str
    title: str
    summary: str
    spec: dict

    @property
    def figure(self) -> go.Figure:
        return go.Figure(self.spec)

    def figure_data(self) -> dict:
        return self.spec


@dataclass(frozen=True)
class FrozenReport:
    """What the shared page and its PDF show: the body as rendered when the link was made."""

    start: dt.date
    end: dt.date
    generated_at: dt.datetime  # the person's local time when the link was made
    frozen_body: SafeString
    charts: list[FrozenChart]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def freeze(report: Report) -> dict:
    """The report as JSON-ready data, rendered in the active (the person's) time zone."""
    body = render_to_string("tracker/report/body.html", {"report": report})
    made = timezone.localtime(report.generated_at).replace(tzinfo=None)
    data = {
        "format": FORMAT,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        # Local and naive: the page prints it as the person saw it, whoever opens the link.
        "made": made.isoformat(timespec="seconds"),
        "body": body,
        "charts": [
            {"key": c.key, "title": c.title, "summary": c.summary, "spec": c.figure_data()}
            for c in report.charts
        ],
    }
    # Dates inside the figures become ISO text, as json_script sends them to the browser.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def thaw(data: dict) -> FrozenReport:
    return FrozenReport(
        start=dt.date.fromisoformat(data["start"]),
        end=dt.date.fromisoformat(data["end"]),
        generated_at=dt.datetime.fromisoformat(data["made"]),
        # Rendered by our own template with autoescaping when the link was made.
        frozen_body=mark_safe(data["body"]),  # noqa: S308
        charts=[FrozenChart(**chart) for chart in data["charts"]],
    )
