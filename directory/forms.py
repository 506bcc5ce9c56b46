"""The directory's forms: French messages, typed values kept when something is wrong."""

from __future__ import annotations

import uuid

from crispy_forms.bootstrap import FormActions
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.conflicts import VersionedFormMixin
from core.forms import ModelForm
from core.idempotency import SubmitOnceMixin
from core.uploads import validate_document_upload
from core.validators import normalise_siret

from . import access
from .models import Organisation, Person
from .services import KIND_LOCKED, ORGANISATION_LOCKED

LOGO_MAX_BYTES = 500 * 1024

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 .()\-]{5,28}$",
    _("Enter a phone number: digits, spaces, dots or dashes, optionally starting with +."),
)


class DatalistInput(forms.TextInput):
    """A text input suggesting the values already in use (the user may still type a new one)."""

    def __init__(self, attrs=None, *, list_id: str):
        super().__init__(attrs={**(attrs or {}), "list": list_id, "autocomplete": "off"})
        self.list_id = list_id
        self.suggestions: list[str] = []

    def render(self, name, value, attrs=None, renderer=None):
        options = format_html_join("", '<option value="{}"></option>', ((s,) for s in self.suggestions))
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            self.list_id,
            options,
        )


ASK_AN_ADMINISTRATOR = _("If it is wrong, let them know.")


class DirectoryFormMixin:
    """Save and Cancel side by side; Cancel goes back to the record, or to the list for a new one.

    Values that decide access are not for every editor (`directory.access`): the form shows them
    read-only to whoever may not change them, or not at all (a role, an account). A browser never
    posts them then; a crafted POST that does is not dropped silently (the change would look
    accepted): the value reaches `directory.services`, whose refusal the view shows on the form.
    """

    submit_label = None
    list_url_name = ""
    # Access data the form never shows, yet a crafted POST may carry.
    unshown_access_fields: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.attempted: dict[str, object] = {}
        super().__init__(*args, **kwargs)

    def lock(self, name: str, reason) -> None:
        """Show `name` read-only, saying why and whom to ask."""
        field = self.fields[name]
        field.disabled = True
        field.help_text = format_html("{} {}", reason, ASK_AN_ADMINISTRATOR)

    def _locked_fields(self):
        for name, field in self.fields.items():
            if field.disabled:
                yield name, field
        for name in self.unshown_access_fields:
            yield name, self._meta.model._meta.get_field(name).formfield()

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self._locked_fields():
            key = self.add_prefix(name)
            if key not in self.data:
                continue
            try:
                value = field.clean(field.widget.value_from_datadict(self.data, self.files, key))
            except ValidationError as error:
                self.add_error(name if name in self.fields else None, error)
                continue
            if value != getattr(self.instance, name):
                self.attempted[name] = value
        return cleaned_data

    def has_changed(self):
        return super().has_changed() or bool(self.attempted)

    def save(self, commit=False):
        """The instance to hand to `directory.services`, which checks and saves it."""
        if commit:
            raise ValueError(
                "A directory form is saved through directory.services, which checks access data."
            )
        for name, value in self.attempted.items():
            setattr(self.instance, name, value)
        return super().save(commit=False)

    def add_error(self, field, error):
        """A refusal on a value the form does not show (a role, an account) is shown above the form."""
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            errors: dict[str, list] = {}
            for name, messages in error.error_dict.items():
                errors.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            error = ValidationError(errors)
        super().add_error(field, error)

    def actions(self):
        back = self.instance.get_absolute_url() if self.instance.pk else reverse(self.list_url_name)
        return FormActions(
            Submit("submit", _("Save")),
            HTML(format_html('<a class="btn btn-link" href="{}">{}</a>', back, _("Cancel"))),
        )


def _used_values(field: str) -> list[str]:
    return list(
        Organisation.objects.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
    )


