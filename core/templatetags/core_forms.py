"""Accessible forms: the error summary shown at the top of a refused form, and the required-fields legend.

`templates/includes/form_errors.html` renders the summary; crispy's `bootstrap5/errors.html` includes it,
and hand-written form pages (the month's entry, the attendance list) include it themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.template import Context

register = template.Library()


@dataclass(frozen=True)
class SummaryItem:
    message: str
    label: str = ""
    href: str = ""


def field_anchor(bound_field: forms.BoundField) -> str:
    """The id of the control a summary link leads to (the first box of a group of radios or checkboxes)."""
    if not bound_field.auto_id or bound_field.is_hidden:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    if isinstance(widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


def summary_items(*forms_or_formsets: Any) -> list[SummaryItem]:
    """Every error of the given forms and formsets, in the page's order: form-wide errors first."""
    items: list[SummaryItem] = []
    for candidate in forms_or_formsets:
        if isinstance(candidate, list | tuple):
            items += summary_items(*candidate)
            continue
        if candidate is None or not getattr(candidate, "is_bound", False):
            continue
        if isinstance(candidate, forms.BaseFormSet):
            items += [SummaryItem(message=str(e)) for e in candidate.non_form_errors()]
            items += summary_items(*candidate.forms)
            continue
        items += [SummaryItem(message=str(e)) for e in candidate.non_field_errors()]
        for name, errors in candidate.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            if name not in candidate.fields:
                items += [SummaryItem(message=str(e)) for e in errors]
                continue
            bound = candidate[name]
            anchor = field_anchor(bound)
            items += [
                SummaryItem(message=str(e), label=str(bound.label or ""), href=f"#{anchor}" if anchor else "")
                for e in errors
            ]
    return items


@register.simple_tag
def error_summary_items(*forms_or_formsets: Any) -> list[SummaryItem]:
    return summary_items(*forms_or_formsets)


@register.simple_tag(takes_context=True)
def page_formsets(context: Context, form: Any) -> list[forms.BaseFormSet]:
    """The bound formsets of the page (its context, in order) other than `form`: a page with a form and
    several formsets shows one error summary, not one per formset (bootstrap5/errors.html)."""
    found: list[forms.BaseFormSet] = []
    for layer in context.dicts:
        for value in layer.values():
            if (
                isinstance(value, forms.BaseFormSet)
                and value.is_bound
                and value is not form
                and not any(value is seen for seen in found)
            ):
                found.append(value)
    return found


@register.filter
def has_required_fields(form: Any) -> bool:
    """Whether a visible field of the form must be filled in (then the page explains the asterisk)."""
    return any(f.field.required and not f.is_hidden and not f.field.disabled for f in form) if form else False
