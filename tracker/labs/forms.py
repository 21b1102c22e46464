"""The lab report form: the report (date, lab, fasting) and any number of result rows,
checked together and saved all at once. The owner is always taken from the request."""

from decimal import Decimal

from django import forms
from django.db import transaction
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone

from tracker import display
from tracker.fields import DateInput, Reading, ReadingField, check_date
from tracker.models import LabReport, LabResult
from tracker.science import labs, rules, units

PREFIX = "r"
BLANK_ROWS = 3  # a fresh form shows this many rows; "Add a test" adds more
MAX_ROWS = 60  # more rows than this in one post is not a lab report
GROUP_LABELS = {
    "liver": "Liver",
    "glucose": "Glucose and insulin",
    "lipids": "Lipids",
    "blood": "Blood count and kidney",
    "imaging": "Imaging",
}
ROW_FIELDS = ("test", "value", "unit", "lab_low", "lab_high")
EMPTY_REPORT = "Add at least one test result."
ORDER = {test.key: i for i, test in enumerate(labs.CATALOGUE)}
NUMBER_PLACEHOLDER = "__number__"  # the row's number in the row template, like __prefix__


def test_choices():
    grouped = [
        (
            GROUP_LABELS.get(group, group.capitalize()),
            [(t.key, f"{t.short} ({t.name})" if t.short != t.name else t.name) for t in tests],
        )
        for group in labs.GROUPS
        if (tests := [t for t in labs.CATALOGUE if t.group == group])
    ]
    return [("", "Choose a test…"), *grouped]


def all_units():
    """Every unit of the catalogue, once, in catalogue order (for a row with no test yet)."""
    return list(dict.fromkeys(unit for test in labs.CATALOGUE for unit in test.accepted_units))


either = rules.either


def preferred_unit(test, profile):
    return display.display_unit(test, profile)


def unit_table(profile) -> dict[str, dict]:
    """Each test's units and the one this person reads it in, for the page's script:
    a row added on the client gets its units without asking the server."""
    return {
        test.key: {"units": list(test.accepted_units), "unit": preferred_unit(test, profile)}
        for test in labs.CATALOGUE
    }


def panel_rows(panel: labs.Panel, rows: list[dict]) -> list[dict]:
    """A row for each test of the panel that the rows don't have yet (the test's unit
    is the person's, filled in by the row form)."""
    have = {row.get("test") for row in rows}
    return [{"test": key} for key in panel.tests if key not in have]


def _number(label, **kwargs):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=10,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **kwargs,
    )


class FastingSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Not recorded"), ("true", "Yes"), ("false", "No")]


class ReportForm(forms.ModelForm):
    fasting = forms.NullBooleanField(
        label="Fasting?",
        required=False,
        widget=FastingSelect,
        help_text="Glucose and insulin from a report marked “No” are not used in scores.",
    )

    class Meta:
        model = LabReport
        fields = ["date", "lab_name", "fasting", "note"]
        labels = {"date": "Date of the test", "lab_name": "Lab or clinic"}
        help_texts = {"lab_name": "Optional, as printed on the report."}

    def __init__(self, *args, born=None, **kwargs):
        self.born = born
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["date"].widget = DateInput(attrs={"max": today.isoformat()})
        if not self.is_bound and self.initial.get("date") is None:
            self.initial["date"] = today

    def clean_date(self):
        return check_date(self.cleaned_data["date"], "The report date", self.born)


