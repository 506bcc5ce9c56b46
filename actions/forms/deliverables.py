"""Forms of actions: deliverables."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin

from ..models import CollectiveAction, Deliverable


class DeliverableForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    class Meta:
        model = Deliverable
        fields = ["phase", "title", "description", "is_required", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, action: CollectiveAction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = action.phases.order_by("number")
        self.fields["phase"].label_from_instance = lambda phase: f"{phase.number}. {phase.reference.name}"


class DeliverableUploadForm(Form):
    submit_label = _("Upload")
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG; the type is checked from the content."),
    )


class DeliverableValidateForm(Form):
    submit_label = _("Validate the deliverable")
    note = forms.CharField(
        label=_("Validation note"),
        required=False,
        max_length=255,
        help_text=_("For instance the meeting that validated it."),
    )


class DeliverableStatusForm(Form):
    submit_label = _("Change the status")
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(v, label) for v, label in Deliverable.Status.choices if v != Deliverable.Status.VALIDATED],
    )
