"""A new indicator posted twice (double click, back button) is created once."""

import pytest
from django.urls import reverse

from evaluation.models import Indicator
from tests.core.submit_once import token_of

pytestmark = pytest.mark.django_db


def test_a_new_indicator_posted_twice_is_created_once(client_for, pilot, action):
    client = client_for(pilot)
    url = reverse("evaluation:indicator_create") + f"?action={action.pk}"
    data = {
        "name": "Entreprises accompagnées", "kind": "suivi", "evaluation": "interne", "unit": "nombre",
        "direction": "hausse", "target": "10", "periodicity": "mensuelle", "is_active": "on",
        "form_token": token_of(client, url),
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    indicator = Indicator.objects.get(name="Entreprises accompagnées")
    assert again.status_code == 302 and again["Location"] == indicator.get_absolute_url()
