"""Forms of adherents: visits."""

from __future__ import annotations

from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from core.uploads import validate_document_upload

from ..models import ActionPlanItem, Adherent, HazardFamily, PreventionVisit, WorkUnit


class PreventionVisitForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    class Meta:
        model = PreventionVisit
        fields = [
            "status",
            "planned_on",
            "done_on",
            "physician",
            "documents_received",
            "call_notes",
            "priority_hazards",
            "posts_to_observe",
            "employer_knowledge",
            "employer_motivation",
            "employer_needs",
            "training_needs",
            "physician_ideas",
            "proposed_hazard",
            "proposal",
            "restitution_format",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "documents_received",
                "call_notes",
                "priority_hazards",
                "posts_to_observe",
                "employer_needs",
                "training_needs",
                "physician_ideas",
                "proposal",
            )
        }

    def clean(self):
        data = super().clean()
        if data.get("status") == PreventionVisit.Status.DONE and not data.get("done_on"):
            self.add_error("done_on", _("Give the date the visit took place."))
        done_on = data.get("done_on")
        if done_on and done_on > timezone.localdate():
            self.add_error("done_on", _("A visit cannot have taken place in the future."))
        return data


class WorkUnitForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    """A work unit and its hazards, ticked from the reference checklist."""

    submit_label = None

    class Meta:
        model = WorkUnit
        fields = ["name", "posts", "description", "existing_measures"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "existing_measures": forms.Textarea(attrs={"rows": 2}),
        }

    photo = forms.FileField(
        label=_("Photo of a situation (optional)"),
        required=False,
        help_text=_("PNG or JPEG, taken during the visit."),
    )
    photo_caption = forms.CharField(label=_("Caption of the photo"), required=False, max_length=255)
    photo_positive = forms.BooleanField(label=_("The photo shows a good practice"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.Meta.fields, "photo", "photo_caption", "photo_positive")
        current = {h.family: h for h in self.instance.hazards.all()} if self.instance.pk else {}
        for value, label in HazardFamily.choices:
            hazard = current.get(value)
            self.fields[f"hz_{value}"] = forms.BooleanField(
                label=label, required=False, initial=hazard is not None
            )
            self.fields[f"sit_{value}"] = forms.CharField(
                label=_("Exposing situation"),
                required=False,
                max_length=255,
                initial=hazard.situation if hazard else "",
            )
            self.fields[f"prio_{value}"] = forms.BooleanField(
                label=_("Priority"), required=False, initial=bool(hazard and hazard.is_priority)
            )

    def checklist(self):
        return [
            {
                "label": label,
                "tick": self[f"hz_{value}"],
                "situation": self[f"sit_{value}"],
                "priority": self[f"prio_{value}"],
            }
            for value, label in HazardFamily.choices
        ]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            self.photo_kind = validate_document_upload(photo, allowed=("png", "jpg"))
            try:
                from PIL import Image

                with Image.open(photo) as image:
                    image.verify()  # a truncated or corrupt image would break the PDFs later
            except Exception as exc:
                raise ValidationError(_("This image cannot be read: take the photo again.")) from exc
            finally:
                photo.seek(0)
        return photo

    def photo_data(self) -> dict | None:
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        return {
            "upload": photo,
            "kind": self.photo_kind,
            "caption": self.cleaned_data.get("photo_caption", ""),
            "positive": bool(self.cleaned_data.get("photo_positive")),
        }

    def clean(self):
        data = super().clean()
        for value, _label in HazardFamily.choices:
            if not data.get(f"hz_{value}") and (data.get(f"sit_{value}") or data.get(f"prio_{value}")):
                self.add_error(
                    f"hz_{value}", _("Tick the hazard to describe its situation or mark it as a priority.")
                )
        return data

    def hazards(self) -> list[dict]:
        return [
            {
                "family": value,
                "situation": self.cleaned_data.get(f"sit_{value}", ""),
                "is_priority": bool(self.cleaned_data.get(f"prio_{value}")),
            }
            for value, _label in HazardFamily.choices
            if self.cleaned_data.get(f"hz_{value}")
        ]


class ActionPlanItemForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    class Meta:
        model = ActionPlanItem
        fields = ["title", "hazard", "who", "due_on", "status", "visit"]

    def __init__(self, *args, adherent: Adherent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = adherent.visits.all()


class RestitutionSentForm(Form):
    submit_label = _("Mark as sent to the employer")
    sent_on = forms.DateField(label=_("Sent on"), initial=timezone.localdate)

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value
