"""Form conventions: French numbers (12,5 or 12.5), native date pickers, crispy layout."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Dates people may type: far enough for any plan, near enough that date arithmetic (a phase's
# end + 30 days, a series of meetings, a timeline's ticks) cannot leave Python's range.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def validate_plausible_date(value: date | datetime | None) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def frenchify_fields(form: forms.BaseForm) -> None:
    """Decimals accept a comma or a point; dates use the browser's date picker, between 1900 and 2100."""
    for field in form.fields.values():
        if (
            isinstance(field, forms.DateField | forms.DateTimeField)
            and validate_plausible_date not in field.validators
        ):
            field.validators.append(validate_plausible_date)
        if isinstance(field, forms.DecimalField | forms.FloatField):
            field.localize = True
            field.widget = forms.TextInput(attrs={"inputmode": "decimal", **field.widget.attrs})
            field.widget.is_localized = True
        elif isinstance(field, forms.DateTimeField) and not isinstance(field.widget, forms.HiddenInput):
            field.widget = DateTimeInput(attrs=field.widget.attrs)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", *forms.DateTimeField.input_formats]
        elif isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
            field.widget = DateInput(attrs=field.widget.attrs)


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class CopiloteFormMixin(_FormBase):
    """Mixed into every form: French inputs and a crispy helper with a French submit button."""

    submit_label = _("Save")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frenchify_fields(self)
        self.helper = FormHelper(self)
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        if self.submit_label:
            self.helper.add_input(Submit("submit", self.submit_label))


class Form(CopiloteFormMixin, forms.Form):
    pass


class ModelForm(CopiloteFormMixin, forms.ModelForm):
    pass
