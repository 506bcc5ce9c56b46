from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import pgettext_lazy


class LoginForm(AuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # A context of its own: django.contrib.auth's catalogue (earlier in INSTALLED_APPS, so it
        # wins) already translates a plain "Username" as « Nom d'utilisateur ».
        self.fields["username"].label = pgettext_lazy("login form", "Username")
        # AuthenticationForm sets max_length after the field is built: no validator, so a
        # 200 000-character name reached the login throttle's varchar(255) (a server error).
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
