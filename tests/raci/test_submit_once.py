"""A new RACI matrix posted twice (double click, back button) is created once."""

import pytest
from django.urls import reverse

from raci.models import Matrix
from tests.core.submit_once import token_of

pytestmark = pytest.mark.django_db


def test_a_new_matrix_posted_twice_is_created_once(client_for, pilot):
    from .factories import ProgrammeFactory, manage_programme

    programme = ProgrammeFactory()
    manage_programme(programme, pilot)
    client = client_for(pilot)
    url = reverse("raci:matrix_create")
    data = {"scope": f"programme:{programme.pk}", "title": "Pilotage", "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    matrix = Matrix.objects.get(title="Pilotage")
    assert again.status_code == 302 and again["Location"] == matrix.get_absolute_url()
