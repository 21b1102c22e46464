from datetime import date

from django import forms

from tracker.display import day_text
from tracker.fields import DateInput
from tracker.models import ShareLink, VisitQuestion


class ShareLinkForm(forms.Form):
    """A link's period (the report's default one unless the person picks another), how long
    it opens, and a label. Held to the report's rules and to days up to today."""

    start = forms.DateField(label="Report from", required=False, widget=DateInput())
    end = forms.DateField(
        label="Report to",
        required=False,
        widget=DateInput(),
        help_text="The link shows the report of these days as it reads when you create it.",
    )
    days = forms.TypedChoiceField(
        label="Expires after", choices=ShareLink.EXPIRY_CHOICES, coerce=int, initial=7
    )
    label = forms.CharField(
        max_length=100,
        required=False,
        help_text="So you can tell links apart, e.g. “hepatology visit, March”.",
    )

    def __init__(self, *args, today: date, default_period: tuple[date, date], **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.default_period = default_period
        self.fields["start"].initial, self.fields["end"].initial = default_period
        self.fields["end"].widget.attrs["max"] = today.isoformat()

    def clean(self):
        cleaned = super().clean()
        if "start" in self.errors or "end" in self.errors:
            return cleaned  # a date that is not one: its own message says so
        start = cleaned.get("start") or self.default_period[0]
        end = cleaned.get("end") or self.default_period[1]
        problem = share_period_problem(start, end, self.today)
        if problem is not None:
            raise forms.ValidationError(problem)
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


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


def share_period_problem(start: date, end: date, today: date) -> str | None:
    """Why a share link cannot cover start–end, or None when it can: a report's rules, and
    nothing after today (a link shows what is already logged)."""
    if end > today:
        return (
            f"A shared period ends today ({day_text(today)}) at the latest. "
            "Choose an end on or before it."
        )
    return period_problem(start, end)
