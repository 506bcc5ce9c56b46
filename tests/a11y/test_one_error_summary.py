"""A refused form with formsets shows one error summary for the whole page, not one per formset (issue 16).

The summary crispy renders for the main form (templates/bootstrap5/errors.html) also lists the errors of
the page's bound formsets, each a link to its field; the formsets render none of their own.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_programme_refused_in_its_form_and_two_formsets_has_one_summary(client_for, pilot):
    response = client_for(pilot).post(
        reverse("actions:programme_create"),
        {
            "name": "",  # the main form: required
            "axes-TOTAL_FORMS": "1",
            "axes-INITIAL_FORMS": "0",
            "axes-0-number": "x",
            "axes-0-title": "Axe sans numéro valable",
            "etapes-TOTAL_FORMS": "1",
            "etapes-INITIAL_FORMS": "0",
            "etapes-0-number": "y",
            "etapes-0-title": "Étape sans numéro valable",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("data-error-summary") == 1
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    links = re.findall(r'href="#([^"]+)"', summary)
    assert "id_axes-0-number" in links and "id_etapes-0-number" in links
    assert any(not link.startswith(("id_axes", "id_etapes")) for link in links)  # the main form's own


@pytest.mark.django_db
def test_a_refused_deliverable_status_shows_the_summary(client_for, pilot):
    from actions.models import Deliverable
    from tests.actions.factories import make_action

    action = make_action(by=pilot)
    deliverable = Deliverable.objects.filter(phase__action=action).order_by("phase__number").first()
    response = client_for(pilot).post(
        reverse("actions:deliverable_status", args=[action.pk, deliverable.pk]), {"status": "nimporte"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("data-error-summary") == 1
    assert 'href="#id_status"' in page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
