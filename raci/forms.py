"""Forms of the RACI pages. Each one gets the user so that its choices are only what they may use."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import forms as core_forms
from core.conflicts import EditConflict, VersionedFormMixin
from core.idempotency import SubmitOnceMixin
from directory.models import Organisation, Person

from . import selectors
from .letters import LettersError, WorkloadError, display_hours, normalise_letters, parse_workload
from .models import Activity, Matrix, Role


class ScopeField(forms.ChoiceField):
    """« action:12 » or « programme:3 », among what the user may edit, grouped in the list.

    Declared on the form (so the crispy layout knows it); `limit_to(user)` fills the choices.
    """

    def __init__(self, **kwargs):
        super().__init__(choices=[], label=_("For"), **kwargs)
        self.actions: dict = {}
        self.programmes: dict = {}

    def limit_to(self, user) -> None:
        actions, programmes = selectors.scopes_for_user(user)
        self.actions = {str(a.pk): a for a in actions}
        self.programmes = {str(p.pk): p for p in programmes}
        choices = [("", "---------")]
        if self.actions:
            choices.append((_("Actions"), [(f"action:{pk}", str(a)) for pk, a in self.actions.items()]))
        if self.programmes:
            choices.append(
                (_("Programmes"), [(f"programme:{pk}", str(p)) for pk, p in self.programmes.items()])
            )
        self.choices = choices

    @property
    def is_empty(self) -> bool:
        return not (self.actions or self.programmes)

    def to_scope(self, value: str) -> dict:
        kind, _sep, pk = value.partition(":")
        if kind == "action" and pk in self.actions:
            return {"action": self.actions[pk]}
        if kind == "programme" and pk in self.programmes:
            return {"programme": self.programmes[pk]}
        raise ValidationError(gettext("Choose an action or a programme you steer."))


class MatrixCreateForm(SubmitOnceMixin, core_forms.Form):
    submit_label = _("Create the matrix")

    scope = ScopeField()
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.ChoiceField(label=_("Start from"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].limit_to(user)
        self.templates = {str(t.pk): t for t in selectors.templates_for_user(user)}
        self.fields["start"].choices = [("", _("An empty matrix"))] + [
            (pk, _("The template « %(title)s »") % {"title": t.title}) for pk, t in self.templates.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("scope"):
            data.update(self.fields["scope"].to_scope(data["scope"]))
        data["template"] = self.templates.get(data.get("start") or "")
        return data


class MatrixImportForm(core_forms.Form):
    submit_label = _("Import")

    scope = ScopeField()
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_(
            "The layout of Annexe 2: Axe, Etape, Action, Description, Méthodologie/outils utilisés, "
            "Objectif, Charge de travail (en heure), then one column per role."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].limit_to(user)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean(self):
        data = super().clean()
        if data.get("scope"):
            data.update(self.fields["scope"].to_scope(data["scope"]))
        return data


class MatrixForm(VersionedFormMixin, core_forms.ModelForm):
    class Meta:
        model = Matrix
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(SubmitOnceMixin, VersionedFormMixin, core_forms.ModelForm):
    """A row. Axis and step left blank mean « same as the row above », as in the spreadsheet.

    Carries the version it was opened on (an edit made meanwhile is never overwritten silently) and,
    when it adds a row, a one-time token (posted twice, it adds one row).
    """

    workload = forms.CharField(
        label=_("Workload (in hours)"),
        required=False,
        max_length=120,
        help_text=_("A number of hours (3, 3 h, 1,5 h) or a text such as « Travaux intersession »."),
    )

    class Meta:
        model = Activity
        fields = ["axis", "step", "name", "description", "method", "objective", "meeting_label", "meeting"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 2}),
            "objective": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "axis": _("Left blank: the axis of the row above."),
            "step": _("Left blank: the step of the row above (within the same axis)."),
        }

    def __init__(self, *args, above: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.above = above
        self.order_fields(
            [
                "axis",
                "step",
                "name",
                "description",
                "method",
                "objective",
                "workload",
                "meeting_label",
                "meeting",
            ]
        )
        self.fields["meeting"].queryset = selectors.meetings_for_matrix(self.instance.matrix)
        self.fields["meeting"].label_from_instance = lambda meeting: (
            f"{meeting.committee.name} — {meeting.title} ({formats.date_format(meeting.starts_at, 'SHORT_DATE_FORMAT')})"
        )
        if self.instance.pk:
            self.initial["workload"] = (
                display_hours(self.instance.workload_hours)
                if self.instance.workload_hours is not None
                else self.instance.workload_text
            )
        if above is not None:
            self.fields["axis"].widget.attrs["placeholder"] = above.axis
            self.fields["step"].widget.attrs["placeholder"] = above.step

    def clean_workload(self):
        try:
            return parse_workload(self.cleaned_data.get("workload"))
        except WorkloadError as exc:
            raise ValidationError(
                _("A number of hours up to 9 999.99, with two decimals at most, or a text.")
            ) from exc

    def clean(self):
        data = super().clean()
        if self.above is not None:
            axis_given = bool(data.get("axis"))
            if not axis_given:
                data["axis"] = self.above.axis
            if not data.get("step") and (not axis_given or data["axis"] == self.above.axis):
                data["step"] = self.above.step
        return data

    def show_conflict(self, conflict: EditConflict) -> None:
        """The workload is one field of the form for two of the model (`services.activity_save` checks them
        as one): when only the other person changed it, their workload is put back in the field."""
        if "workload_hours" in conflict.merged:
            hours, text = conflict.merged["workload_hours"], conflict.merged.get("workload_text", "")
            merged = {
                k: v for k, v in conflict.merged.items() if k not in ("workload_hours", "workload_text")
            }
            merged["workload"] = display_hours(hours) if hours is not None else text
            conflict = EditConflict(
                instance=conflict.instance,
                version=conflict.version,
                fields=conflict.fields,
                authors=conflict.authors,
                when=conflict.when,
                merged=merged,
            )
        super().show_conflict(conflict)

    def save(self, commit=True):
        activity = super().save(commit=False)
        activity.axis = self.cleaned_data["axis"]
        activity.step = self.cleaned_data["step"]
        activity.workload_hours, activity.workload_text = self.cleaned_data.get("workload") or (None, "")
        return activity


class RoleForm(SubmitOnceMixin, VersionedFormMixin, core_forms.ModelForm):
    class Meta:
        model = Role
        fields = ["name", "organisation", "person", "committee"]
        help_texts = {
            "committee": _("Optional: the committee of the action or programme that holds this role."),
            "name": _("A free name, such as « ARACT », « Pilote de projet » or « Comité de pilotage »."),
            "organisation": _("Optional: the organisation that holds this role."),
            "person": _("Optional: the person who holds this role."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["person"].queryset = Person.objects.select_related("organisation").order_by(
            "last_name", "first_name"
        )
        self.fields["committee"].queryset = selectors.committees_for_matrix(self.instance.matrix)


class CellForm(core_forms.Form):
    # The cell's version when the page was loaded (`selectors.cell_versions`): the answer says whose change
    # this one replaced. A version that is not a number is ignored (the last write wins anyway).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    letters = forms.CharField(
        label=_("Letters"),
        required=False,
        max_length=20,
        help_text=_("R, A, C or I; several separated by / (e.g. R/C); empty to clear the cell."),
    )

    def clean_letters(self):
        try:
            return normalise_letters(self.cleaned_data.get("letters"))
        except LettersError as exc:
            raise ValidationError(
                _("« %(value)s » is not a RACI cell: write R, A, C or I, several separated by / (e.g. R/C).")
                % {"value": self.cleaned_data.get("letters")}
            ) from exc

    def clean_version(self) -> int | None:
        value = (self.cleaned_data.get("version") or "").strip()
        return int(value) if value.isdigit() and len(value) < 19 else None
