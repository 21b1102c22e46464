"""The doctor report: a page to review and print, its PDF, and visit questions."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker.models import VisitQuestion
from tracker.report import build as reports
from tracker.report import pdf
from tracker.report.forms import PeriodForm, VisitQuestionForm


def period_from(request):
    """The chosen period, or the default one when none (or a bad one) is given."""
    form = PeriodForm(request.GET or None)
    default_start, default_end = reports.default_period(request.user)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or default_start
        end = form.cleaned_data["end"] or default_end
        if start <= end:
            return form, start, end
    return form, default_start, default_end


@require_GET
def report(request):
    form, start, end = period_from(request)
    if not form.is_bound:
        form = PeriodForm(initial={"start": start, "end": end})
    context = {
        "report": reports.build_report(request.user, request.profile, start, end),
        "period_form": form,
        "question_form": VisitQuestionForm(),
        "pdf_status": pdf.availability(),
        "query": request.GET.urlencode(),
    }
    return render(request, "tracker/report/page.html", context)


@require_GET
def report_pdf(request):
    _form, start, end = period_from(request)
    status = pdf.availability()
    if not status.can_render:
        messages.error(request, status.message)
        return redirect(f"/report/?{request.GET.urlencode()}")
    built = reports.build_report(request.user, request.profile, start, end)
    document = pdf.render_report(request, built)
    response = HttpResponse(document, content_type="application/pdf")
    filename = f"liverlog-report-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def add_question(request):
    form = VisitQuestionForm(request.POST)
    if form.is_valid():
        question = form.save(commit=False)
        question.user = request.user
        question.save()
        messages.success(request, "Added your question; it prints on the report.")
    else:
        messages.error(request, "Write a question of up to 300 characters.")
    return redirect("report")


@require_http_methods(["POST", "DELETE"])
def delete_question(request, pk):
    question = get_object_or_404(VisitQuestion.objects.filter(user=request.user), pk=pk)
    question.delete()
    if request.htmx:
        return HttpResponse("")
    return redirect("report")
