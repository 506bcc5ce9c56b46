"""Forms of governance: layout in the form (crispy), business rules in the services."""

from __future__ import annotations

from datetime import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import ActionPhase, CollectiveAction, Deliverable
from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import College, Person

from .models import AgendaItem, Attendance, Committee, FollowUpItem, Meeting, Membership, Minutes


def _person_label(obj: Person) -> str:
    return f"{obj.full_name} ({obj.organisation})" if obj.organisation_id else obj.full_name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


def rebuild_layout(form) -> None:
    """Fields added after `CopiloteFormMixin.__init__` need the crispy layout built again."""
    form.helper = FormHelper(form)
    form.helper.form_tag = True
    form.helper.attrs = {"novalidate": ""}
    if form.submit_label:
        form.helper.add_input(Submit("submit", form.submit_label))


def bound_minutes(field, minimum: int) -> None:
    """The model's bounds on a duration, checked in the form (the model is validated by the service)."""
    field.validators += [MinValueValidator(minimum), MaxValueValidator(24 * 60)]
    field.widget.attrs.update({"min": minimum, "max": 24 * 60})


def people_queryset():
    return Person.objects.select_related("organisation").order_by("last_name", "first_name")


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


class MeetingForm(SubmitOnceMixin, VersionedFormMixin, ModelForm):
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["number", "title", "starts_at", "duration_minutes", "place", "video_link", "animators"]
        help_texts = {"title": _("Left empty: the committee's name and the number.")}

    def __init__(self, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        # The committee's members first, then everyone else in the directory.
        people = Person.objects.select_related("organisation").order_by("last_name", "first_name")
        if committee is not None:
            members = list(people.filter(memberships__committee=committee).distinct())
            others = list(people.exclude(pk__in=[p.pk for p in members]))
            self.fields["animators"].choices = [
                (_("Members of the committee"), [(p.pk, _person_label(p)) for p in members]),
                (_("Other people"), [(p.pk, _person_label(p)) for p in others]),
            ]
        self.fields["animators"].widget.attrs["size"] = 6
        self.fields["number"].help_text = _("Left empty: the next number of the series.")
        bound_minutes(self.fields["duration_minutes"], 15)

    def _post_clean(self):
        pass


class SeriesForm(SubmitOnceMixin, Form):
    submit_label = _("Plan the series")

    title_prefix = forms.CharField(
        label=_("Title of the series"),
        max_length=150,
        required=False,
        help_text=_("For instance “COPIL”: the meetings are numbered from the next free number."),
    )
    dates = forms.CharField(
        label=_("Dates and times"),
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "15/05/2026 09:30\n22/06/2026 14:00"}),
        help_text=_("One meeting per line, as DD/MM/YYYY HH:MM."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=24 * 60, initial=180
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    def clean_dates(self):
        values, errors = [], []
        tz = timezone.get_current_timezone()
        for number, line in enumerate(self.cleaned_data["dates"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y"):
                try:
                    parsed = datetime.strptime(line, fmt)
                    break
                except ValueError:
                    parsed = None
            if parsed is None:
                errors.append(
                    _("Line %(n)s (“%(value)s”) is not a date such as 15/05/2026 09:30.")
                    % {"n": number, "value": line}
                )
            else:
                values.append(
                    parsed.replace(tzinfo=tz) if fmt != "%d/%m/%Y" else parsed.replace(hour=9, tzinfo=tz)
                )
        if errors:
            raise forms.ValidationError(errors)
        if not values:
            raise forms.ValidationError(_("Give at least one date."))
        if len(values) > 24:
            raise forms.ValidationError(_("At most 24 meetings at once."))
        return values


class CancelForm(Form):
    submit_label = _("Cancel the meeting")
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class AgendaItemForm(SubmitOnceMixin, VersionedFormMixin, ModelForm):
    presenter = PersonChoiceField(label=_("Presenter"), queryset=Person.objects.none(), required=False)

    class Meta:
        model = AgendaItem
        fields = ["title", "duration_minutes", "presenter", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = people_queryset()
        self.fields["presenter"].help_text = _("Any person of the directory, a member or not.")
        bound_minutes(self.fields["duration_minutes"], 1)

    def _post_clean(self):
        pass


class AttendanceForm(Form):
    """The whole attendance list in one form: per line a status (radio group) and, for a member
    represented, the member holding the proxy.

    The page sends back the status and proxy it showed (hidden fields, `show_hidden_initial`): only
    the lines changed on the page are saved, so two people filling in the list at once do not undo
    each other's changes.
    """

    submit_label = _("Save the attendance")

    def __init__(self, *args, attendances: list[Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = attendances
        members = [a for a in attendances if not a.is_guest]
        for attendance in attendances:
            # « Invited » is accepted (nothing recorded yet) but the page offers only the four answers.
            self.fields[f"status_{attendance.pk}"] = forms.ChoiceField(
                label=_("Attendance — %(name)s") % {"name": attendance.display_name},
                choices=Attendance.Status.choices,
                initial=attendance.status,
                show_hidden_initial=True,
                required=False,
            )
            if not attendance.is_guest:
                self.fields[f"proxy_{attendance.pk}"] = forms.TypedChoiceField(
                    label=_("%(name)s is represented by") % {"name": attendance.display_name},
                    coerce=int,
                    empty_value=None,
                    required=False,
                    choices=[
                        ("", "---------"),
                        *((m.pk, m.display_name) for m in members if m.pk != attendance.pk),
                    ],
                    initial=attendance.represented_by_id,
                    show_hidden_initial=True,
                )
        rebuild_layout(self)

    def statuses(self) -> dict[int, str]:
        """The statuses changed on the page, compared with what the page showed when it was loaded."""
        changed = set(self.changed_data)
        return {
            int(k[7:]): v
            for k, v in self.cleaned_data.items()
            if k.startswith("status_") and k in changed and v
        }

    def proxies(self) -> dict[int, int | None]:
        """The proxies changed on the page (None: no proxy any more)."""
        changed = set(self.changed_data)
        return {
            int(k[6:]): v for k, v in self.cleaned_data.items() if k.startswith("proxy_") and k in changed
        }

    def groups(self) -> list[tuple[str, list[dict]]]:
        """The lines, members grouped by college (in the order of the colleges), guests last; each line
        its row, status field, the answers it offers, proxy field (members only)."""
        answers = dict(Attendance.Status.choices)
        colleges = dict(College.choices)
        groups: dict[tuple[int, str], list[dict]] = {}
        order = {code: index for index, (code, _label) in enumerate(College.choices)}
        for row in self.rows:
            codes = [
                s for s in Attendance.ANSWERS if not (row.is_guest and s == Attendance.Status.REPRESENTED)
            ]
            field = self[f"status_{row.pk}"]
            if row.is_guest:
                key = (len(order) + 1, str(_("Guests")))
            else:
                key = (
                    order.get(row.college, len(order)),
                    str(colleges.get(row.college, _("Without a college"))),
                )
            proxy = None if row.is_guest else self[f"proxy_{row.pk}"]
            groups.setdefault(key, []).append(
                {
                    "row": row,
                    "field": field,
                    "proxy": proxy,
                    "answers": [(code, answers[code]) for code in codes],
                    "value": field.value() or "",
                    # What the page showed (hidden), to save only the lines changed on it.
                    "shown": field.as_hidden(only_initial=True),
                    "proxy_shown": proxy.as_hidden(only_initial=True) if proxy else "",
                }
            )
        return [(label, lines) for (_index, label), lines in sorted(groups.items())]


class HeldForm(Form):
    """« Enregistrer comme tenue »: the confirmation, with the note needed when the quorum is not reached."""

    submit_label = _("Record as held")

    note = forms.CharField(
        label=_("Why the meeting is held without its quorum"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when the quorum is not reached; kept with the meeting."),
    )


class GuestForm(SubmitOnceMixin, Form):
    submit_label = _("Add the guest")

    person = PersonChoiceField(label=_("From the directory"), queryset=Person.objects.none(), required=False)
    guest_name = forms.CharField(
        label=_("Or name of a guest not in the directory"), max_length=200, required=False
    )
    guest_organisation = forms.CharField(label=_("Their organisation"), max_length=200, required=False)
    college = forms.ChoiceField(
        label=_("College"), choices=[("", "---------"), *College.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_queryset()

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("guest_name") or "").strip():
            raise forms.ValidationError(_("Choose a person from the directory or type the guest's name."))
        return data


class MinutesForm(VersionedFormMixin, Form):
    """The minutes' summary and one text per agenda item, each carrying the version it was opened on
    (`version` for the minutes, `version_item_<agenda item id>` for each item's text)."""

    submit_label = _("Save the minutes")

    summary = forms.CharField(
        label=_("General summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(
        self,
        *args,
        agenda: list[AgendaItem],
        texts: dict[int, str],
        summary: str = "",
        item_versions: dict[int, int] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["summary"].initial = summary
        self.agenda = agenda
        item_versions = item_versions or {}
        for position, item in enumerate(agenda, start=1):
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{position}. {item.title}",
                required=False,
                initial=texts.get(item.pk, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"version_item_{item.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                min_value=0,
                initial=item_versions.get(item.pk, 0),
            )
        rebuild_layout(self)

    def item_texts(self) -> dict[int, str]:
        return {int(k[5:]): v for k, v in self.cleaned_data.items() if k.startswith("item_")}

    def item_versions(self) -> dict[int, int] | None:
        """The version of each item's text the page was opened on (None: a post without them checks nothing)."""
        versions = {int(k[13:]): v for k, v in self.cleaned_data.items() if k.startswith("version_item_")}
        if all(v is None for v in versions.values()):
            return None
        return {pk: v for pk, v in versions.items() if v is not None}

    def show_conflict(self, conflict) -> None:
        super().show_conflict(conflict)
        data = self.data.copy()
        for agenda_id in (item.pk for item in self.agenda):
            data[self.add_prefix(f"version_item_{agenda_id}")] = str(conflict.item_versions.get(agenda_id, 0))
        self.data = data


class ApprovalForm(Form):
    submit_label = _("Approve the minutes")

    mode = forms.ChoiceField(
        label=_("Approval"),
        choices=Minutes.ApprovalMode.choices,
        widget=forms.RadioSelect,
        initial=Minutes.ApprovalMode.CHAIR,
    )
    at_meeting = forms.ModelChoiceField(
        label=_("Approved at the meeting"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, later_meetings, chair_may_approve: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = later_meetings
        if not chair_may_approve:
            # Only the chair approves directly: the others record the meeting that approved.
            self.fields["mode"].choices = [(Minutes.ApprovalMode.MEETING, Minutes.ApprovalMode.MEETING.label)]
            self.fields["mode"].initial = Minutes.ApprovalMode.MEETING

    def clean(self):
        data = super().clean()
        if data.get("mode") == Minutes.ApprovalMode.MEETING and not data.get("at_meeting"):
            self.add_error("at_meeting", _("Choose the meeting at which the minutes were approved."))
        return data


class CorrectionForm(Form):
    submit_label = _("Reopen the minutes")
    reason = forms.CharField(
        label=_("Why reopen the approved minutes?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: a decision was written wrongly, a name is missing."),
    )


class DecisionForm(SubmitOnceMixin, Form):
    submit_label = _("Record the decision")

    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order", "pk")


class FollowUpForm(SubmitOnceMixin, VersionedFormMixin, ModelForm):
    owner = PersonChoiceField(label=_("Owner"), queryset=Person.objects.none())
    action = forms.ModelChoiceField(
        label=_("Related action"), queryset=CollectiveAction.objects.none(), required=False
    )
    phase = forms.ModelChoiceField(
        label=_("Related phase"), queryset=ActionPhase.objects.none(), required=False
    )
    deliverable = forms.ModelChoiceField(
        label=_("Related deliverable"), queryset=Deliverable.objects.none(), required=False
    )

    class Meta:
        model = FollowUpItem
        fields = [
            "title",
            "owner",
            "due_date",
            "status",
            "done_on",
            "action",
            "phase",
            "deliverable",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_queryset()
        self.fields["action"].queryset = actions
        self.fields["phase"].queryset = ActionPhase.objects.filter(action__in=actions).select_related(
            "action"
        )
        self.fields["phase"].label_from_instance = lambda p: f"{p.action.code} — {p}"
        self.fields["deliverable"].queryset = Deliverable.objects.filter(action__in=actions).select_related(
            "action"
        )
        self.fields["deliverable"].label_from_instance = lambda d: f"{d.action.code} — {d.title}"
        if not self.instance.pk:
            del self.fields["status"]
            del self.fields["done_on"]
        rebuild_layout(self)

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == FollowUpItem.Status.DONE
            and data.get("done_on")
            and data["done_on"] > timezone.localdate()
        ):
            self.add_error("done_on", _("The done date cannot be in the future."))
        return data

    def _post_clean(self):
        pass


class FollowUpStatusForm(VersionedFormMixin, Form):
    """What the owner reports: its status and when it was done (pass `versioned=<the item>`)."""

    submit_label = _("Update")
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpItem.Status.choices)
    done_on = forms.DateField(label=_("Done on"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("done_on") and data["done_on"] > timezone.localdate():
            self.add_error("done_on", _("The done date cannot be in the future."))
        return data


class TextRestoreForm(VersionedFormMixin, Form):
    """The confirmation of a restore: the version of the text the person compared with (`versioned=<its object>`)."""

    submit_label = _("Restore this text")
