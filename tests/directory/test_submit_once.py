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


@pytest.mark.django_db(transaction=True)
def test_a_new_person_posted_by_several_clicks_at_the_very_same_moment_is_created_once(pilot, cfdt):
    """On PostgreSQL, threads each with its own connection post the same form at once: one person, no error."""
    from django.test import Client

    from tests.concurrency.test_numbering import run_at_once

    clients = []
    for _index in range(6):
        client = Client()
        client.force_login(pilot)
        clients.append(client)
    url = reverse("directory:person_create")
    data = {**post_data("person_create", cfdt), "form_token": token_of(clients[0], url)}
    statuses = []

    def post(index: int) -> None:
        statuses.append(clients[index].post(url, data).status_code)

    assert run_at_once(post, count=6) == []
    assert statuses == [302] * 6
    person = Person.objects.get(last_name="Essai")
    assert person.history.get().history_user == pilot
