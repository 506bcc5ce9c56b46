from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actions.models import QvtTheme
from core.conflicts import VersionedFormMixin
from core.forms import Form
from core.idempotency import SubmitOnceMixin

from .models import Publication


class SearchForm(forms.Form):
    """The search box and its facets (a GET form: no crispy submit)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(
            attrs={
                "class": "form-control form-control-lg",
                "placeholder": _("Words to look for, e.g. cadrage"),
            }
        ),
    )
    programme = forms.TypedChoiceField(label=_("Programme"), required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sector = forms.CharField(label=_("Sector"), required=False, max_length=120)
    size = forms.ChoiceField(
        label=_("Company size"),
        required=False,
        choices=[("", _("Any")), *list(Publication.CompanySize.choices)],
    )
    doc_type = forms.ChoiceField(
        label=_("Type of document"),
        required=False,
        choices=[("", _("Any")), *list(Publication.DocType.choices)],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, programmes, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("Any"))] + [(p.pk, p.name) for p in programmes]
        self.fields["theme"].choices = [("", _("Any"))] + [(t.code, t.name) for t in QvtTheme.objects.all()]
        self.fields["year"].choices = [("", _("Any"))] + [(y, y) for y in years]
        for name, field in self.fields.items():
            if name != "q":
                field.widget.attrs["class"] = (
                    "form-select form-select-sm"
                    if isinstance(field.widget, forms.Select)
                    else "form-control form-control-sm"
                )


class PublishForm(SubmitOnceMixin, VersionedFormMixin, Form):
    """Publish a document, or change its publication (`versioned=` the publication, if any)."""

    submit_label = _("Publish")

    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=Publication.Audience.choices,
        widget=forms.RadioSelect,
        initial=Publication.Audience.PARTNERS,
    )
    doc_type = forms.ChoiceField(label=_("Type of document"), choices=Publication.DocType.choices)
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=QvtTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sector = forms.CharField(label=_("Sector"), required=False, max_length=120)
    company_size = forms.ChoiceField(label=_("Company size"), choices=Publication.CompanySize.choices)


class DigestForm(VersionedFormMixin, Form):
    """The weekly digest switch (`versioned=` the user's preference, if any)."""

    submit_label = _("Save my preferences")
    weekly_digest = forms.BooleanField(
        label=_("Receive the weekly digest e-mail"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
