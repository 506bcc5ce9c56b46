"""Forms of adherents: members."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin

from ..models import Adherent, ContactAttempt, HealthUnit, Sector, StaffNote


class AdherentForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Adherent
        fields = [
            "membership_number",
            "applied_on",
            "validated_on",
            "left_on",
            "sector",
            "unit",
            "headcount",
            "sig_count",
            "sir_count",
            "disabled_workers_count",
            "accounting_firm",
            "accounting_firm_name",
            "sign_name",
            "activity_description",
            "opening_hours",
            "activity_place",
            "meeting_place",
            "has_premises",
            "has_warehouse",
            "has_worksites",
            "du_status",
            "du_help_needed",
            "ppe_and_products",
            *Adherent.PORTAL_EDITABLE_FIELDS[:-1],
        ]
        widgets = {
            "activity_description": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "ppe_and_products": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        service_id = self.instance.service_id
        self.fields["sector"].queryset = Sector.objects.filter(service_id=service_id)
        self.fields["unit"].queryset = HealthUnit.objects.filter(service_id=service_id)

    def clean(self):
        data = super().clean()
        validated, left = data.get("validated_on"), data.get("left_on")
        if validated and left and left < validated:
            self.add_error("left_on", _("The departure cannot come before the validation."))
        applied = data.get("applied_on")
        if applied and validated and validated < applied:
            self.add_error("validated_on", _("The validation cannot come before the application."))
        return data


class PortalContactsForm(VersionedFormMixin, ModelForm):
    submit_label = _("Save my contacts")

    class Meta:
        model = Adherent
        fields = list(Adherent.PORTAL_EDITABLE_FIELDS)
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 3})}


class ContactAttemptForm(SubmitOnceMixin, ModelForm):
    submit_label = _("Log the contact")

    class Meta:
        model = ContactAttempt
        fields = ["happened_at", "channel", "outcome", "person_reached", "summary", "step"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, adherent: Adherent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = adherent.steps.filter(completed_on__isnull=True).select_related("step")
        self.fields["step"].label_from_instance = lambda s: s.step.name
        self.fields["happened_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_happened_at(self):
        value = self.cleaned_data["happened_at"]
        if value and value > timezone.now() + timedelta(minutes=5):
            raise ValidationError(_("A contact cannot be logged in the future."))
        return value


class StepCompleteForm(Form):
    submit_label = _("Mark as done")
    completed_on = forms.DateField(label=_("Done on"), initial=timezone.localdate)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StaffNoteForm(SubmitOnceMixin, ModelForm):
    submit_label = _("Add the note")

    class Meta:
        model = StaffNote
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
