from __future__ import annotations

from decimal import Decimal

from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from actions.models import CollectiveAction, ProgrammeAxis
from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from core.validators import validate_siret
from governance.models import Committee

from . import selectors
from .models import SCORE_MAX, Application, Call, ProjectTeamMember
from .validators import validate_finess

YES_NO = [("oui", _("Yes")), ("non", _("No"))]


def _yes_no_field(label, required=False):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=required,
        coerce=lambda v: v == "oui",
        empty_value=None,
    )


def _yes_no_initial(value):
    if value is None:
        return None
    return "oui" if value else "non"


# --- Staff: the call --------------------------------------------------------------------
class _ListVersionMixin:
    """A hidden key of a list the page edits as a whole (`list_field`), as it was when the page was opened.

    `list_version(instance)` gives that key for the stored list (a function of `calls.selectors`).

    After validation it is in `form.list_seen` (None when the post had none), not in `cleaned_data`; when
    the form comes back with an edit conflict the key moves on with the version (saving again keeps
    the person's list).
    """

    list_field = ""
    list_version = None  # staticmethod(selectors.<list>_version) in each form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.list_field] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=self.stored_list_version(),
        )
        self.list_seen: str | None = None

    def stored_list_version(self) -> str:
        return self.list_version(self.instance)

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            seen = self.cleaned_data.pop(self.list_field, None)
            self.list_seen = seen if self.add_prefix(self.list_field) in self.data else None

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != self.list_field]

    def show_conflict(self, conflict) -> None:
        super().show_conflict(conflict)
        data = self.data.copy()
        data[self.add_prefix(self.list_field)] = self.stored_list_version()
        self.data = data


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


# --- Applicants: the public form (Annexe 1) ---------------------------------------------
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
            "contact_name",
            "contact_email",
            "contact_phone",
            "axis",
            "reasons",
            "has_digital_tools",
            "digital_tools",
            "mss_solution",
            "other_tools",
            "digital_history",
            "it_roles",
            "esms_numerique",
            "sons",
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
            Fieldset(
                _("Your structure"),
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
            ),
            Fieldset(_("Contact person"), "contact_name", "contact_email", "contact_phone"),
            Fieldset(_("Your project"), "axis", "reasons"),
            Fieldset(
                _("Eligibility"),
                HTML(
                    '<p class="small text-muted">{}</p>'.format(_("Does your structure meet each condition?"))
                ),
                *self.eligibility_fields,
            ),
            Fieldset(
                _("Digital tools in your structure"),
                "has_digital_tools",
                "digital_tools",
                "mss_solution",
                "other_tools",
                "digital_history",
                "it_roles",
                "esms_numerique",
                "sons",
            ),
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


# --- Staff: instruction ---------------------------------------------------------------
class EligibilityForm(Form):
    submit_label = _("Record the eligibility")
    eligible = forms.TypedChoiceField(
        label=_("Is the application eligible?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "oui",
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ComplementRequestForm(Form):
    submit_label = _("Send the request")
    question = forms.CharField(
        label=_("Question to the applicant"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


SCORE_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(SCORE_MAX + 1)]


class ScoreForm(Form):
    """One line per applicable criterion: a 0–5 score and a comment."""

    submit_label = _("Save the scores")

    def __init__(self, *args, criteria, scores: dict, can_score_as_committee: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        if can_score_as_committee:
            self.fields["as_committee"] = forms.BooleanField(
                label=_("Enter the scores of the committee as a whole"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=SCORE_CHOICES,
                required=False,
                coerce=int,
                empty_value=None,
                initial=str(existing.value) if existing else "",
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=500,
                initial=existing.comment if existing else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": _("Comment")}
                ),
            )

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]


class SelectionForm(Form):
    """For each eligible application: selected or not, and the reason told to the applicant."""

    submit_label = _("Check the selection before deciding it")

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows_data = rows
        for row in rows:
            pk = row.application.pk
            self.fields[f"selected_{pk}"] = forms.BooleanField(
                label=_("Retain"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
            )

    def lines(self):
        return [
            (row, self[f"selected_{row.application.pk}"], self[f"reason_{row.application.pk}"])
            for row in self.rows_data
        ]

    def decisions(self) -> dict[int, tuple[bool, str]]:
        return {
            row.application.pk: (
                bool(self.cleaned_data.get(f"selected_{row.application.pk}")),
                self.cleaned_data.get(f"reason_{row.application.pk}", ""),
            )
            for row in self.rows_data
        }


class SelectionReopenForm(Form):
    """Reopen a decided selection: the reason is kept in the call's history."""

    submit_label = _("Reopen the selection")
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Kept in the call's history with your name. The applicants are not told now: only those "
            "whose result changes will be, when the selection is decided again."
        ),
    )
