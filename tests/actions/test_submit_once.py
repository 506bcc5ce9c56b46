"""A new action, deliverable or programme posted twice (double click, back button) is created once."""

import pytest
from django.urls import reverse

from actions.models import CollectiveAction
from tests.core.submit_once import token_of

pytestmark = pytest.mark.django_db


def test_a_new_action_posted_twice_is_created_once(client_for, programme, pilot):
    client = client_for(pilot)
    url = reverse("actions:action_create")
    data = {
        "programme": programme.pk,
        "code": "12",
        "title": "Nouvelle action",
        "form_token": token_of(client, f"{url}?programme={programme.pk}"),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    action = CollectiveAction.objects.get(code="12")
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("actions:action_edit", args=[action.pk])
    assert CollectiveAction.objects.filter(programme=programme, code="12").count() == 1
