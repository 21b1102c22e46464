"""Share links: the owner creates, lists and revokes them; a doctor opens one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker.http import AuthedRequest
from tracker.models import Job, Profile, ShareLink
from tracker.report import build as reports
from tracker.report import frozen, pdf, pdf_job, sharing
from tracker.report.forms import ShareLinkForm
from tracker.report.qr import qr_data_uri
from tracker.server.client import client_address


@require_http_methods(["GET", "POST"])
def share_links(request: AuthedRequest) -> HttpResponseBase:
    today = timezone.localdate()
    default = reports.default_period(request.user, today)
    form = ShareLinkForm(request.POST or None, today=today, default_period=default)
    new_url = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        link, token = sharing.create_link(
            request.user, data["days"], data["label"], data["start"], data["end"]
        )
        # The token exists only in this response: it is never stored or shown again.
        new_url = request.build_absolute_uri(f"/shared/{token}/")
        form = ShareLinkForm(today=today, default_period=default)
    links = ShareLink.objects.filter(user=request.user)
    context = {
        "form": form,
        "links": links,
        "new_url": new_url,
        "new_qr": qr_data_uri(new_url) if new_url else None,
    }
    return render(request, "tracker/share/links.html", context)


@require_POST
def revoke(request: AuthedRequest, pk) -> HttpResponseBase:
    link = get_object_or_404(ShareLink.objects.filter(user=request.user), pk=pk)
    sharing.revoke(link)
    messages.success(request, f"Revoked “{link}”. It no longer opens.")
    return redirect("share_links")


def open_link(request: HttpRequest, token) -> tuple:
    """The active link for a token, or the response that says why there is none."""
    address = client_address(request)
    if sharing.too_many_guesses(address):
        return None, HttpResponse("Too many attempts. Try again later.", status=429)
    link, state = sharing.look_up(token)
    if link is None:
        if state == "unknown":
            sharing.record_failed_guess(address)
        # A page in LiverLog's look that says the link does not open, and nothing else.
        status = 404 if state == "unknown" else 410
        response = render(request, "tracker/report/shared_gone.html", {"state": state})
        response.status_code = status
        return None, private(response)
    return link, None


def private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_report_of(link):
    """What the link shows: the report as it was shared."""
    if link.snapshot is not None:
        return frozen.thaw(link.snapshot)
    # A link made before copies were kept: its period, read now.
    profile, _ = Profile.objects.get_or_create(user=link.user)
    return reports.report_for(link.user, profile, link.period_start, link.period_end)


@login_not_required
@require_GET
def shared_report(request: HttpRequest, token) -> HttpResponseBase:
    link, refusal = open_link(request, token)
    if link is None:
        return refusal
    sharing.record_open(link, client_address(request))
    context = {
        "report": shared_report_of(link),
        "link": link,
        "token": token,
        "pdf_status": pdf.availability(),
    }
    return private(render(request, "tracker/report/shared.html", context))


@login_not_required
@require_GET
def shared_pdf(request: HttpRequest, token) -> HttpResponseBase:
    link, refusal = open_link(request, token)
    if link is None:
        return refusal
    status = pdf.availability()
    if not status.can_render:
        return private(HttpResponse(status.message, status=503, content_type="text/plain"))
    # Made by the task worker: a long layout never holds a web server process.
    job = pdf_job.pdf_for_link(link)
    if job.state != Job.State.DONE or job.result is None:
        message = job.message or "The PDF is still being made. Try again in a minute."
        response = HttpResponse(message, status=503, content_type="text/plain")
        response["Retry-After"] = "30"
        return private(response)
    response = HttpResponse(bytes(job.result), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return private(response)
