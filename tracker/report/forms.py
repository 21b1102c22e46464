from datetime import date

from django import forms

from tracker.display import day_text
from tracker.fields import DateInput
from tracker.models import ShareLink, VisitQuestion


class ShareLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Expires after", choices=ShareLink.EXPIRY_CHOICES, coerce=int, initial=7
    )
    label = forms.CharField(
        max_length=100,
        required=False,
        help_text="So you can tell links apart, e.g. “hepatology visit, March”.",
    )


class VisitQuestionForm(forms.ModelForm):
    class Meta:
        model = VisitQuestion
        fields = ["text"]
        labels = {"text": "A question for your visit"}


# The longest period a report covers: its cost grows with the days it reads, and a doctor
# reviews months, not decades (a 100,000-weighing period timed out the PDF worker).
MAX_PERIOD_YEARS = 5


def longest_start(end: date) -> date:
    """The earliest start a period ending on `end` may have."""
    try:
        return end.replace(year=end.year - MAX_PERIOD_YEARS)
    except ValueError:  # 29 February
        return end.replace(year=end.year - MAX_PERIOD_YEARS, day=28)


class PeriodForm(forms.Form):
    start = forms.DateField(required=False, widget=DateInput())
    end = forms.DateField(required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start of the period must be before its end.")
        return cleaned


def period_problem(start: date, end: date) -> str | None:
    """Why a report cannot cover start–end, or None when it can."""
    if start > end:
        return "The start of the period must be before its end."
    if start < longest_start(end):
        return (
            f"A report covers at most {MAX_PERIOD_YEARS} years. Choose a start on or after "
            f"{day_text(longest_start(end))}, or make two reports."
        )
    return None
