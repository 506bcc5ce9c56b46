"""Every page asks for a PDF with the same button: a form posting to the app's PDF view, with its token."""

import re

import pytest
from django.urls import reverse

from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def _pdf_forms(page):
    return re.findall(r'<form method="post"\s+action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)


def test_the_fiche_offers_its_pdf_with_one_button_that_carries_the_token(client_for, pilot):
    action = ActionFactory(by=pilot)
    page = client_for(pilot).get(action.get_absolute_url()).content.decode()
    forms = dict(_pdf_forms(page))
    body = forms[reverse("actions:action_fiche_pdf", args=[action.pk])]
    assert 'name="csrfmiddlewaretoken"' in body
    assert re.search(
        r'<button type="submit" class="btn btn-outline-secondary">\s*<i class="bi bi-file-earmark-pdf"', body
    )
    assert "Fiche (PDF)" in body


def test_a_button_can_be_small_styled_and_say_what_the_document_is(rf):
    from django.template import Context, Template

    request = rf.get("/")
    html = Template(
        '{% load reports_tags %}{% pdf_button "Résultats (PDF)" "reports:document_list" style="outline-primary" '
        'small=True note="Pour le comité" spacing="mb-2" %}'
    ).render(Context({"request": request, "csrf_token": "jeton"}))
    assert 'action="/documents/"' in html and 'class="mb-2"' in html
    assert 'class="btn btn-outline-primary btn-sm"' in html
    assert 'value="jeton"' in html
    assert '<div class="small text-muted">Pour le comité</div>' in html
