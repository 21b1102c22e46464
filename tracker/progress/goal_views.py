"""Goals: the current weight and activity goals, and the history of earlier ones."""

from typing import Any, Protocol

from django.contrib import messages
from django.contrib.auth.models import User
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tracker import display
from tracker.http import AuthedRequest
from tracker.models import ActivityGoal, WeightEntry, WeightGoal
from tracker.progress.goal_forms import ActivityGoalForm, WeightGoalForm
from tracker.science import units

WEIGHT, ACTIVITY = "weight", "activity"


def weight_goal_text(goal, unit):
    """ "10 % (88.2 kg) from 98.0 kg on 3 Jan 2026, by 1 Jun 2027"."""
    if goal.target_kg is not None:
        target = display.weight_in(goal.target_kg, unit)
    else:
        target = f"{units.plain(goal.target_percent)} % ({display.weight_in(goal.goal_kg, unit)})"
    baseline = display.weight_in(goal.baseline_kg, unit)
    text = f"{target} from {baseline} on {display.day_text(goal.baseline_date)}"
    if goal.target_date:
        text += f", by {display.day_text(goal.target_date)}"
    return text


def activity_goal_text(goal):
    parts = [
        f"{goal.minutes_per_week} min a week",
        f"{goal.strength_sessions_per_week} strength sessions",
    ]
    if goal.fibre_g_per_day:
        parts.append(f"{goal.fibre_g_per_day} g fibre a day")
    if goal.alcohol_free_days_per_week is not None:
        parts.append(f"{goal.alcohol_free_days_per_week} alcohol-free days")
    if goal.sleep_hours_per_night:
        parts.append(f"{units.plain(goal.sleep_hours_per_night)} h sleep")
    return ", ".join(parts)


def _history(weight_goals, activity_goals, unit):
    """Both kinds of goal in one list, newest first; the first of each kind is current."""
    rows = [
        (goal.created_at, "Weight", weight_goal_text(goal, unit), i == 0)
        for i, goal in enumerate(weight_goals)
    ]
    rows += [
        (goal.created_at, "Activity", activity_goal_text(goal), i == 0)
        for i, goal in enumerate(activity_goals)
    ]
    return sorted(rows, key=lambda row: row[0], reverse=True)


class _GoalForm(Protocol):
    def same_as(self, goal: Any) -> bool: ...
    def save(self, user: User) -> WeightGoal | ActivityGoal: ...


def _save(request: AuthedRequest, which: str, form: _GoalForm, current: Any) -> bool:
    """Saves a valid goal form as a new goal unless it says what the current one does;
    True when a new goal was saved."""
    if form.same_as(current):
        messages.info(request, f"Your {which} goal is unchanged.")
        return False
    form.save(request.user)
    messages.success(request, f"Saved your new {which} goal. Earlier goals stay in the history.")
    return True


@require_http_methods(["GET", "POST"])
def goals(request: AuthedRequest) -> HttpResponseBase:
    profile, user = request.profile, request.user
    weight_goals = list(WeightGoal.objects.filter(user=user))  # newest first
    activity_goals = list(ActivityGoal.objects.filter(user=user))
    current_weight = weight_goals[0] if weight_goals else None
    current_activity = activity_goals[0] if activity_goals else None
    first = (
        WeightEntry.objects.filter(user=user).order_by("date").values_list("date", "weight_kg")
    ).first()
    which = request.POST.get("goal") if request.method == "POST" else None
    weight_form = WeightGoalForm(
        request.POST if which == WEIGHT else None,
        profile=profile,
        current=current_weight,
        first_weighing=first,
        prefix=WEIGHT,
    )
    activity_form = ActivityGoalForm(
        request.POST if which == ACTIVITY else None, current=current_activity, prefix=ACTIVITY
    )
    saved = None
    if which == WEIGHT and weight_form.is_valid():
        saved = _save(request, which, weight_form, current_weight)
    elif which == ACTIVITY and activity_form.is_valid():
        saved = _save(request, which, activity_form, current_activity)
    if saved is not None:
        return redirect("goals")
    context = {
        "weight_form": weight_form,
        "activity_form": activity_form,
        "has_weighing": first is not None,
        "history": _history(weight_goals, activity_goals, profile.weight_unit),
    }
    return render(request, "tracker/goals/goals.html", context)
