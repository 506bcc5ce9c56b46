"""Forms of adherents: complaints."""

from __future__ import annotations

from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import Organisation

from ..models import Adherent, Complaint


class ComplaintForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "adherent",
            "is_non_conformity",
            "received_on",
            "channel",
            "subject",
            "description",
            "cause",
            "analysis",
            "corrective_action",
            "closed_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "analysis": forms.Textarea(attrs={"rows": 3}),
            "corrective_action": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, service: Organisation | None, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if service is None:
            # An administrator without a service of their own chooses it.
            self.fields["service"] = forms.ModelChoiceField(label=_("Service"), queryset=services)
            self.fields["adherent"].queryset = Adherent.objects.filter(service__in=services).select_related(
                "organisation"
            )
            self.helper.layout = Layout("service", *self.Meta.fields)
        else:
            self.fields["adherent"].queryset = Adherent.objects.filter(service=service).select_related(
                "organisation"
            )

    def clean_service(self):
        service = self.cleaned_data["service"]
        self.instance.service = service
        return service

    def clean(self):
        data = super().clean()
        received, closed = data.get("received_on"), data.get("closed_on")
        if closed and received and closed < received:
            self.add_error("closed_on", _("A complaint cannot be closed before it was received."))
        if closed and (not data.get("cause") or not (data.get("corrective_action") or "").strip()):
            self.add_error(
                "closed_on", _("Give the cause and the corrective action before closing the complaint.")
            )
        return data
