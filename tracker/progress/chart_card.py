"""One chart of the dashboard as HTML: its title and summary, the figure's JSON for
static/js/charts.js, where its lines come from, the guidance notes beside it and the
"show the numbers" table.

Built in Python rather than in a template: the dashboard shows up to twenty charts, and
Django's template engine spent more time resolving their variables and loops than the
rest of rendering the page. Every text is escaped here (html.escape, which Django's
escape() calls); the notes come from their own template, shared with the labs pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from tracker.progress.charts import Chart
from tracker.templatetags.guidance import notes_for

NOTES_TEMPLATE = "tracker/guidance/notes.html"


def _text(value: object) -> str:
    return html.escape(str(value))


@dataclass
class Shown:
    """A chart as the dashboard shows it, for a range and with the page's notes."""

    chart: Chart
    range_key: str
    notes: dict

    @property
    def html(self) -> SafeString:
        chart = self.chart
        key, title, summary = _text(chart.key), _text(chart.title), _text(chart.summary)
        refresh = ""
        if chart.key == "weight":  # redrawn when a weight is logged on this page
            url = f"{reverse('dashboard_chart', args=['weight'])}?range={self.range_key}"
            refresh = f' hx-get="{_text(url)}" hx-trigger="logged from:body" hx-swap="outerHTML"'
        figure_id = f"figure-{chart.key}"
        lower = _text(chart.title.lower())
        about = ""
        if chart.notes:
            notes = "".join(f"<li>{_text(note)}</li>" for note in chart.notes)
            about = (
                '<details class="about">\n'
                f'<summary>About this chart<span class="visually-hidden">: {lower}</span>'
                "</summary>\n"
                f'<ul class="chart-notes">{notes}</ul>\n'
                "</details>\n"
            )
        guidance = render_to_string(NOTES_TEMPLATE, notes_for(self.notes, chart.key))
        parts = [
            f'<figure class="chart chart-{key}" id="chart-{key}"{refresh}>\n',
            f"<figcaption>\n<h3>{title}</h3>\n",
            f'<p class="summary">{summary}</p>\n</figcaption>\n',
            f'<div class="plot" data-figure="{_text(figure_id)}" role="group" '
            f'aria-label="{title} chart. {summary} The numbers are in the table below it.">'
            "</div>\n",
            f"{chart.script(figure_id)}\n",
            about,
            guidance,
            '<details class="numbers">\n',
            f'<summary>Show the numbers<span class="visually-hidden"> for {lower}</span>'
            "</summary>\n",
            self._table_html(),
            "</details>\n</figure>\n",
        ]
        return mark_safe("".join(parts))  # every text is escaped above

    def _table_html(self) -> str:
        table = self.chart.table
        if not table.rows:
            return '<p class="muted">No values in this range.</p>\n'
        headers = "".join(f'<th scope="col">{_text(header)}</th>' for header in table.headers)
        rows = "\n".join(
            f'<tr><th scope="row">{_text(first)}</th>'
            + "".join(f"<td>{_text(cell)}</td>" for cell in rest)
            + "</tr>"
            for first, *rest in table.rows
        )
        return (
            '<div class="table-wrap">\n<table>\n'
            f"<caption>{_text(table.caption)}</caption>\n"
            f"<thead><tr>{headers}</tr></thead>\n"
            f"<tbody>\n{rows}\n</tbody>\n"
            "</table>\n</div>\n"
        )
