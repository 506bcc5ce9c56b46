"""Forms of governance: what several topics share"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from directory.models import Person


def _person_label(obj: Person) -> str:
    return f"{obj.full_name} ({obj.organisation})" if obj.organisation_id else obj.full_name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


def rebuild_layout(form) -> None:
    """Fields added after `CopiloteFormMixin.__init__` need the crispy layout built again."""
    form.helper = FormHelper(form)
    form.helper.form_tag = True
    form.helper.attrs = {"novalidate": ""}
    if form.submit_label:
        form.helper.add_input(Submit("submit", form.submit_label))


def bound_minutes(field, minimum: int) -> None:
    """The model's bounds on a duration, checked in the form (the model is validated by the service)."""
    field.validators += [MinValueValidator(minimum), MaxValueValidator(24 * 60)]
    field.widget.attrs.update({"min": minimum, "max": 24 * 60})


def people_queryset():
    return Person.objects.select_related("organisation").order_by("last_name", "first_name")
