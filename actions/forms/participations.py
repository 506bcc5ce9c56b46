"""Forms of actions: participations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import Organisation

from ..models import CollectiveAction, Participation


class ParticipationForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    class Meta:
        model = Participation
        fields = [
            "organisation",
            "status",
            "withdrawal_reason",
            "group",
            "engaged_on",
            "du_formalised_on",
            "action_plan_on",
            "prevention_system_on",
            "notes",
        ]
        widgets = {
            "withdrawal_reason": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, action: CollectiveAction, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.COMPANY
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Participation.Status.WITHDRAWN
            and not (data.get("withdrawal_reason") or "").strip()
        ):
            self.add_error("withdrawal_reason", _("Give the reason why the company withdrew."))
        organisation = data.get("organisation")
        if organisation is not None:
            clash = Participation.objects.filter(action=self.action, organisation=organisation)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("organisation", _("This company already takes part in the action."))
        return data


class ParticipationImportForm(Form):
    submit_label = _("Import")
    file = forms.FileField(label=_("CSV or Excel file"))
