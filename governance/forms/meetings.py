"""Forms of governance: meetings"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import College, Person

from ..models import AgendaItem, Attendance, Committee, Meeting
from ._common import PersonChoiceField, _person_label, bound_minutes, people_queryset, rebuild_layout


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
