from django import forms

from tracker.models import ReminderSettings


class ReminderForm(forms.ModelForm):
    email = forms.EmailField(
        label="E-mail address", required=False, help_text="Where the reminders go."
    )

    class Meta:
        model = ReminderSettings
        fields = ["weigh_in", "hour", "labs_due", "labs_every_months"]
        help_texts = {
            "hour": "In your own time zone (from your profile); only on days with nothing "
            "logged by then.",
            "labs_every_months": "A note once your last ALT or AST is older than this.",
        }

    def clean(self):
        cleaned = super().clean()
        wants_mail = cleaned.get("weigh_in") or cleaned.get("labs_due")
        if wants_mail and not cleaned.get("email"):
            self.add_error("email", "Reminders need an e-mail address to go to.")
        return cleaned
