from django import forms

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


class PeriodForm(forms.Form):
    start = forms.DateField(required=False, widget=DateInput())
    end = forms.DateField(required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start of the period must be before its end.")
        return cleaned
