"""Goal forms. Saving always adds a new goal row (the models are append-only), so the past
keeps the goal that applied then. The owner comes from the view, never from the form."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from tracker.fields import (
    DateInput,
    bounded_number,
    check_canonical_range,
    check_date,
    measure_field,
)
from tracker.models import ActivityGoal, WeightGoal
from tracker.science import rules, units
from tracker.science.trends import ACTIVITY_TARGET_MINUTES, STRENGTH_TARGET_DAYS

PRESET_PERCENTS = ("5", "7", "10")
ACTIVITY_FIELDS = [
    "minutes_per_week",
    "strength_sessions_per_week",
    "fibre_g_per_day",
    "alcohol_free_days_per_week",
    "sleep_hours_per_night",
]
CUSTOM_PERCENT = rules.TARGET_PERCENT


class WeightGoalForm(forms.Form):
    TARGET_CHOICES = [
        ("5", "5 % (less liver fat)"),
        ("7", "7 % (less liver inflammation too)"),
        ("10", "10 % (what fibrosis usually needs)"),
        ("percent", "Another percentage"),
        ("weight", "A target weight"),
    ]

    baseline_date = forms.DateField(label="Baseline date", widget=DateInput())
    baseline_weight = measure_field("Baseline weight")
    target = forms.ChoiceField(
        label="Target", choices=TARGET_CHOICES, widget=forms.RadioSelect, initial="10"
    )
    # Built by hand: a "%" inside a validation message trips Django's %-formatting.
    # No max_digits: the limits below say what is wrong with 150 in words, where a digit
    # count would say "no more than 2 digits before the decimal point".
    custom_percent = forms.DecimalField(
        label="Percentage (%)",
        required=False,
        decimal_places=1,
        min_value=CUSTOM_PERCENT.low,
        max_value=CUSTOM_PERCENT.high,
        error_messages={
            **{key: CUSTOM_PERCENT.message() for key in ("min_value", "max_value")},
            "max_decimal_places": "Use at most one decimal place, for example 12.5.",
        },
        help_text="For “another percentage”.",
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    target_weight = measure_field("Target weight", required=False)
    target_date = forms.DateField(
        label="Target date",
        required=False,
        widget=DateInput(),
        help_text="Optional. A steady 0.5–1 kg a week is the pace guidelines advise.",
    )

    def __init__(self, *args, profile, current=None, first_weighing=None, **kwargs):
        self.profile = profile
        self.unit = profile.weight_unit
        super().__init__(*args, **kwargs)
        self.fields["baseline_weight"].label = f"Baseline weight ({self.unit})"
        self.fields["baseline_weight"].help_text = "What you weighed on the baseline date."
        self.fields["target_weight"].label = f"Target weight ({self.unit})"
        self.fields["target_weight"].help_text = "For “a target weight”."
        self.fields["baseline_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial.update(self._initial(current, first_weighing))

    def _shown(self, kg):
        return units.round_to(units.from_canonical("weight", kg, self.unit), 1)

    def _initial(self, current, first_weighing):
        if current is None:
            day, kg = first_weighing or (timezone.localdate(), None)
            return {
                "baseline_date": day,
                "baseline_weight": None if kg is None else self._shown(kg),
                "target": "10",
            }
        initial = {
            "baseline_date": current.baseline_date,
            "baseline_weight": self._shown(current.baseline_kg),
            "target_date": current.target_date,
        }
        if current.target_kg is not None:
            initial.update(target="weight", target_weight=self._shown(current.target_kg))
        elif current.target_percent is not None:
            percent = units.plain(current.target_percent)
            if percent in PRESET_PERCENTS:
                initial["target"] = percent
            else:
                initial.update(target="percent", custom_percent=current.target_percent)
        return initial

    def clean_baseline_date(self):
        born = self.profile.date_of_birth
        return check_date(self.cleaned_data.get("baseline_date"), "The baseline date", born)

    def clean(self):
        cleaned = super().clean()
        self.baseline_kg = check_canonical_range(
            self, "baseline_weight", rules.WEIGHT_KG, self.unit
        )
        self.target_percent = self.target_kg = None
        target = cleaned.get("target")
        if target in PRESET_PERCENTS:
            self.target_percent = Decimal(target)
        elif target == "percent":
            if cleaned.get("custom_percent") is None and "custom_percent" not in self.errors:
                self.add_error("custom_percent", "Enter the percentage you aim to lose.")
            self.target_percent = cleaned.get("custom_percent")
        elif target == "weight":
            self._clean_target_weight()
        problem = rules.target_date_problem(
            cleaned.get("baseline_date"), cleaned.get("target_date")
        )
        if problem:
            self.add_error("target_date", problem)
        return cleaned

    def _clean_target_weight(self):
        if self.cleaned_data.get("target_weight") is None:
            if "target_weight" not in self.errors:
                self.add_error("target_weight", f"Enter your target weight in {self.unit}.")
            return
        kg = check_canonical_range(self, "target_weight", rules.WEIGHT_KG, self.unit)
        problem = rules.target_weight_problem(self.baseline_kg, kg)
        if problem:
            self.add_error("target_weight", problem)
            return
        self.target_kg = kg

    def save(self, user) -> WeightGoal:
        return WeightGoal.objects.create(
            user=user,
            baseline_date=self.cleaned_data["baseline_date"],
            baseline_kg=self.baseline_kg,
            target_percent=self.target_percent,
            target_kg=self.target_kg,
            target_date=self.cleaned_data.get("target_date"),
        )

    def same_as(self, goal: WeightGoal | None) -> bool:
        """True when saving would repeat the current goal (no new row needed)."""
        if goal is None:
            return False
        mine = (
            self.cleaned_data["baseline_date"],
            round(self.baseline_kg, 3),
            self.target_percent,
            None if self.target_kg is None else round(self.target_kg, 3),
            self.cleaned_data.get("target_date"),
        )
        theirs = (
            goal.baseline_date,
            round(goal.baseline_kg, 3),
            goal.target_percent,
            None if goal.target_kg is None else round(goal.target_kg, 3),
            goal.target_date,
        )
        return mine == theirs


class ActivityGoalForm(forms.ModelForm):
    minutes_per_week = bounded_number(
        rules.GOAL_MINUTES_PER_WEEK,
        "Active minutes a week",
        decimals=0,
        initial=ACTIVITY_TARGET_MINUTES,
        help_text="Moderate-equivalent: a vigorous minute counts as two. Guidelines: at least 150.",
    )
    strength_sessions_per_week = bounded_number(
        rules.GOAL_STRENGTH_DAYS,
        "Strength sessions a week",
        decimals=0,
        initial=STRENGTH_TARGET_DAYS,
        help_text="Guidelines: at least 2 days.",
    )
    fibre_g_per_day = bounded_number(rules.GOAL_FIBRE_G, "Fibre a day", decimals=0, required=False)
    alcohol_free_days_per_week = bounded_number(
        rules.GOAL_ALCOHOL_FREE_DAYS, "Alcohol-free days a week", decimals=0, required=False
    )
    sleep_hours_per_night = bounded_number(rules.GOAL_SLEEP_HOURS, "Sleep a night", required=False)

    class Meta:
        model = ActivityGoal
        fields = ACTIVITY_FIELDS

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None and not self.is_bound:
            self.initial.update({name: getattr(current, name) for name in ACTIVITY_FIELDS})

    def save(self, user) -> ActivityGoal:
        # Always a new row: a change must not rewrite the weeks the old goal applied to.
        goal = super().save(commit=False)
        goal.user = user
        goal.save()
        return goal

    def same_as(self, goal: ActivityGoal | None) -> bool:
        if goal is None:
            return False
        return all(
            _same(self.cleaned_data.get(name), getattr(goal, name)) for name in ACTIVITY_FIELDS
        )


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return Decimal(str(a)) == Decimal(str(b))
