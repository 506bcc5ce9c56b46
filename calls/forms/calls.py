"""Forms of calls: staff: the call"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from actions.models import CollectiveAction, ProgrammeAxis
from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from governance.models import Committee

from .. import selectors
from ..models import Call
from ._common import _ListVersionMixin


class CallForm(SubmitOnceMixin, _ListVersionMixin, VersionedFormMixin, ModelForm):
    """The call, with a version (edit conflicts, `core.conflicts`), the key of its criteria as opened
    (they are edited in formsets beside it) and, for a new call, a one-time token."""

    submit_label = None
    list_field = "criteria_seen"
    list_version = staticmethod(selectors.criteria_version)

    class Meta:
        model = Call
        fields = [
            "programme",
            "title",
            "slug",
            "text",
            "axes",
            "opens_at",
            "closes_at",
            "max_selected",
            "max_organisations",
            "max_per_organisation",
            "min_health_insurance",
            "action",
            "selection_committee",
            "contact_email",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "axes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.fields["programme"].queryset = programmes
        self.fields["axes"].queryset = ProgrammeAxis.objects.filter(programme__in=programmes).select_related(
            "programme"
        )
        self.fields["axes"].label_from_instance = lambda axis: f"{axis.programme.code} — {axis}"
        self.fields["action"].queryset = CollectiveAction.objects.filter(programme__in=programmes)
        self.fields["selection_committee"].queryset = Committee.objects.filter(
            kind=Committee.Kind.SELECTION, programme__in=programmes
        )
        self.fields["opens_at"].help_text = _("Paris time.")
        self.fields["closes_at"].help_text = _("Paris time. Submissions are refused from this moment.")
        if self.instance.pk:
            self.fields["programme"].disabled = True


class EligibilityCriterionForm(Form):
    submit_label = None
    text = forms.CharField(
        label=_("Eligibility criterion"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class PriorityCriterionForm(Form):
    submit_label = None
    text = forms.CharField(label=_("Prioritisation criterion"), max_length=500, required=False)
    axis = forms.ModelChoiceField(
        label=_("Axis"), queryset=ProgrammeAxis.objects.none(), required=False, empty_label=_("Every axis")
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=Decimal("0.1"),
        max_value=Decimal("10"),
        decimal_places=1,
        initial=Decimal("1"),
        required=False,
    )

    def __init__(self, *args, axes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if axes is not None:
            self.fields["axis"].queryset = axes
        self.fields["text"].widget.attrs.update({"class": "form-control", "placeholder": _("Criterion")})
        self.fields["axis"].widget.attrs["class"] = "form-select"
        self.fields["weight"].widget.attrs.update({"class": "form-control", "placeholder": _("Weight")})


EligibilityFormSet = formset_factory(EligibilityCriterionForm, extra=3)


PriorityFormSet = formset_factory(PriorityCriterionForm, extra=3)
