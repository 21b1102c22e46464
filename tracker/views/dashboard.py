"""The progress dashboard: header figures and charts, with htmx partials for the range
switch and for refreshing after a weight is logged here."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, json_script
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from tracker import progress
from tracker.charts import Chart, Table
from tracker.forms.logs import WeightForm

TEMPLATE = "tracker/dashboard/dashboard.html"


def table_rows_html(table: Table) -> SafeString:
    """The rows of a "show the numbers" table. Built here rather than in the template:
    with hundreds of cells, template loops cost more than the rest of the page."""
    rows = []
    for first, *rest in table.rows:
        cells = "".join(f"<td>{escape(cell)}</td>" for cell in rest)
        rows.append(f'<tr><th scope="row">{escape(first)}</th>{cells}</tr>')
    return mark_safe("\n".join(rows))  # every cell is escaped above


@dataclass
class Shown:
    """A chart with its figure block and table rows ready for the template."""

    chart: Chart

    @property
    def figure_id(self) -> str:
        return f"figure-{self.chart.key}"

    @property
    def figure_json(self) -> SafeString:
        return json_script(self.chart.figure_data(), self.figure_id)

    @property
    def rows_html(self) -> SafeString:
        return table_rows_html(self.chart.table)


def _sections(board):
    return [(section, [Shown(chart) for chart in section.charts]) for section in board.sections]


def _context(request, board):
    return {
        "board": board,
        "sections": _sections(board),
        "weight_form": WeightForm(profile=request.profile),
        "today": timezone.localdate(),
    }


def _partial_only(request):
    return request.htmx and not request.htmx.boosted


@require_GET
def dashboard(request):
    key = progress.range_key(request.GET.get("range"))
    board = progress.build(request.user, request.profile, key)
    template = TEMPLATE + "#charts" if _partial_only(request) else TEMPLATE
    return render(request, template, _context(request, board))


@require_GET
def header(request):
    """The progress header alone, for a refresh after something was logged."""
    if not _partial_only(request):
        return redirect("dashboard")
    board = progress.build(request.user, request.profile, only=("none",))
    return render(request, TEMPLATE + "#header", _context(request, board))


@require_GET
def chart(request, key):
    """One chart, for a refresh after something was logged."""
    range_key = progress.range_key(request.GET.get("range"))
    if not _partial_only(request):
        return redirect(f"{reverse('dashboard')}?range={range_key}#chart-{key}")
    board = progress.build(request.user, request.profile, range_key, only=(key,))
    found = board.chart(key)
    if found is None:
        raise Http404("No such chart, or nothing to draw in it yet.")
    context = {**_context(request, board), "shown": Shown(found)}
    return render(request, TEMPLATE + "#chart", context)
