"""Refused forms, as RGAA 11 expects: a summary at the top counting the errors, each a link to its field,
and each field tied to its error (`aria-describedby`, `aria-invalid`); required fields marked and explained."""

import re

import pytest
from django import forms
from django.template import engines
from django.urls import reverse

from core.forms import Form
from core.templatetags.core_forms import summary_items

pytestmark = pytest.mark.django_db


class _Sample(Form):
    name = forms.CharField(label="Nom", help_text="Tel qu’il figure sur les documents.")
    amount = forms.DecimalField(label="Montant", required=False)
    kind = forms.ChoiceField(label="Genre", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    def clean(self):
        raise forms.ValidationError("Le tout ne tient pas.")


def _render(form) -> str:
    return (
        engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}").render({"form": form})
    )


def test_the_summary_lists_every_error_with_a_link_to_its_field():
    form = _Sample(data={"amount": "douze"})
    assert not form.is_valid()
    items = summary_items(form)
    assert [(i.label, i.href) for i in items] == [
        ("", ""),
        ("Nom", "#id_name"),
        ("Montant", "#id_amount"),
        ("Genre", "#id_kind_0"),
    ]
    html = _render(form)
    summary = html[html.index("data-error-summary") : html.index("</ul>")]
    assert "Le formulaire contient 4\u00a0erreurs" in summary or "Le formulaire contient 4 erreurs" in summary
    assert "Le tout ne tient pas." in summary  # the form-wide error is in the summary too
    for anchor in ("#id_name", "#id_amount", "#id_kind_0"):
        assert f'href="{anchor}"' in summary
    assert 'tabindex="-1"' in html[: html.index("data-error-summary") + 40]


def test_each_field_points_to_its_error_and_help_text():
    html = _render(_Sample(data={"amount": "douze"}))
    name_input = re.search(r"<input[^>]*id=\"id_name\"[^>]*>", html).group(0)
    assert (
        'aria-invalid="true"' in name_input
        and 'aria-describedby="id_name_helptext id_name_error"' in name_input
    )
    assert 'id="id_name_error"' in html and 'id="id_name_helptext"' in html
    assert re.search(r'<fieldset aria-describedby="id_kind_error"', html)


def test_required_fields_are_marked_and_explained_once():
    html = _render(_Sample())
    assert "Les champs marqués d’un astérisque (*) sont obligatoires." in html
    assert "data-error-summary" not in html  # an unbound form has nothing to summarise
    assert re.search(r"<input[^>]*id=\"id_name\"[^>]*>", html).group(0).count("required") == 1


CREATE_FORMS = [
    "actions:programme_create",
    "adherents:complaint_create",
    "directory:person_create",
    "directory:organisation_create",
]


@pytest.mark.parametrize("url_name", CREATE_FORMS)
def test_a_refused_create_form_shows_the_summary_of_each_app(client_for, admin_user, url_name):
    response = client_for(admin_user).post(reverse(url_name), {"submit": "Enregistrer"})  # bound, empty
    assert response.status_code == 200, url_name
    page = response.content.decode()
    assert "data-error-summary" in page and "Le formulaire contient" in page
    links = re.findall(r'href="#(id_[\w-]+)"', page[page.index("data-error-summary") :])
    assert links, url_name
    for field_id in links:
        control = re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"[^>]*>', page)
        assert control, (url_name, field_id)
        described = re.search(r'aria-describedby="([^"]+)"', control.group(0))
        assert 'aria-invalid="true"' in control.group(0) or field_id.endswith("_0"), (url_name, field_id)
        if not field_id.endswith("_0"):
            error_id = f"{field_id}_error"
            assert described and error_id in described.group(1).split(), (url_name, field_id)
            assert f'id="{error_id}"' in page, (url_name, field_id)
    assert "Les champs marqués d’un astérisque (*) sont obligatoires." in page
