from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ModelForm

from .models import NotificationPreference


class NotificationPreferenceForm(ModelForm):
    submit_label = _("Save my preference")

    class Meta:
        model = NotificationPreference
        fields = ["delivery"]
        widgets = {"delivery": forms.RadioSelect}
        labels = {"delivery": _("How do you want to receive your notices?")}
