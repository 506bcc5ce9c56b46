from __future__ import annotations

from datetime import timedelta

from crispy_forms.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from core.uploads import validate_document_upload
from core.validators import normalise_siret, validate_siret
from directory.models import Organisation

from .models import (
    ActionPlanItem,
    Adherent,
    Complaint,
    ContactAttempt,
    HazardFamily,
    HealthUnit,
    MembershipApplication,
    PreventionVisit,
    Sector,
    StaffNote,
    SurveyQuestion,
    WorkUnit,
)


class AdherentForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Adherent
        fields = [
            "membership_number",
            "applied_on",
            "validated_on",
            "left_on",
            "sector",
            "unit",
            "headcount",
            "sig_count",
            "sir_count",
            "disabled_workers_count",
            "accounting_firm",
            "accounting_firm_name",
            "sign_name",
            "activity_description",
            "opening_hours",
            "activity_place",
            "meeting_place",
            "has_premises",
            "has_warehouse",
            "has_worksites",
            "du_status",
            "du_help_needed",
            "ppe_and_products",
            *Adherent.PORTAL_EDITABLE_FIELDS[:-1],
        ]
        widgets = {
            "activity_description": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "ppe_and_products": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        service_id = self.instance.service_id
        self.fields["sector"].queryset = Sector.objects.filter(service_id=service_id)
        self.fields["unit"].queryset = HealthUnit.objects.filter(service_id=service_id)

    def clean(self):
        data = super().clean()
        validated, left = data.get("validated_on"), data.get("left_on")
        if validated and left and left < validated:
            self.add_error("left_on", _("The departure cannot come before the validation."))
        applied = data.get("applied_on")
        if applied and validated and validated < applied:
            self.add_error("validated_on", _("The validation cannot come before the application."))
        return data


class PortalContactsForm(VersionedFormMixin, ModelForm):
    submit_label = _("Save my contacts")

    class Meta:
        model = Adherent
        fields = list(Adherent.PORTAL_EDITABLE_FIELDS)
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 3})}


