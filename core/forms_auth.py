from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import pgettext_lazy


class LoginForm(AuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # A context of its own: django.contrib.auth's catalogue (earlier in INSTALLED_APPS, so it
        # wins) already translates a plain "Username" as « Nom d'utilisateur ».
        self.fields["username"].label = pgettext_lazy("login form", "Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
