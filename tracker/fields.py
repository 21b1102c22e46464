"""Form fields whose limits speak the person's units."""

from decimal import Decimal
from typing import Any, NamedTuple

from django import forms
from django.utils import timezone

from tracker.science import bounds, rules, units


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def bounded_number(rule: rules.Range, label, decimals=1, required=True, **kwargs):
    """A number field held to a domain rule, whose message names the limits."""
    step = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    # Django fills validator messages with %-formatting: a literal "%" must be doubled.
    message = rule.message().replace("%", "%%")
    field_class = forms.DecimalField if decimals else forms.IntegerField
    extra = {"decimal_places": decimals, "max_digits": 9} if decimals else {}
    low: Any = rule.low  # an int for an IntegerField, a number for a DecimalField
    high: Any = rule.high
    return field_class(
        label=f"{label} ({rule.unit})" if rule.unit else label,
        min_value=low,
        max_value=high,
        required=required,
        error_messages={"min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"step": str(step), "inputmode": "decimal"}),
        **extra,
        **kwargs,
    )


class Reading(NamedTuple):
    """A typed result: its number, and the sign of the bound when the lab gave one."""

    qualifier: str  # "", or "<", "≤", ">", "≥" as LabResult stores it
    number: Decimal


class ReadingField(forms.DecimalField):
    """A lab value as printed: a number, or a bound such as "<5", "> 300" or "≤ 0.5".
    A text input, since a number input (and its decimal keypad) has no "<"."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": "Enter a number, or a bound as the lab printed it, such as <5 or >300.",
    }

    def clean(self, value):
        text = str(value or "").strip()
        if text in bounds.QUALIFIERS:
            raise forms.ValidationError(
                f"Type the number after “{text}”, for example {text}5.", code="bare_sign"
            )
        qualifier, number = bounds.split_bound(text)
        cleaned = super().clean(number)
        return None if cleaned is None else Reading(qualifier, cleaned)


def check_date(day, field_label="Date", born=None):
    """The date rules of tracker.science.rules, as a form error."""
    problem = rules.date_problem(day, field_label, today=timezone.localdate(), born=born)
    if problem:
        raise forms.ValidationError(problem)
    return day


def check_canonical_range(form, field, rule: rules.Range, unit):
    """Convert a typed value to canonical and check it against the rule's limits.

    The limits in the message are shown in the unit the person typed, rounded inward
    so that both ends shown are accepted.
    """
    value = form.cleaned_data.get(field)
    if value is None:
        return None
    problem = rule.problem(value, unit)
    if problem:
        form.add_error(field, problem)
        return None
    assert rule.quantity, f"{rule.what} is not typed in a unit of its own"
    return units.to_canonical(rule.quantity, float(value), unit)


def measure_field(label, required=True):
    """A body measure typed in a unit chosen beside it; limits are checked in clean()."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
