"""Forms of actions: phases and the moves between them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm

from ..models import ActionPhase


class PhaseForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = ActionPhase
        fields = ["planned_start", "planned_end", "actual_start", "actual_end", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class PhaseAdvanceForm(Form):
    """The confirmation of a move forward (next phase or closing).

    `phase` is the phase the user saw: a doubled or stale form changes nothing twice. The override
    reason is asked only when required deliverables are missing (the service checks it).
    """

    submit_label = _("Confirm")
    phase = forms.IntegerField(widget=forms.HiddenInput, required=False)
    override_reason = forms.CharField(
        label=_("Reason for moving on without the validated deliverables"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the action's history and shown to the steering committee."),
        required=False,
    )

    def __init__(self, *args, needs_reason: bool = False, submit_label=None, **kwargs):
        if submit_label:
            self.submit_label = submit_label
        super().__init__(*args, **kwargs)
        if not needs_reason:
            del self.fields["override_reason"]


class ReopenForm(Form):
    """Going back: a previous phase, or a closed action. The written reason is required."""

    submit_label = _("Reopen")
    phase = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Required. Kept in the action's history, with your name and the date."),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        if submit_label:
            self.submit_label = submit_label
        super().__init__(*args, **kwargs)
