from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils.translation import pgettext_lazy

from .auth_throttle import password_reset_allowed


class LoginForm(AuthenticationForm):
    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        # A context of its own: django.contrib.auth's catalogue (earlier in INSTALLED_APPS, so it
        # wins) already translates a plain "Username" as « Nom d'utilisateur ».
        self.fields["username"].label = pgettext_lazy("login form", "Username")
        # AuthenticationForm sets max_length after the field is built: no validator, so a
        # 200 000-character name reached the login throttle's varchar(255) (a server error).
        self.fields["username"].validators.append(
            MaxLengthValidator(cast(forms.CharField, self.fields["username"]).max_length)
        )
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, with a few e-mails per address and per target e-mail per hour: past that the
    e-mail is not sent again, and the page answers the same (it never tells whether an account exists)."""

    def save(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        if request is not None and not password_reset_allowed(request, self.cleaned_data["email"]):
            return
        super().save(*args, request=request, **kwargs)  # type: ignore[misc]  # Django's views pass only keywords
