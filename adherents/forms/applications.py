"""Forms of adherents: applications."""

from __future__ import annotations

from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm
from core.idempotency import SubmitOnceMixin
from core.validators import normalise_siret, validate_siret
from directory.models import Organisation

from ..models import HealthUnit, MembershipApplication, Sector


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
        services = Organisation.objects.filter(
            kind=Organisation.Kind.SSTI, member_sectors__isnull=False
        ).distinct()
        self.fields["service"].queryset = services
        self.fields["service"].label = _("Occupational health service")
        self.fields["service"].empty_label = _("Choose your service")
        if len(services) == 1:
            self.fields["service"].initial = services[0].pk
        self.fields["applicant"].choices = MembershipApplication.Applicant.choices
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name in (
            "sign_name",
            "sir_risks",
            "contact_function",
            "opening_hours",
            "accounting_firm_name",
            "accounting_firm_email",
        ):
            self.fields[name].required = False
        for name, field in self.fields.items():
            if field.required and name not in ("confirm",):
                field.error_messages["required"] = _("This field is required: %(label)s.") % {
                    "label": field.label
                }
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
                self.add_error(
                    "accounting_firm_email",
                    _("Give the accounting firm's e-mail, to send it the acknowledgement."),
                )
        headcount, sig, sir = data.get("headcount"), data.get("sig_count"), data.get("sir_count")
        if None not in (headcount, sig, sir) and sig + sir != headcount:
            self.add_error(
                "sir_count",
                _("Workers in SIG and in SIR must add up to the headcount (%(headcount)s).")
                % {"headcount": headcount},
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
        self.fields["unit"].label_from_instance = lambda u: (
            _("%(name)s — prevention visit within %(days)s days")
            % {
                "name": u.name,
                "days": u.prevention_visit_delay_days,
            }
        )

    def clean_validated_on(self):
        value = self.cleaned_data["validated_on"]
        if value > timezone.localdate():
            raise ValidationError(_("A membership cannot be validated in the future."))
        return value


class DangerSubmit(Submit):
    field_classes = "btn btn-outline-danger"


class ApplicationRejectForm(Form):
    submit_label = _("Reject the application")
    rejection_reason = forms.CharField(
        label=_("Reason (sent to nobody, kept in the file)"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = []
        self.helper.add_input(DangerSubmit("submit", self.submit_label))
