"""The goals page: weight and activity goals, kept as a history."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import WeightFactory
from tracker.models import ActivityGoal, WeightGoal

URL = "/progress/goals/"


@pytest.fixture(autouse=True)
def fresh_cache(db):
    """The dashboard keeps rendered fragments in the cache; every test starts clean."""
    cache.clear()


def weight_post(**values):
    data = {
        "goal": "weight",
        "weight-baseline_date": "2026-01-05",
        "weight-baseline_weight": "100",
        "weight-target": "10",
        "weight-custom_percent": "",
        "weight-target_weight": "",
        "weight-target_date": "",
    }
    data.update({f"weight-{key}": value for key, value in values.items()})
    return data


def activity_post(**values):
    data = {
        "goal": "activity",
        "activity-minutes_per_week": "150",
        "activity-strength_sessions_per_week": "2",
        "activity-fibre_g_per_day": "",
        "activity-alcohol_free_days_per_week": "",
        "activity-sleep_hours_per_night": "",
    }
    data.update({f"activity-{key}": value for key, value in values.items()})
    return data


def test_owner_sees_both_goal_forms(owner):
    response = owner.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Save weight goal" in html
    assert "Save activity goal" in html


def test_the_baseline_defaults_to_the_first_weighing_in_the_persons_unit(owner, alice):
    alice.profile.weight_unit = "lb"
    alice.profile.save()
    WeightFactory(user=alice, date=dt.date(2026, 3, 1), weight_kg=100)
    WeightFactory(user=alice, date=dt.date(2026, 4, 1), weight_kg=95)
    form = owner.get(URL).context["weight_form"]
    assert form.initial["baseline_date"] == dt.date(2026, 3, 1)
    assert str(form.initial["baseline_weight"]) == "220.5"
    assert form.fields["baseline_weight"].label == "Baseline weight (lb)"


def test_without_a_weighing_the_page_asks_for_a_baseline_weight(owner):
    html = owner.get(URL).content.decode()
    assert "enter the weight you start from" in html
    response = owner.post(URL, weight_post(baseline_weight=""))
    assert response.status_code == 200
    assert not WeightGoal.objects.exists()


def test_a_preset_percentage_is_saved_as_a_percentage(owner, alice):
    response = owner.post(URL, weight_post(target="7", target_date="2027-01-01"))
    assert response.status_code == 302
    goal = WeightGoal.objects.get(user=alice)
    assert (goal.baseline_kg, goal.target_percent, goal.target_kg) == (100.0, 7, None)
    assert goal.target_date == dt.date(2027, 1, 1)
    assert goal.goal_kg == pytest.approx(93.0)


def test_a_custom_percentage_needs_its_number(owner):
    response = owner.post(URL, weight_post(target="percent"))
    assert "Enter the percentage you aim to lose." in response.content.decode()
    owner.post(URL, weight_post(target="percent", custom_percent="8"))
    assert WeightGoal.objects.get().target_percent == 8


def test_a_target_weight_is_typed_in_the_persons_unit_and_stored_in_kg(owner, alice):
    alice.profile.weight_unit = "lb"
    alice.profile.save()
    owner.post(URL, weight_post(baseline_weight="220", target="weight", target_weight="200"))
    goal = WeightGoal.objects.get()
    assert goal.baseline_kg == pytest.approx(99.79, abs=0.01)
    assert goal.target_kg == pytest.approx(90.72, abs=0.01)
    assert goal.target_percent is None


def test_limits_speak_the_persons_unit(owner, alice):
    alice.profile.weight_unit = "lb"
    alice.profile.save()
    # 400 lb is 181 kg: allowed, although it is above the kilogram limit's number.
    assert owner.post(URL, weight_post(baseline_weight="400")).status_code == 302
    response = owner.post(URL, weight_post(baseline_weight="900"))
    assert "Enter a weight between 44.1 and 771.6 lb." in response.content.decode()


@pytest.mark.parametrize(
    "values, message",
    [
        (
            {"target": "weight", "target_weight": "105"},
            "The target weight must be below the baseline.",
        ),
        ({"target_date": "2026-01-01"}, "The target date must come after the baseline date."),
        ({"target": "percent", "custom_percent": "60"}, "Enter a percentage between 1 and 40."),
        ({"target": "percent", "custom_percent": "150"}, "Enter a percentage between 1 and 40."),
        ({"target": "percent", "custom_percent": "7.25"}, "Use at most one decimal place"),
        ({"baseline_date": "2999-01-01"}, "The baseline date cannot be in the future"),
    ],
)
def test_bad_weight_goals_are_explained_and_not_saved(owner, values, message):
    response = owner.post(URL, weight_post(**values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WeightGoal.objects.exists()


def test_changing_a_goal_adds_a_row_and_keeps_the_old_one(owner, alice):
    owner.post(URL, weight_post(target="5"))
    owner.post(URL, weight_post(target="10"))
    goals = list(WeightGoal.objects.filter(user=alice))
    assert [g.target_percent for g in goals] == [10, 5]  # newest first
    assert WeightGoal.objects.filter(user=alice).current().target_percent == 10
    html = owner.get(URL).content.decode()
    assert html.index("10 % (90.0 kg)") < html.index("5 % (95.0 kg)")
    assert "Weight (current)" in html


def test_saving_the_same_goal_again_adds_nothing(owner):
    owner.post(URL, weight_post())
    response = owner.post(URL, weight_post(), follow=True)
    assert WeightGoal.objects.count() == 1
    assert "Your weight goal is unchanged." in response.content.decode()


def test_the_form_shows_the_current_goal(owner, alice):
    WeightGoal.objects.create(
        user=alice, baseline_date=dt.date(2026, 2, 1), baseline_kg=92, target_kg=85
    )
    form = owner.get(URL).context["weight_form"]
    assert form.initial["target"] == "weight"
    assert str(form.initial["target_weight"]) == "85.0"


def test_the_activity_goal_defaults_to_the_guidelines_and_is_kept_as_history(owner, alice):
    form = owner.get(URL).context["activity_form"]
    assert form["minutes_per_week"].initial == 150
    assert form["strength_sessions_per_week"].initial == 2
    owner.post(URL, activity_post(minutes_per_week="200", fibre_g_per_day="30"))
    owner.post(URL, activity_post(minutes_per_week="250", sleep_hours_per_night="7.5"))
    goals = list(ActivityGoal.objects.filter(user=alice))
    assert [g.minutes_per_week for g in goals] == [250, 200]
    assert goals[0].fibre_g_per_day is None
    assert str(goals[0].sleep_hours_per_night) == "7.5"


def test_bad_activity_goals_are_explained(owner):
    response = owner.post(URL, activity_post(strength_sessions_per_week="9"))
    assert "between 0 and 7" in response.content.decode()
    assert not ActivityGoal.objects.exists()


def test_one_persons_goals_never_show_to_another(owner, other, alice):
    owner.post(URL, weight_post(target="weight", target_weight="77.7"))
    html = other.get(URL).content.decode()
    assert "77.7" not in html
    assert "No goals set yet" in html
    # Bob's post creates Bob's goal; Alice's stays as it was.
    other.post(URL, weight_post(target="5"))
    assert WeightGoal.objects.filter(user=alice).current().target_kg == pytest.approx(77.7)
    assert WeightGoal.objects.exclude(user=alice).count() == 1


def test_anonymous_cannot_post_a_goal(anon):
    response = anon.post(URL, weight_post())
    assert response.status_code == 302
    assert not WeightGoal.objects.exists()


def test_an_unknown_goal_kind_saves_nothing(owner):
    response = owner.post(URL, {"goal": "nonsense"})
    assert response.status_code == 200
    assert not WeightGoal.objects.exists() and not ActivityGoal.objects.exists()


def test_the_dashboard_uses_the_current_goal(owner, alice):
    today = timezone.localdate()
    WeightFactory(user=alice, date=today - dt.timedelta(days=5), weight_kg=100)
    WeightFactory(user=alice, date=today, weight_kg=99)
    owner.post(
        URL,
        weight_post(
            baseline_date=(today - dt.timedelta(days=5)).isoformat(),
            target="weight",
            target_weight="88",
        ),
    )
    html = owner.get("/progress/").content.decode()
    # The chart's label breaks before the bracket: "Your target<br>(88.0 kg)".
    assert "Your target\\u003Cbr\\u003E(88.0 kg)" in html


def test_a_150_percent_goal_is_refused_in_words_not_digits(owner):
    html = owner.post(URL, weight_post(target="percent", custom_percent="150")).content.decode()
    assert "digits" not in html
    assert html.count("Enter a percentage between 1 and 40.") == 1
