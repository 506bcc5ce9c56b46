from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.forms import BaseFormSet, BaseInlineFormSet, formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm, frenchify_fields
from core.idempotency import SubmitOnceMixin
from directory.models import Organisation, Person

from .models import (
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Participation,
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
    SuccessCondition,
    TeamMember,
)

RATING_CHOICES = [("", "—")] + [(n, "★" * n + "☆" * (5 - n)) for n in range(1, 6)]


class EmbeddedMixin:
    """A form rendered inside a page-level <form> with formsets: no tag, no button of its own."""

    submit_label = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.embed_helper()

    def embed_helper(self):
        from crispy_forms.helper import FormHelper

        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# --- Programmes ----------------------------------------------------------------------
class ProgrammeForm(VersionedFormMixin, SubmitOnceMixin, EmbeddedMixin, ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "code", "kind", "territory", "start_date", "end_date", "porteur", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["porteur"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.COMPANY
        ).order_by("name")


class AxisForm(ModelForm):
    submit_label = None

    class Meta:
        model = ProgrammeAxis
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class StepForm(ModelForm):
    submit_label = None

    class Meta:
        model = ProgrammeStep
        fields = ["number", "title", "period", "mobilisation_days", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class BaseProtectedDeletionFormSet(BaseInlineFormSet):
    """Lines ticked « Remove » that other records still point to (an axis chosen by applications
    to a call…) are refused with the form, instead of failing in the database on save."""

    def clean(self):
        super().clean()
        errors = []
        for form in self.deleted_forms:
            instance = form.instance
            if instance.pk is None:
                continue
            collector = Collector(using=router.db_for_write(type(instance)))
            try:
                collector.collect([instance])
            except (ProtectedError, RestrictedError):
                errors.append(
                    ValidationError(
                        _(
                            "« %(name)s » is still used elsewhere (for instance by applications to a call): "
                            "it cannot be removed."
                        ),
                        params={"name": instance},
                    )
                )
        if errors:
            raise ValidationError(errors)


AxisFormSet = inlineformset_factory(
    Programme, ProgrammeAxis, form=AxisForm, formset=BaseProtectedDeletionFormSet, extra=1, can_delete=True
)
StepFormSet = inlineformset_factory(
    Programme, ProgrammeStep, form=StepForm, formset=BaseProtectedDeletionFormSet, extra=1, can_delete=True
)


# --- Actions -------------------------------------------------------------------------
FICHE_FIELDS = [
    "axis",
    "code",
    "title",
    "status",
    "needs",
    "description",
    "themes",
    "porteur",
    "territory",
    "target_sizes",
    "target_sectors",
    "governance_composition",
    "pilotage",
    "budget_min_keur",
    "budget_max_keur",
    "budget_note",
    "preparation_months",
    "deployment_months",
    "duration_note",
    "evaluation_criteria",
    "technical_support",
    "pertinence",
    "feasibility",
    "start_date",
    "end_date",
]


class ActionForm(VersionedFormMixin, EmbeddedMixin, ModelForm):
    """The fiche-action's own fields (its lists are formsets beside it)."""

    pertinence = forms.TypedChoiceField(
        label=_("A-priori pertinence"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False
    )
    feasibility = forms.TypedChoiceField(
        label=_("A-priori feasibility"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = CollectiveAction
        fields = FICHE_FIELDS
        widgets = {
            "needs": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "governance_composition": forms.Textarea(attrs={"rows": 2}),
            "pilotage": forms.Textarea(attrs={"rows": 2}),
            "evaluation_criteria": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
        }
        labels = {
            "needs": _("Needs and description of the action"),
            "description": _("Additional description"),
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["axis"].queryset = programme.axes.all()
        self.fields["porteur"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.COMPANY
        ).order_by("name")
        if not programme.axes.exists():
            del self.fields["axis"]
        self.embed_helper()
        self.helper.render_hidden_fields = True  # the version the fiche was opened on
        self.helper.layout = self.fiche_layout()

    def fiche_layout(self):
        """The fiche's sections, as seed 003 orders them, two or three fields a row."""
        from crispy_forms.layout import Column, Fieldset, Layout, Row

        def row(*names):
            present = [name for name in names if name in self.fields]
            return Row(*[Column(name, css_class="col-md") for name in present]) if present else None

        sections = [
            Fieldset(
                _("Identification"),
                row("code", "title"),
                row("axis", "status", "porteur"),
                row("start_date", "end_date", "territory"),
            ),
            Fieldset(_("Needs and description"), "needs", "description", "themes"),
            Fieldset(_("Target"), row("target_sizes", "target_sectors")),
            Fieldset(
                _("Operational deployment"),
                row("governance_composition", "pilotage"),
                row("budget_min_keur", "budget_max_keur", "budget_note"),
                row("preparation_months", "deployment_months", "duration_note"),
                row("evaluation_criteria", "technical_support"),
            ),
            Fieldset(_("A-priori evaluation"), row("pertinence", "feasibility")),
        ]
        return Layout(*[s for s in sections if s is not None])

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = CollectiveAction.objects.filter(programme=self.programme, code=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another action of this programme already has this code."))
        return code


class ActionCreateForm(SubmitOnceMixin, ActionForm):
    class Meta(ActionForm.Meta):
        fields = [f for f in FICHE_FIELDS if f not in ("status", "end_date")]


class FicheRestoreForm(VersionedFormMixin, Form):
    """The confirmation of a restore: the version of the fiche the person compared with (`versioned=action`)."""

    submit_label = _("Restore these texts")


class TextItemForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class BaseTextItemFormSet(BaseFormSet):
    def items(self) -> list[str]:
        return [
            form.cleaned_data["text"].strip()
            for form in self.forms
            if form.cleaned_data.get("text", "").strip() and not form.cleaned_data.get("DELETE")
        ]


TextItemFormSet = formset_factory(TextItemForm, formset=BaseTextItemFormSet, extra=2, can_delete=True)


def text_items_initial(items) -> list[dict]:
    return [{"text": item} for item in items or []]


class SuccessConditionForm(forms.ModelForm):
    class Meta:
        model = SuccessCondition
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class FinancingLineForm(forms.ModelForm):
    class Meta:
        model = FinancingLine
        fields = ["funder", "amount_eur", "share_percent", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.COMPANY
        ).order_by("name")
        frenchify_fields(self)


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["person", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("organisation").order_by(
            "last_name", "first_name"
        )


class BaseTeamFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        pilots, seen = 0, set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            person = data.get("person")
            if person in seen:
                raise forms.ValidationError(_("A person appears twice in the team."))
            seen.add(person)
            if data.get("role") == TeamMember.Role.PILOT:
                pilots += 1
        if not pilots:
            raise forms.ValidationError(_("The team needs at least one pilot."))


SuccessConditionFormSet = inlineformset_factory(
    CollectiveAction, SuccessCondition, form=SuccessConditionForm, extra=1, can_delete=True
)
FinancingLineFormSet = inlineformset_factory(
    CollectiveAction, FinancingLine, form=FinancingLineForm, extra=1, can_delete=True
)
TeamFormSet = inlineformset_factory(
    CollectiveAction, TeamMember, form=TeamMemberForm, formset=BaseTeamFormSet, extra=1, can_delete=True
)


class ProgrammeChoiceForm(Form):
    submit_label = _("Continue")
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.helper.form_method = "get"


# --- Phases --------------------------------------------------------------------------
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


# --- Deliverables --------------------------------------------------------------------
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


# --- Participations ------------------------------------------------------------------
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
