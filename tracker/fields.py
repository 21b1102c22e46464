"""Form fields whose limits speak the person's units."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from tracker.display import day_text
from tracker.science import units


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def bounded_number(label, low, high, unit="", decimals=1, required=True, **kwargs):
    """A number field with limits that names them in its message."""
    step = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    message = f"Enter {label.lower()} between {low} and {high}{' ' + unit if unit else ''}."
    # Django fills validator messages with %-formatting: a literal "%" must be doubled.
    message = message.replace("%", "%%")
    field_class = forms.DecimalField if decimals else forms.IntegerField
    extra = {"decimal_places": decimals, "max_digits": 9} if decimals else {}
    return field_class(
        label=f"{label} ({unit})" if unit else label,
        min_value=low,
        max_value=high,
        required=required,
        error_messages={"min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"step": str(step), "inputmode": "decimal"}),
        **extra,
        **kwargs,
    )


def not_in_future(day, field_label="Date"):
    today = timezone.localdate()
    if day and day > today:
        raise forms.ValidationError(
            f"{field_label} cannot be in the future (today is {day_text(today)})."
        )
    return day


def check_canonical_range(form, field, analyte, unit, low, high, label, decimals=1):
    """Convert a typed value to canonical and check it against canonical limits.

    The limits in the message are shown in the unit the person typed, rounded inward
    so that both ends shown are accepted.
    """
    value = form.cleaned_data.get(field)
    if value is None:
        return None
    canonical = units.to_canonical(analyte, float(value), unit)
    if not low <= canonical <= high:
        lo, hi = units.limits_in(analyte, low, high, unit, decimals)
        form.add_error(
            field, f"Enter {label} between {units.plain(lo)} and {units.plain(hi)} {unit}."
        )
        return None
    return canonical


def measure_field(label, required=True):
    """A body measure typed in a unit chosen beside it; limits are checked in clean()."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