class ResultRowForm(forms.ModelForm):
    """One test of the report, a form of the inline formset below. An entirely empty
    row is allowed and ignored; on edit, a row cleared by the person removes its result.
    The values are typed numbers checked against the test, so they are form fields, not
    the model's (the canonical values are worked out in apply_to())."""

    test = forms.ChoiceField(label="Test", required=False, choices=test_choices)
    value = ReadingField(
        label="Value",
        required=False,
        max_digits=10,
        decimal_places=3,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # A text field shown as a select: the choices depend on the test, so the unit is
    # checked against the chosen test in clean() with a message that names the right ones.
    unit = forms.CharField(label="Unit", required=False, max_length=12)
    lab_low = _number("Lab low", min_value=0)
    lab_high = _number("Lab high", min_value=0)

    class Meta:
        model = LabResult
        fields: tuple[str, ...] = ()

    def __init__(self, *args, profile, quiet=False, **kwargs):
        self.profile = profile
        self.quiet = quiet  # shown again without checking ("Add a test" without JS)
        super().__init__(*args, **kwargs)
        # The formset's empty_form (prefix "r-__prefix__") is the page's row template:
        # its placeholders are replaced in the browser (static/js/labs.js).
        suffix = self.prefix.rsplit("-", 1)[1]
        index = self.index = int(suffix) if suffix.isdigit() else suffix
        self.number = index + 1 if isinstance(index, int) else NUMBER_PLACEHOLDER
        if self.instance.pk and not self.is_bound:
            self.initial.update(typed_row(self.instance))
        self.test_obj = self._chosen_test()
        # Choosing a test fills its units from the page's table (static/js/labs.js), or
        # fetches them (htmx) when no test is chosen; without JavaScript every unit is listed.
        self.fields["test"].widget.attrs.update(
            {
                "hx-get": f"{reverse('labs_row_units')}?index={index}",
                "hx-target": f"#row-{index}-unit",
                "hx-swap": "outerHTML",
            }
        )
        if self.test_obj:
            options = list(self.test_obj.accepted_units)
            if not self.is_bound:
                self.initial.setdefault("unit", preferred_unit(self.test_obj, profile))
        else:
            options = all_units()
        self.fields["unit"].widget = forms.Select(
            choices=[("", "Unit…"), *[(u, u) for u in options]]
        )
        if self.test_obj and self.test_obj.labels:
            words = ", ".join(f"{n} {w}" for n, w in self.test_obj.labels)
            self.fields["value"].help_text = words

    def _chosen_test(self):
        key = self.data.get(self.add_prefix("test")) if self.is_bound else self.initial.get("test")
        try:
            return labs.get(key) if key else None
        except labs.UnknownLabTest:
            return None

    @property
    def is_empty(self):
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not any(
            data.get(name) not in (None, "") for name in ("test", "value", "lab_low", "lab_high")
        )

    def _post_clean(self):
        # The typed fields are checked in clean() and copied by apply_to(); the model's
        # own validation here would read canonical columns not yet worked out.
        pass

    def full_clean(self):
        if not self.quiet:
            return super().full_clean()
        self._errors, self.cleaned_data = ErrorDict(), {}

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.is_empty:
            return cleaned
        test = labs.get(cleaned["test"]) if cleaned.get("test") else None
        reading: Reading | None = cleaned.get("value")
        value, unit = reading and reading.number, cleaned.get("unit")
        if test is None:
            self.add_error("test", "Choose which test this value is for.")
            return cleaned
        if reading is None:
            self.add_error("value", f"Enter the {test.short} value, or clear this row.")
        elif reading.qualifier and test.labels:
            self.add_error("value", f"Enter the {test.short} itself; it cannot be a bound.")
        if not unit:
            self.add_error("unit", f"Choose the unit: {either(test.accepted_units)}.")
            return cleaned
        if unit not in test.accepted_units:
            self.add_error(
                "unit", f"{unit} is not a unit for {test.short}; use {either(test.accepted_units)}."
            )
            return cleaned
        if value is not None:
            self._check_value(test, value, unit)
        self._check_range(test, cleaned.get("lab_low"), cleaned.get("lab_high"), unit)
        return cleaned

    def _check_value(self, test, value, unit):
        problem = rules.lab_value_problem(test, value, unit)
        if problem:
            self.add_error("value", problem)

    def _check_range(self, test, low, high, unit):
        problem = rules.lab_range_problem(low, high)
        if problem:
            self.add_error("lab_high", problem)

    def apply_to(self, result: LabResult) -> LabResult:
        data = self.cleaned_data
        reading = data["value"]
        result = fill_result(
            result, data["test"], reading.number, data["unit"], data["lab_low"], data["lab_high"]
        )
        result.qualifier = reading.qualifier
        return result


def _plain(number):
    return "" if number is None else units.plain(number)


def typed_row(result: LabResult) -> dict:
    """A saved result as its row was typed."""
    return {
        "test": result.test_key,
        "value": display.bound_text(result.qualifier, units.plain(result.value_typed)),
        "unit": result.unit_typed,
        "lab_low": _plain(result.lab_low_typed),
        "lab_high": _plain(result.lab_high_typed),
    }


class BaseResultFormSet(forms.BaseInlineFormSet):
    """The report's rows in catalogue order, BLANK_ROWS of them on a fresh form."""

    default_error_messages = {
        "too_many_forms": f"A report can hold at most {MAX_ROWS} rows.",
    }

    def __init__(self, *args, blank_rows=BLANK_ROWS, **kwargs):
        self.extra = blank_rows
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        if not hasattr(self, "_sorted"):
            self._sorted = sorted(super().get_queryset(), key=lambda r: ORDER[r.test_key])
        return self._sorted


ResultFormSet = forms.inlineformset_factory(
    LabReport,
    LabResult,
    form=ResultRowForm,
    formset=BaseResultFormSet,
    fields=(),
    can_delete=False,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS + 1,
)


def result_formset(data=None, *, profile, instance, blank_rows=None, quiet=False, rows=None):
    """The rows of a report; with `rows` (typed values), exactly those rows, unbound."""
    if blank_rows is None:
        blank_rows = 1 if instance.pk else BLANK_ROWS
    extra = {}
    if rows is not None:  # results are matched by test when saved, not by row
        extra = {"queryset": LabResult.objects.none(), "initial": rows}
        blank_rows = len(rows)
    return ResultFormSet(
        data,
        instance=instance,
        prefix=PREFIX,
        blank_rows=blank_rows,
        form_kwargs={"profile": profile, "quiet": quiet},
        **extra,
    )


def typed_rows(data) -> list[dict]:
    """The rows of a posted form as typed, by the formset's row count."""
    total = min(_count(data.get(f"{PREFIX}-TOTAL_FORMS")), MAX_ROWS)
    return [
        {name: data.get(f"{PREFIX}-{i}-{name}", "") for name in ROW_FIELDS} for i in range(total)
    ]


def filled_typed_rows(data) -> list[dict]:
    """The posted rows with anything typed in them besides a unit."""
    return [
        row for row in typed_rows(data) if any(row[name] for name in ROW_FIELDS if name != "unit")
    ]


def blank_row(profile, index: int, initial=None) -> ResultRowForm:
    """One more row for a form that has `index` rows already (htmx "Add a test")."""
    formset = result_formset(profile=profile, instance=LabReport(), blank_rows=0)
    form = formset.form(
        prefix=formset.add_prefix(index),
        profile=profile,
        initial=initial,
        empty_permitted=True,
        use_required_attribute=False,
    )
    formset.add_fields(form, index)
    return form


class ReportEntry:
    """A report form and its result rows (an inline formset), validated and saved as one."""

    def __init__(self, data=None, *, profile, instance=None, quiet=False, rows=None):
        self.profile = profile
        self.instance = instance or LabReport()
        self.errors: list[str] = []
        self.report_form = ReportForm(data, instance=self.instance, born=profile.date_of_birth)
        self.formset = result_formset(
            data, profile=profile, instance=self.instance, quiet=quiet, rows=rows
        )
        self.rows = self.formset.forms

    @classmethod
    def with_more_rows(cls, data, *, profile, instance=None):
        """The posted form, unchecked, with BLANK_ROWS more empty rows (the no-JS way of
        adding rows): what was typed is shown again as it was."""
        data = data.copy()
        total = f"{PREFIX}-TOTAL_FORMS"
        shown = min(_count(data.get(total)), MAX_ROWS)
        data[total] = str(min(shown + BLANK_ROWS, MAX_ROWS))
        entry = cls(data, profile=profile, instance=instance, quiet=True)
        entry.report_form = typed_report_form(data, entry.instance)
        return entry

    @classmethod
    def with_rows(cls, data, rows, *, profile, instance=None):
        """The posted report again, unchecked, with exactly these rows (typed values):
        what the person typed stays, rows filled on the server are added."""
        entry = cls(profile=profile, instance=instance, rows=rows[:MAX_ROWS] or [{}])
        entry.report_form = typed_report_form(data, entry.instance)
        return entry

    @property
    def next_index(self):
        return len(self.rows)

    @property
    def filled_rows(self):
        return [row for row in self.rows if row.is_valid() and not row.is_empty]

    def is_valid(self):
        valid = self.report_form.is_valid()
        valid = self.formset.is_valid() and valid
        self.errors += self.formset.non_form_errors()
        if valid and not self.filled_rows:
            self.errors.append(EMPTY_REPORT)
        self._refuse_repeats()
        return valid and not self.errors and all(not row.errors for row in self.rows)

    def _refuse_repeats(self):
        seen = {}
        for number, row in enumerate(self.rows, start=1):
            key = getattr(row, "cleaned_data", {}).get("test")
            if not key:
                continue
            if key in seen:
                row.add_error(
                    "test",
                    f"{labs.get(key).short} is already in this report (row {seen[key]}); "
                    "enter each test once.",
                )
            else:
                seen[key] = number

    @transaction.atomic
    def save(self, user) -> LabReport:
        """Save the report and its rows; on edit, rows left out or cleared are deleted.
        Results are matched by test, not by row, so that swapping two rows' tests never
        collides on the one-result-per-test constraint."""
        report = self.report_form.save(commit=False)
        report.user = user
        report.save()
        existing = {result.test_key: result for result in report.results.all()}
        kept = []
        for row in self.filled_rows:
            key = row.cleaned_data["test"]
            result = existing.get(key) or LabResult(user=user, report=report)
            row.apply_to(result).save()
            kept.append(key)
        report.results.exclude(test_key__in=kept).delete()
        return report


def typed_report_form(data, instance) -> ReportForm:
    """The report's fields as posted, shown again without checking them."""
    return ReportForm(
        instance=instance, initial={name: data.get(name) for name in ReportForm.Meta.fields}
    )


def _count(text) -> int:
    return int(text) if isinstance(text, str) and text.isdigit() else 0


def fill_result(result: LabResult, test_key, value, unit, low=None, high=None) -> LabResult:
    """Set a result from typed numbers: the canonical values beside what was typed."""
    test = labs.get(test_key)

    def canonical(number):
        return None if number is None else units.to_canonical(test.analyte, float(number), unit)

    def typed(number):
        return None if number is None else Decimal(str(number))

    result.test_key, result.unit_typed = test_key, unit
    result.value, result.value_typed = canonical(value), typed(value)
    result.lab_low, result.lab_low_typed = canonical(low), typed(low)
    result.lab_high, result.lab_high_typed = canonical(high), typed(high)
    return result