class ContactAttemptForm(SubmitOnceMixin, ModelForm):
    submit_label = _("Log the contact")

    class Meta:
        model = ContactAttempt
        fields = ["happened_at", "channel", "outcome", "person_reached", "summary", "step"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, adherent: Adherent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = adherent.steps.filter(completed_on__isnull=True).select_related("step")
        self.fields["step"].label_from_instance = lambda s: s.step.name
        self.fields["happened_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_happened_at(self):
        value = self.cleaned_data["happened_at"]
        if value and value > timezone.now() + timedelta(minutes=5):
            raise ValidationError(_("A contact cannot be logged in the future."))
        return value


class StepCompleteForm(Form):
    submit_label = _("Mark as done")
    completed_on = forms.DateField(label=_("Done on"), initial=timezone.localdate)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


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
        label=_("Photo of a situation (optional)"), required=False, help_text=_("PNG or JPEG, taken during the visit.")
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
            self.fields[f"hz_{value}"] = forms.BooleanField(label=label, required=False, initial=hazard is not None)
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
            {"label": label, "tick": self[f"hz_{value}"], "situation": self[f"sit_{value}"], "priority": self[f"prio_{value}"]}
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
                self.add_error(f"hz_{value}", _("Tick the hazard to describe its situation or mark it as a priority."))
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


class StaffNoteForm(SubmitOnceMixin, ModelForm):
    submit_label = _("Add the note")

    class Meta:
        model = StaffNote
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class ComplaintForm(VersionedFormMixin, SubmitOnceMixin, ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "adherent",
            "is_non_conformity",
            "received_on",
            "channel",
            "subject",
            "description",
            "cause",
            "analysis",
            "corrective_action",
            "closed_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "analysis": forms.Textarea(attrs={"rows": 3}),
            "corrective_action": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, service: Organisation | None, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if service is None:
            # An administrator without a service of their own chooses it.
            self.fields["service"] = forms.ModelChoiceField(label=_("Service"), queryset=services)
            self.fields["adherent"].queryset = Adherent.objects.filter(service__in=services).select_related("organisation")
            self.helper.layout = Layout("service", *self.Meta.fields)
        else:
            self.fields["adherent"].queryset = Adherent.objects.filter(service=service).select_related("organisation")

    def clean_service(self):
        service = self.cleaned_data["service"]
        self.instance.service = service
        return service

    def clean(self):
        data = super().clean()
        received, closed = data.get("received_on"), data.get("closed_on")
        if closed and received and closed < received:
            self.add_error("closed_on", _("A complaint cannot be closed before it was received."))
        if closed and (not data.get("cause") or not (data.get("corrective_action") or "").strip()):
            self.add_error("closed_on", _("Give the cause and the corrective action before closing the complaint."))
        return data


class SurveyAnswerForm(SubmitOnceMixin, Form):
    """A survey's questions as fields; staff also say whether the member was reached."""

    submit_label = _("Record the answers")

    def __init__(self, *args, survey, questions, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if staff:
            self.fields["reached"] = forms.TypedChoiceField(
                label=_("Was the member reached?"),
                choices=[("1", _("Yes, the member answered")), ("0", _("No, unreachable"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect,
                initial="1",
            )
            self.fields["respondent"] = forms.CharField(label=_("Person who answered"), required=False, max_length=200)
        for question in questions:
            name = f"q_{question.pk}"
            label = question.text
            required = False  # checked in clean(): required only when the member was reached
            choices = [(str(c.pk), c.label) for c in question.choices.all()]
            if question.kind == SurveyQuestion.Kind.SINGLE:
                field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, required=required)
            elif question.kind == SurveyQuestion.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=required
                )
            elif question.kind == SurveyQuestion.Kind.RATING:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(str(i), str(i)) for i in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=required,
                    help_text=_("1 = not at all satisfied, 5 = very satisfied"),
                )
            else:
                field = forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 2}), required=required)
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        if data.get("reached", True):
            for question in self.questions:
                if question.required and question.asked_if_id is None and not data.get(f"q_{question.pk}"):
                    self.add_error(f"q_{question.pk}", _("This question needs an answer."))
        return data

    def answers(self) -> dict:
        by_choice = {str(c.pk): c for q in self.questions for c in q.choices.all()}
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if question.kind == SurveyQuestion.Kind.SINGLE:
                value = by_choice.get(value) if value else None
            elif question.kind == SurveyQuestion.Kind.MULTIPLE:
                value = [by_choice[v] for v in value or [] if v in by_choice]
            result[question] = value
        return result


class MembershipApplicationForm(SubmitOnceMixin, ModelForm):
    """The public online membership form: every required field is checked, one by one."""

    submit_label = _("Send my membership application")
    #: A field hidden from people (CSS) that robots fill in: a filled honeypot is refused.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    confirm = forms.BooleanField(
        label=_("I certify that the information given is accurate."),
        error_messages={"required": _("Tick this box to confirm the information.")},
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "service",
            "applicant",
            "accounting_firm_name",
            "accounting_firm_email",
            "company_name",
            "sign_name",
            "siret",
            "address",
            "postal_code",
            "city",
            "activity_description",
            "headcount",
            "sig_count",
            "sir_count",
            "sir_risks",
            "contact_name",
            "contact_function",
            "contact_email",
            "contact_phone",
            "opening_hours",
        ]
        widgets = {
            "applicant": forms.RadioSelect,
            "activity_description": forms.Textarea(attrs={"rows": 3}),
            "sir_risks": forms.Textarea(attrs={"rows": 2}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "siret": forms.TextInput(attrs={"inputmode": "numeric"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        }
        help_texts = {
            "siret": _("14 digits, on your Kbis extract or your invoices."),
            "headcount": _("Everyone on the payroll, whatever their contract."),
            "sig_count": _("Workers without a particular risk: an office worker, a salesperson, a cook."),
            "sir_count": _(
                "Workers exposed to a particular risk: asbestos, lead, carcinogenic products, falls from height "
                "when fitting scaffolding, loads over 55 kg, electrical habilitation, driving a forklift (CACES)…"
            ),
            "activity_description": _("In two or three lines: what the company does and its departments."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        services = Organisation.objects.filter(kind=Organisation.Kind.SSTI, member_sectors__isnull=False).distinct()
        self.fields["service"].queryset = services
        self.fields["service"].label = _("Occupational health service")
        self.fields["service"].empty_label = _("Choose your service")
        if len(services) == 1:
            self.fields["service"].initial = services[0].pk
        self.fields["applicant"].choices = MembershipApplication.Applicant.choices
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name in ("sign_name", "sir_risks", "contact_function", "opening_hours", "accounting_firm_name", "accounting_firm_email"):
            self.fields[name].required = False
        for name, field in self.fields.items():
            if field.required and name not in ("confirm",):
                field.error_messages["required"] = _("This field is required: %(label)s.") % {"label": field.label}
        self.helper.inputs = []
        self.helper.add_input(Submit("submit", self.submit_label, css_class="btn-lg w-100"))
        self.helper.form_tag = False

    def clean_siret(self):
        siret = normalise_siret(self.cleaned_data.get("siret", ""))
        validate_siret(siret)
        return siret

    def clean_postal_code(self):
        value = self.cleaned_data.get("postal_code", "").strip()
        if not (len(value) == 5 and value.isdigit()):
            raise ValidationError(_("A French postal code has 5 digits."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(_("Your application could not be sent. Please try again."), code="honeypot")
        if data.get("applicant") == MembershipApplication.Applicant.ACCOUNTING_FIRM:
            if not data.get("accounting_firm_name"):
                self.add_error("accounting_firm_name", _("Give the name of the accounting firm."))
            if not data.get("accounting_firm_email"):
                self.add_error("accounting_firm_email", _("Give the accounting firm's e-mail, to send it the acknowledgement."))
        headcount, sig, sir = data.get("headcount"), data.get("sig_count"), data.get("sir_count")
        if None not in (headcount, sig, sir) and sig + sir != headcount:
            self.add_error(
                "sir_count",
                _("Workers in SIG and in SIR must add up to the headcount (%(headcount)s).") % {"headcount": headcount},
            )
        if sir and not (data.get("sir_risks") or "").strip():
            self.add_error("sir_risks", _("Say which particular risks the workers in SIR are exposed to."))
        return data

    def application_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("website", "confirm", "service")}
        return data


class ApplicationValidateForm(Form):
    submit_label = _("Validate the membership and start the trajectory")
    validated_on = forms.DateField(label=_("Validation date"), initial=timezone.localdate)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none())
    unit = forms.ModelChoiceField(label=_("UST"), queryset=HealthUnit.objects.none())

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(service=service)
        self.fields["unit"].queryset = HealthUnit.objects.filter(service=service).select_related("sector")
        self.fields["unit"].label_from_instance = lambda u: _("%(name)s — prevention visit within %(days)s days") % {
            "name": u.name,
            "days": u.prevention_visit_delay_days,
        }

    def clean_validated_on(self):
        value = self.cleaned_data["validated_on"]
        if value > timezone.localdate():
            raise ValidationError(_("A membership cannot be validated in the future."))
        return value


class DangerSubmit(Submit):
    field_classes = "btn btn-outline-danger"


class ApplicationRejectForm(Form):
    submit_label = _("Reject the application")
    rejection_reason = forms.CharField(label=_("Reason (sent to nobody, kept in the file)"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = []
        self.helper.add_input(DangerSubmit("submit", self.submit_label))


class RestitutionSentForm(Form):
    submit_label = _("Mark as sent to the employer")
    sent_on = forms.DateField(label=_("Sent on"), initial=timezone.localdate)

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value
