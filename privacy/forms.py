from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


class PersonSearchForm(Form):
    submit_label = _("Search")

    q = forms.CharField(label=_("Name or e-mail address"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"


class AnonymiseForm(Form):
    submit_label = _("Anonymise this person")

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The request (who made it, when); kept with the erasure."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm: their name, e-mail address and phone number will be replaced everywhere, for good."
        ),
    )
