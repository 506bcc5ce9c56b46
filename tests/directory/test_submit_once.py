"""A new organisation or person posted twice (double click, back button) is created once."""

import pytest
from django.urls import reverse

from directory.models import Organisation, Person
from tests.core.submit_once import token_of

from .test_access import post_data

pytestmark = pytest.mark.django_db


def test_a_new_organisation_posted_twice_is_created_once(client_for, pilot, cfdt):
    client = client_for(pilot)
    url = reverse("directory:organisation_create")
    data = {**post_data("organisation_create", cfdt), "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    created = Organisation.objects.get(name="CFDT Auvergne-Rhône-Alpes (modifiée)")
    assert again.redirect_chain[-1][0] == created.get_absolute_url()
    assert "Ce formulaire avait déjà été enregistré" in again.content.decode()


def test_a_new_person_posted_twice_is_created_once(client_for, pilot, cfdt):
    client = client_for(pilot)
    url = reverse("directory:person_create")
    data = {**post_data("person_create", cfdt), "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Person.objects.filter(last_name="Essai").count() == 1
