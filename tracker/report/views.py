"""The doctor report: a page to review and print, its PDF, and visit questions."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker import jobs
from tracker.http import AuthedRequest
from tracker.models import Job, VisitQuestion
from tracker.report import build as reports
from tracker.report import pdf, pdf_job
from tracker.report.forms import PeriodForm, VisitQuestionForm, period_problem


def period_from(request: AuthedRequest) -> tuple:
    """The chosen period, or the default one when none is given. A bad or too long one
    leaves its message on the form and the default period is shown."""
    form = PeriodForm(request.GET or None)
    default_start, default_end = reports.default_period(request.user)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or default_start
        end = form.cleaned_data["end"] or default_end
        problem = period_problem(start, end)
        if problem is None:
            return form, start, end
        form.add_error(None, problem)
    return form, default_start, default_end


def _report(request, start, end):
    return reports.report_for(request.user, request.profile, start, end)


@require_GET
def report(request: AuthedRequest) -> HttpResponseBase:
    form, start, end = period_from(request)
    if not form.is_bound:
        form = PeriodForm(initial={"start": start, "end": end})
    context = {
        "report": _report(request, start, end),
        "period_form": form,
        "question_form": VisitQuestionForm(),
        "pdf_status": pdf.availability(),
        "query": request.GET.urlencode(),
    }
    return render(request, "tracker/report/page.html", context)


@require_http_methods(["GET", "POST"])
def report_pdf(request: AuthedRequest) -> HttpResponseBase:
    """POST asks the task worker for a PDF of the period in the query string and shows
    its progress; GET (an old bookmark) goes back to the report for that period."""
    back = redirect(f"/report/?{request.GET.urlencode()}")
    if request.method == "GET":
        return back
    form, start, end = period_from(request)
    if form.errors:  # never a PDF of another period than the one asked for
        messages.error(request, " ".join(form.non_field_errors()) or "Check the period.")
        return back
    status = pdf.availability()
    if not status.can_render:
        messages.error(request, status.message)
        return back
    job = pdf_job.request_pdf(request.user, start, end)
    return redirect("report_pdf_job", job.pk)


def _pdf_job_or_404(request: AuthedRequest, pk) -> Job:
    return get_object_or_404(Job.objects.filter(user=request.user, kind=Job.Kind.REPORT_PDF), pk=pk)


@require_GET
def report_pdf_job(request: AuthedRequest, pk) -> HttpResponseBase:
    return jobs.status_page(request, _pdf_job_or_404(request, pk), "tracker/report/pdf_job.html")


@require_GET
def report_pdf_download(request: AuthedRequest, pk) -> HttpResponseBase:
    job = _pdf_job_or_404(request, pk)
    if job.state != Job.State.DONE or job.result is None:
        raise Http404("This PDF is not ready.")
    response = HttpResponse(bytes(job.result), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


@require_POST
def add_question(request: AuthedRequest) -> HttpResponseBase:
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
def delete_question(request: AuthedRequest, pk) -> HttpResponseBase:
    question = get_object_or_404(VisitQuestion.objects.filter(user=request.user), pk=pk)
    question.delete()
    if request.htmx:
        return HttpResponse("")
    return redirect("report")
