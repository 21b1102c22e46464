"""Share links: the owner creates, lists and revokes them; a doctor opens one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker.models import Profile, ShareLink
from tracker.report import build as reports
from tracker.report import sharing
from tracker.report.forms import ShareLinkForm
from tracker.server.client import client_address


@require_http_methods(["GET", "POST"])
def share_links(request):
    form = ShareLinkForm(request.POST or None)
    new_url = None
    if request.method == "POST" and form.is_valid():
        start, end = reports.default_period(request.user)
        link, token = sharing.create_link(
            request.user, form.cleaned_data["days"], form.cleaned_data["label"], start, end
        )
        # The token exists only in this response: it is never stored or shown again.
        new_url = request.build_absolute_uri(f"/shared/{token}/")
        form = ShareLinkForm()
    links = ShareLink.objects.filter(user=request.user)
    context = {"form": form, "links": links, "new_url": new_url}
    return render(request, "tracker/share/links.html", context)


@require_POST
def revoke(request, pk):
    link = get_object_or_404(ShareLink.objects.filter(user=request.user), pk=pk)
    sharing.revoke(link)
    messages.success(request, f"Revoked “{link}”. It no longer opens.")
    return redirect("share_links")


@login_not_required
@require_GET
def shared_report(request, token):
    address = client_address(request)
    if sharing.too_many_guesses(address):
        return HttpResponse("Too many attempts. Try again later.", status=429)
    link = sharing.resolve(token)
    if link is None:
        sharing.record_failed_guess(address)
        raise Http404("This link does not exist, has expired or was revoked.")
    sharing.record_open(link, address)
    profile, _ = Profile.objects.get_or_create(user=link.user)
    report = reports.build_report(link.user, profile, link.period_start, link.period_end)
    response = render(request, "tracker/report/shared.html", {"report": report, "link": link})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
