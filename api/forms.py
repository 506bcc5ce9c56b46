from django import forms

from core.idempotency import SubmitOnceMixin

from .models import ApiToken


class ApiTokenForm(SubmitOnceMixin, forms.ModelForm):
    """A new token: a double click or a re-sent form creates one token (one-time form token)."""

    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}
