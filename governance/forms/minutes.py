"""Forms of governance: minutes"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.models import ActionPhase, CollectiveAction, Deliverable
from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from directory.models import Person

from ..models import AgendaItem, FollowUpItem, Meeting, Minutes
from ._common import PersonChoiceField, people_queryset, rebuild_layout


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
