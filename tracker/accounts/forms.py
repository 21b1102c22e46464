from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.contrib.auth.models import User
from django.utils import timezone

from tracker.accounts import throttle
from tracker.fields import DateInput, check_canonical_range, measure_field
from tracker.models import Profile
from tracker.models.profile import time_zone_choices
from tracker.science import rules, units
from tracker.science.conditions import (
    BLOOD_PRESSURE,
    GLUCOSE_LOWERING,
    LIPID_LOWERING,
    Conditions,
)

# Profile fields about conditions, and the treatment (tracker/science/conditions.py) each is.
CONDITION_FIELDS = {
    "diagnosis": None,
    "blood_pressure_treatment": BLOOD_PRESSURE,
    "lipid_lowering": LIPID_LOWERING,
    "glucose_lowering": GLUCOSE_LOWERING,
}


class LoginForm(AuthenticationForm):
    """Django's log-in form, except that a username longer than any account can have is
    refused before authenticate(): Django does not check its length there, and django-axes
    would store it in a 255-character column (an error, a 500, on PostgreSQL)."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return username


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most a few e-mails an hour per address and per
    account. The page says the same whether or not an e-mail went out."""

    def get_users(self, email):
        if not throttle.reset_allowed_for_address(email):
            return []
        return [
            user for user in super().get_users(email) if throttle.reset_allowed_for_account(user.pk)
        ]


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Only used to reset your password.")
    # Filled in by the browser (static/js/app.js) with its own time zone, so that "today"
    # is the person's today from the first weigh-in; the profile can change it later.
    time_zone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""})
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def clean_time_zone(self):
        # Anything but a zone name we know is ignored: the default zone stays.
        name = self.cleaned_data.get("time_zone", "")
        return name if name in dict(time_zone_choices()) else ""

    def save(self, commit=True):
        user = super().save(commit)
        if commit and self.cleaned_data.get("time_zone"):
            Profile.objects.update_or_create(
                user=user, defaults={"time_zone": self.cleaned_data["time_zone"]}
            )
        return user


class ProfileForm(forms.ModelForm):
    height = measure_field("Height", required=False)
    time_zone = forms.ChoiceField(choices=time_zone_choices)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "sex",
            "date_of_birth",
            "time_zone",
            "weight_unit",
            "length_unit",
            "lab_units",
            "waist_population",
            "bmi_cutoffs",
            *CONDITION_FIELDS,
        ]
        labels = {
            "sex": "Sex (used for reference ranges)",
            "lab_units": "Lab units",
            "waist_population": "Waist thresholds for",
            "bmi_cutoffs": "BMI cut-offs",
        }
        widgets = {"date_of_birth": DateInput()}
        help_texts = {
            "lab_units": "SI shows glucose and lipids in mmol/L, creatinine in µmol/L, "
            "albumin in g/L, insulin in pmol/L and HbA1c in mmol/mol, with the guideline "
            "cut-offs as published in SI.",
            "diagnosis": "Type 2 diabetes or prediabetes, if a doctor has told you so. It "
            "counts in the MASLD checklist and the NAFLD fibrosis score.",
        }

    def __init__(self, *args, conditions: Conditions | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._explain_treatments(conditions)
        # The height is typed in a unit of its own, shown beside it: switching the length
        # preference then never rereads the stored 178 cm as 178 in.
        self.fields["height_unit"] = forms.ChoiceField(
            label="Height unit", choices=Profile.LengthUnit.choices
        )
        self.order_fields(["display_name", "sex", "date_of_birth", "height", "height_unit"])
        unit = self.shown_unit = self.instance.length_unit
        self.initial.setdefault("height_unit", unit)
        if self.instance.height_cm and not self.is_bound:
            self.initial["height"] = self.shown_height(unit)

    def _explain_treatments(self, conditions: Conditions | None) -> None:
        """Beside each treatment question, what the medication log suggests and why."""
        for field, key in CONDITION_FIELDS.items():
            if key is None:
                continue
            treatment = conditions.treatment(key) if conditions else None
            said = treatment.suggestion_text if treatment else ""
            if said:
                said += " Choose Yes to confirm or No to correct it."
            else:
                said = (
                    "Nothing in your medicines list suggests it; LiverLog counts it only if "
                    "you say Yes."
                )
            self.fields[field].help_text = f"{said} Counts as “or treatment” in the checklists."

    def shown_height(self, unit):
        return Decimal(
            str(units.round_to(units.from_canonical("length", self.instance.height_cm, unit), 1))
        )

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        problem = rules.birth_date_problem(born, timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return born

    def clean(self):
        cleaned = super().clean()
        unit, height = cleaned.get("height_unit"), cleaned.get("height")
        if height is None:
            if "height" not in self.errors:
                self.instance.height_cm = None
        elif unit and not self._height_untouched(height, unit):
            cm = check_canonical_range(self, "height", rules.HEIGHT_CM, unit)
            if cm is not None:
                self.instance.height_cm = cm
        return cleaned

    def _height_untouched(self, height, unit):
        """The value shown, sent back as it was: keep the stored centimetres exactly
        (178 cm shown as 70.1 in would otherwise come back as 178.05 cm)."""
        if not self.instance.height_cm or unit != self.shown_unit:
            return False
        return height == self.shown_height(unit)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput, help_text="Type your password to confirm."
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.", code="wrong_password")
        return password
