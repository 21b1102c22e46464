"""E-mail reminders: the person's settings, and the unsubscribe link every mail carries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tracker.models import ReminderSettings
from tracker.reminders.forms import ReminderForm
from tracker.reminders.sending import user_of_token


@require_http_methods(["GET", "POST"])
def reminders(request):
    settings, _ = ReminderSettings.objects.get_or_create(user=request.user)
    form = ReminderForm(
        request.POST or None, instance=settings, initial={"email": request.user.email}
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        request.user.email = form.cleaned_data["email"]
        request.user.save(update_fields=["email"])
        messages.success(request, "Saved your reminders.")
        return redirect("reminders")
    return render(request, "tracker/reminders/settings.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    # A link in an e-mail: no log-in needed, and a mail scanner that follows it (GET)
    # changes nothing; the button on the page does.
    user_id = user_of_token(token)
    if user_id is None:
        raise Http404("This unsubscribe link is not valid.")
    settings = ReminderSettings.objects.filter(user_id=user_id).first()
    if settings is None:
        raise Http404("This unsubscribe link is not valid.")
    done = False
    if request.method == "POST":
        settings.weigh_in = settings.labs_due = False
        settings.save(update_fields=["weigh_in", "labs_due"])
        done = True
    return render(request, "tracker/reminders/unsubscribe.html", {"done": done})
