"""Forms of actions: the fiche-action and its lists (conditions, financing, team)."""

from __future__ import annotations

from django import forms
from django.forms import BaseFormSet, BaseInlineFormSet, formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm, frenchify_fields
from core.idempotency import SubmitOnceMixin
from directory.models import Organisation, Person

from ..models import CollectiveAction, FinancingLine, Programme, SuccessCondition, TeamMember
from ._common import RATING_CHOICES, EmbeddedMixin

# The fiche's sections as seed 003 orders them: a title, then its lines (two or three fields a line).
FICHE_SECTIONS = [
    (
        _("Identification"),
        [("code", "title"), ("axis", "status", "porteur"), ("start_date", "end_date", "territory")],
    ),
    (_("Needs and description"), [("needs",), ("description",), ("themes",)]),
    (_("Target"), [("target_sizes", "target_sectors")]),
    (
        _("Operational deployment"),
        [
            ("governance_composition", "pilotage"),
            ("budget_min_keur", "budget_max_keur", "budget_note"),
            ("preparation_months", "deployment_months", "duration_note"),
            ("evaluation_criteria", "technical_support"),
        ],
    ),
    (_("A-priori evaluation"), [("pertinence", "feasibility")]),
]
FICHE_FIELDS = [name for _title, lines in FICHE_SECTIONS for line in lines for name in line]


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
        """The fiche's sections (`FICHE_SECTIONS`): a lone field on its own, the others side by side."""
        from crispy_forms.layout import Column, Fieldset, Layout, Row

        def line(names):
            present = [name for name in names if name in self.fields]
            if len(names) == 1:
                return present[0] if present else None
            return Row(*[Column(name, css_class="col-md") for name in present]) if present else None

        sections = []
        for title, lines in FICHE_SECTIONS:
            shown = [x for x in (line(names) for names in lines) if x is not None]
            if shown:
                sections.append(Fieldset(title, *shown))
        return Layout(*sections)

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
