"""Forms of governance: committees"""

from __future__ import annotations

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import College, Person

from ..models import Committee, Membership
from ._common import PersonChoiceField, people_queryset, rebuild_layout


class CommitteeForm(SubmitOnceMixin, VersionedFormMixin, ModelForm):
    scope = forms.ChoiceField(
        label=_("Scope"), help_text=_("The programme or the action this committee steers.")
    )

    class Meta:
        model = Committee
        fields = ["kind", "name", "mandate", "default_duration_minutes", "default_place"]
        widgets = {"mandate": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, programmes, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        self.actions = {str(a.pk): a for a in actions}
        choices = [("", "---------")]
        if self.programmes:
            choices.append((_("Programmes"), [(f"p{pk}", str(p)) for pk, p in self.programmes.items()]))
        if self.actions:
            choices.append((_("Actions"), [(f"a{pk}", str(a)) for pk, a in self.actions.items()]))
        self.fields["scope"].choices = choices
        self.order_fields(["scope", "kind", "name", "mandate", "default_duration_minutes", "default_place"])
        if self.instance.pk:
            self.fields["scope"].required = False
            self.fields["scope"].disabled = True
            self.fields["scope"].choices = [("", str(self.instance.scope))]
        rebuild_layout(self)

    def clean_scope(self):
        value = self.cleaned_data.get("scope") or ""
        if self.instance.pk:
            return None
        if value[:1] == "p" and value[1:] in self.programmes:
            return ("programme", self.programmes[value[1:]])
        if value[:1] == "a" and value[1:] in self.actions:
            return ("action", self.actions[value[1:]])
        raise forms.ValidationError(_("Choose a programme or an action you steer."))


class CompositionRuleForm(Form):
    """The expected composition, then the quorum (rule, share or minimum per college, proxies per member)."""

    submit_label = _("Save the rule")

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        rule = committee.composition_rule or {}
        for code, label in College.choices:
            self.fields[f"college_{code}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=200,
                required=False,
                initial=(rule.get("colleges") or {}).get(code),
            )
        for code in (Membership.Role.CHAIR, Membership.Role.PILOT, Membership.Role.SECRETARY):
            self.fields[f"role_{code}"] = forms.IntegerField(
                label=Membership.Role(code).label,
                min_value=0,
                max_value=20,
                required=False,
                initial=(rule.get("roles") or {}).get(code),
            )
        self.fields["quorum_rule"] = forms.ChoiceField(
            label=_("Quorum rule"),
            choices=Committee.QuorumRule.choices,
            required=False,
            initial=committee.quorum_rule,
            widget=forms.RadioSelect,
        )
        self.fields["quorum_share"] = forms.IntegerField(
            label=_("Share of the members needed (%)"),
            min_value=1,
            max_value=100,
            required=False,
            initial=committee.quorum_share,
            help_text=_("Members present or represented, as a share of the members invited; rounded up."),
        )
        self.fields["quorum_share"].widget.attrs["inputmode"] = "numeric"
        for code, label in College.choices:
            self.fields[f"quorum_{code}"] = forms.IntegerField(
                label=_("Minimum present or represented — %(college)s") % {"college": label},
                min_value=0,
                max_value=200,
                required=False,
                initial=(committee.quorum_colleges or {}).get(code),
            )
        self.fields["max_proxies"] = forms.IntegerField(
            label=_("Proxies one member may hold"),
            min_value=0,
            max_value=20,
            initial=committee.max_proxies,
            required=False,
            help_text=_("How many absent members one member present may represent (0: no proxy)."),
        )
        rebuild_layout(self)
        names = list(self.fields)
        self.helper.layout = Layout(
            Fieldset(_("Expected composition"), *[n for n in names if n.startswith(("college_", "role_"))]),
            Fieldset(_("Quorum"), *[n for n in names if n.startswith(("quorum_", "max_proxies"))]),
        )

    def colleges(self) -> dict:
        return {k[8:]: v for k, v in self.cleaned_data.items() if k.startswith("college_") and v}

    def roles(self) -> dict:
        return {k[5:]: v for k, v in self.cleaned_data.items() if k.startswith("role_") and v}

    def quorum(self) -> dict:
        data = self.cleaned_data
        minimums = {code: data.get(f"quorum_{code}") for code, _label in College.choices}
        return {
            "rule": data.get("quorum_rule") or "",
            "share": data.get("quorum_share"),
            "colleges": {k: v for k, v in minimums.items() if v},
            "max_proxies": 1 if data.get("max_proxies") is None else data["max_proxies"],
        }


class MembershipForm(SubmitOnceMixin, VersionedFormMixin, ModelForm):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())

    class Meta:
        model = Membership
        fields = ["person", "college", "role", "start_date", "end_date"]
        help_texts = {"college": _("Left empty: the person's college in the directory.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_queryset()
        if self.instance.pk:
            self.fields["person"].disabled = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end of the mandate cannot precede its start."))
        return data

    def _post_clean(self):
        # The uniqueness and the save belong to the service.
        pass
