"""Forms of the "Your data" page: upload, how to read a file, and confirm."""

from django import forms

from tracker.exchange.importer import SOURCE_CHOICES
from tracker.exchange.reading import DATE_FORMATS, MAX_BYTES, ImportProblem, check_size

UNIT_CHOICES = [("kg", "kilograms (kg)"), ("lb", "pounds (lb)"), ("st", "stones (st)")]
DATE_FORMAT_CHOICES = [("", "Work it out from the file")] + [(n, n) for n in DATE_FORMATS]
LENGTH_UNIT_CHOICES = [("", "—"), ("cm", "centimetres (cm)"), ("in", "inches (in)")]
# The columns a person can choose, by the kind of table the file was read as.
COLUMN_FIELDS = {
    "weights": {"date_column": "Date column", "value_column": "Weight column"},
    "labs": {
        "date_column": "Date column",
        "test_column": "Test column",
        "value_column": "Result column",
        "unit_column": "Unit column",
    },
    "measures": {
        "date_column": "Date column",
        "systolic_column": "Systolic (upper) column",
        "diastolic_column": "Diastolic (lower) column",
        "pulse_column": "Pulse column",
        "waist_column": "Waist column",
    },
}


class ReadOptionsForm(forms.Form):
    """How to read a file; the person can change it after seeing the preview."""

    source = forms.ChoiceField(label="What is in the file", choices=SOURCE_CHOICES)
    unit = forms.ChoiceField(
        label="Weight unit",
        choices=UNIT_CHOICES,
        help_text="Used when the file does not say (TrendWeight, other CSV files).",
    )
    date_format = forms.ChoiceField(
        label="Date format", choices=DATE_FORMAT_CHOICES, required=False
    )
    unit_checked = forms.BooleanField(
        label="I have checked the unit: the weights are in the unit chosen above",
        required=False,
    )

    def __init__(self, *args, columns=(), layout="weights", **kwargs):
        super().__init__(*args, **kwargs)
        if columns:
            choices = [("", "—")] + [(c, c) for c in columns if c]
            for name, label in COLUMN_FIELDS[layout].items():
                self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
        if layout == "measures":
            self.fields["length_unit"] = forms.ChoiceField(
                label="Waist unit",
                choices=LENGTH_UNIT_CHOICES,
                required=False,
                help_text="Used when the waist column's name does not say cm or in.",
            )


class UploadForm(ReadOptionsForm):
    file = forms.FileField(
        label="File to import",
        help_text=f"A CSV or JSON file of up to {MAX_BYTES // (1024 * 1024)} MB.",
    )
    field_order = ["file", "source", "unit", "date_format"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit_checked"]  # a doubt about the unit is answered on the preview

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)  # before a single byte is read
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload


class ConfirmForm(forms.Form):
    duplicates = forms.ChoiceField(
        label="Entries on a date that already has one",
        choices=[
            ("skip", "Keep what I have (skip the file's entry)"),
            ("replace", "Replace mine with the file's entry"),
        ],
        initial="skip",
        widget=forms.RadioSelect,
    )
    restore_profile = forms.BooleanField(
        label="Also use the backup's profile settings (units, height, time zone …)",
        required=False,
    )
