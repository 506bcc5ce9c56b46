"""A service refuses a change with a ValidationError; the view shows it. One way for every view."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on `form`: on the fields it names, the rest above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def error_text(error: ValidationError) -> str:
    """The service's refusal as one sentence, for a message or a JSON reply."""
    return " ".join(error.messages)


def form_errors_as_messages(request: HttpRequest, form: forms.BaseForm) -> None:
    """The form posted is not on the page shown next (a second tab, a double click): its errors go above it."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