class OrganisationForm(SubmitOnceMixin, VersionedFormMixin, DirectoryFormMixin, ModelForm):
    list_url_name = "directory:organisation_list"

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30, validators=[validate_phone])

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "kind",
            "siret",
            "headcount",
            "sector",
            "territory",
            "address",
            "postal_code",
            "city",
            "website",
            "email",
            "phone",
            "notes",
            "logo",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "sector": DatalistInput(list_id="secteurs-connus"),
            "territory": DatalistInput(list_id="territoires-connus"),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }
        help_texts = {
            "siret": _("14 digits; spaces are accepted."),
        }

    def clean_logo(self):
        """PNG or JPEG told from the content, at most 500 KB; stored under a generated name."""
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return logo  # unchanged, or cleared (False)
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is too large (at most 500 KB)."))
        kind = validate_document_upload(logo, allowed=("png", "jpg"))
        logo.name = f"{uuid.uuid4().hex}.{kind}"
        return logo

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not access.may_change_access_data(self.user):
            if self.instance.pk and access.organisation_bears_access(self.instance):
                self.lock("kind", KIND_LOCKED)
            else:  # Declaring a service is an administrator's act.
                kind = self.fields["kind"]
                kind.choices = [choice for choice in kind.choices if choice[0] != Organisation.Kind.SSTI]
        for name in ("sector", "territory"):
            self.fields[name].widget.suggestions = _used_values(name)
        self.fields["headcount"].widget.attrs.setdefault("min", 0)
        self.fields["siret"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["postal_code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code"}
        )
        self.helper.layout = Layout(
            Fieldset(
                _("Identity"),
                Row(Column("name", css_class="col-md-8"), Column("acronym", css_class="col-md-4")),
                Row(Column("kind", css_class="col-md-6"), Column("siret", css_class="col-md-6")),
                Row(
                    Column("sector", css_class="col-md-5"),
                    Column("territory", css_class="col-md-4"),
                    Column("headcount", css_class="col-md-3"),
                ),
            ),
            Fieldset(
                _("Contact details"),
                "address",
                Row(Column("postal_code", css_class="col-md-3"), Column("city", css_class="col-md-9")),
                Row(
                    Column("website", css_class="col-md-5"),
                    Column("email", css_class="col-md-4"),
                    Column("phone", css_class="col-md-3"),
                ),
            ),
            "notes",
            "logo",
            self.actions(),
        )

    def clean_siret(self):
        siret = normalise_siret(self.cleaned_data.get("siret", ""))
        if siret:
            twin = Organisation.objects.filter(siret=siret).exclude(pk=self.instance.pk).first()
            if twin is not None:
                raise forms.ValidationError(
                    _("This SIRET number is already used by « %(name)s »."),
                    params={"name": twin},
                    code="duplicate",
                )
        return siret


class PersonForm(SubmitOnceMixin, VersionedFormMixin, DirectoryFormMixin, ModelForm):
    """Everything but the role and the user account: those decide access and belong to administrators."""

    list_url_name = "directory:person_list"
    unshown_access_fields = ("role", "user")
    CIVILITIES = [("", "—"), ("Mme", _("Ms")), ("M.", _("Mr")), ("Dr", _("Dr"))]

    civility = forms.ChoiceField(label=_("Civility"), choices=CIVILITIES, required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30, validators=[validate_phone])

    class Meta:
        model = Person
        fields = [
            "civility",
            "first_name",
            "last_name",
            "organisation",
            "function",
            "college",
            "email",
            "phone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = _("— No organisation —")
        if (
            self.instance.pk
            and access.organisation_decides_access(self.instance)
            and not access.may_change_access_data(self.user)
        ):
            self.lock("organisation", ORGANISATION_LOCKED)
        self.fields["college"].help_text = _(
            "The college the person represents in paritaire or multi-partner bodies."
        )
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.helper.layout = Layout(
            Row(
                Column("civility", css_class="col-md-2"),
                Column("first_name", css_class="col-md-5"),
                Column("last_name", css_class="col-md-5"),
            ),
            Row(Column("organisation", css_class="col-md-6"), Column("function", css_class="col-md-6")),
            Row(
                Column("college", css_class="col-md-4"),
                Column("email", css_class="col-md-4"),
                Column("phone", css_class="col-md-4"),
            ),
            self.actions(),
        )
