"""Forms of calls: applicants"""

from __future__ import annotations

from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from core.validators import validate_siret

from .. import selectors
from ..models import Application, Call, ProjectTeamMember
from ..validators import validate_finess
from ._common import _ListVersionMixin, _yes_no_field, _yes_no_initial

# The application's fields, in the groups the form shows them in (the model form's fields and its layout).
STRUCTURE_FIELDS = (
    "structure_name",
    "managing_organisation",
    "category",
    "sector",
    "capacity",
    "health_insurance_funded",
    "siret",
    "finess_legal",
    "finess_site",
    "director_name",
)
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
PROJECT_FIELDS = ("axis", "reasons")
DIGITAL_FIELDS = (
    "has_digital_tools",
    "digital_tools",
    "mss_solution",
    "other_tools",
    "digital_history",
    "it_roles",
    "esms_numerique",
    "sons",
)


class ApplicationForm(SubmitOnceMixin, _ListVersionMixin, VersionedFormMixin, ModelForm):
    """Every field may be left empty in a draft; completeness is checked when submitting.

    Posted twice, a new application is created once (one-time token); a draft saved on a stale version
    (two people with the same private link) comes back with the other's values (`core.conflicts`).
    """

    submit_label = None
    list_field = "team_seen"
    list_version = staticmethod(selectors.team_version)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    digital_tools = forms.MultipleChoiceField(
        label=_("If so, which ones?"),
        choices=Application.DigitalTool.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = [
            *STRUCTURE_FIELDS,
            *CONTACT_FIELDS,
            *PROJECT_FIELDS,
            *DIGITAL_FIELDS,
        ]
        widgets = {
            "reasons": forms.Textarea(attrs={"rows": 6}),
            "digital_history": forms.Textarea(attrs={"rows": 4}),
            "it_roles": forms.Textarea(attrs={"rows": 3}),
            "axis": forms.RadioSelect,
        }

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for name, field in self.fields.items():
            field.required = False
            if name != "website":
                field.widget.attrs.setdefault(
                    "autocomplete", "off" if "finess" in name or name == "siret" else "on"
                )
        for name, label in [
            ("health_insurance_funded", _("Is the structure under ARS / health-insurance funding?")),
            ("has_digital_tools", _("Does your structure use digital tools?")),
            ("esms_numerique", _("Have you already taken part in the ESMS Numérique programme?")),
            ("sons", _("Have you already benefited from SONS?")),
        ]:
            self.fields[name] = _yes_no_field(label)
            self.initial[name] = _yes_no_initial(getattr(self.instance, name))
        self.fields["axis"].queryset = call.axes.all()
        self.fields["axis"].empty_label = None
        self.fields["axis"].label = _("Your structure applies on")
        self.fields["siret"].widget.attrs["inputmode"] = "numeric"
        self.fields["capacity"].widget.attrs["inputmode"] = "numeric"
        self.fields["contact_email"].help_text = _("The private link and the acknowledgement are sent there.")
        self.fields["finess_legal"].help_text = _("9 characters, the managing organisation's number.")
        self.fields["finess_site"].help_text = _("9 characters, the establishment's number.")
        self.eligibility_fields = []
        for criterion in call.eligibility_criteria.all():
            name = f"eligibility_{criterion.pk}"
            self.fields[name] = _yes_no_field(criterion.text)
            answer = self.instance.eligibility_answers.get(str(criterion.pk)) if self.instance.pk else None
            self.initial[name] = _yes_no_initial(answer)
            self.eligibility_fields.append(name)
        self.helper.layout = Layout(
            Div("website", css_class="d-none", aria_hidden="true"),
            Fieldset(_("Your structure"), *STRUCTURE_FIELDS),
            Fieldset(_("Contact person"), *CONTACT_FIELDS),
            Fieldset(_("Your project"), *PROJECT_FIELDS),
            Fieldset(
                _("Eligibility"),
                HTML(
                    '<p class="small text-muted">{}</p>'.format(_("Does your structure meet each condition?"))
                ),
                *self.eligibility_fields,
            ),
            Fieldset(_("Digital tools in your structure"), *DIGITAL_FIELDS),
        )

    def show_conflict(self, conflict) -> None:
        super().show_conflict(conflict)
        if "digital_tools" in conflict.merged:  # a list: one value per ticked box
            data = self.data.copy()
            data.setlist(self.add_prefix("digital_tools"), list(conflict.merged["digital_tools"] or []))
            self.data = data
        for name in ("health_insurance_funded", "has_digital_tools", "esms_numerique", "sons"):
            if name in conflict.merged:  # yes/no radios
                data = self.data.copy()
                data[self.add_prefix(name)] = _yes_no_initial(conflict.merged[name]) or ""
                self.data = data

    def clean_siret(self):
        value = self.cleaned_data.get("siret", "")
        if value:
            validate_siret(value)
        return value

    def clean_finess_legal(self):
        value = self.cleaned_data.get("finess_legal", "")
        if value:
            validate_finess(value)
        return value

    def clean_finess_site(self):
        value = self.cleaned_data.get("finess_site", "")
        if value:
            validate_finess(value)
        return value

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def application_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}

    def eligibility_answers(self) -> dict:
        return {name.split("_", 1)[1]: self.cleaned_data.get(name) for name in self.eligibility_fields}


class ProjectTeamMemberForm(forms.ModelForm):
    class Meta:
        model = ProjectTeamMember
        fields = ["full_name", "function", "project_role", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        cleaned = super().clean()
        filled = any(cleaned.get(name) for name in self.Meta.fields)
        if filled and not cleaned.get("full_name"):
            self.add_error("full_name", _("Give the name of this member."))
        return cleaned

    def _post_clean(self):
        # The model instance is rebuilt by the service: only field-level validation matters here.
        pass


TEAM_ROWS = 5


def team_formset(*, data=None, application: Application | None = None):
    rows = (
        list(application.team.values(*ProjectTeamMemberForm.Meta.fields))
        if application and application.pk
        else []
    )
    extra = max(TEAM_ROWS - len(rows), 2)
    formset_class = formset_factory(ProjectTeamMemberForm, extra=extra)
    return formset_class(data=data, initial=rows, prefix="equipe")


def team_rows(formset) -> list[dict]:
    return [
        {name: form.cleaned_data.get(name, "") or "" for name in ProjectTeamMemberForm.Meta.fields}
        for form in formset.forms
        if form.cleaned_data.get("full_name")
    ]


class ComplementAnswerForm(Form):
    submit_label = _("Send my answer")
    answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
