"""A new indicator posted twice (double click, back button) is created once."""

from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse

from evaluation.models import ApproachEntry, Indicator, Measurement
from tests.core.submit_once import token_of

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_a_new_indicator_posted_twice_is_created_once(client_for, pilot, action):
    client = client_for(pilot)
    url = reverse("evaluation:indicator_create") + f"?action={action.pk}"
    data = {
        "name": "Entreprises accompagnées",
        "kind": "suivi",
        "evaluation": "interne",
        "unit": "nombre",
        "direction": "hausse",
        "target": "10",
        "periodicity": "mensuelle",
        "is_active": "on",
        "form_token": token_of(client, url),
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    indicator = Indicator.objects.get(name="Entreprises accompagnées")
    assert again.status_code == 302 and again["Location"] == indicator.get_absolute_url()


def _measurement_data(client, indicator):
    return {
        "period": "2025-06-01",
        "value": "12",
        "comment": "",
        "source": "",
        "form_token": token_of(client, indicator.get_absolute_url()),
    }


def test_a_value_posted_twice_is_recorded_once(client_for, pilot, action):
    indicator = IndicatorFactory(action=action, name="Entreprises accompagnées", target=D("20"))
    client = client_for(pilot)
    url = reverse("evaluation:measurement_add", args=[indicator.pk])
    data = _measurement_data(client, indicator)
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert second.redirect_chain[-1][0] == indicator.get_absolute_url()
    assert (
        "Ce formulaire avait déjà été enregistré\u00a0: voici «\u00a0Entreprises accompagnées — juin 2025\u00a0»."
        in (unescape(second.content.decode()))
    )
    assert indicator.measurements.count() == 1


def test_an_approach_entry_posted_twice_is_recorded_once(client_for, pilot, action):
    client = client_for(pilot)
    dashboard = reverse("evaluation:action_dashboard", args=[action.pk])
    data = {
        "date": "2025-06-02",
        "kind": ApproachEntry.Kind.choices[0][0],
        "text": "Les CSE sont difficiles à réunir",
        "form_token": token_of(client, dashboard),
    }
    url = reverse("evaluation:approach_entry_add", args=[action.pk])
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert "Ce formulaire avait déjà été enregistré" in unescape(second.content.decode())
    assert ApproachEntry.objects.filter(action=action).count() == 1


def test_the_cached_dashboard_hands_out_a_new_token_each_time(client_for, pilot, action):
    """The dashboard's body is cached: the approach form's token must not be, or a second entry posted
    from the same cached page would be taken for the first one posted again."""
    client = client_for(pilot)
    dashboard = reverse("evaluation:action_dashboard", args=[action.pk])
    first, second = token_of(client, dashboard), token_of(client, dashboard)
    assert first != second


@pytest.mark.django_db(transaction=True)
def test_a_value_posted_by_several_clicks_at_the_very_same_moment_is_recorded_once(pilot, action):
    """On PostgreSQL, threads each with its own connection post the same form at once: one value, no error."""
    from django.test import Client

    from tests.concurrency.test_numbering import run_at_once

    indicator = IndicatorFactory(action=action, name="Entreprises accompagnées", target=D("20"))
    clients = []
    for _index in range(4):
        client = Client()
        client.force_login(pilot)
        clients.append(client)
    data = _measurement_data(clients[0], indicator)
    url = reverse("evaluation:measurement_add", args=[indicator.pk])
    statuses = []

    def post(index: int) -> None:
        statuses.append(clients[index].post(url, data).status_code)

    assert run_at_once(post, count=4) == []
    assert statuses == [302] * 4
    assert Measurement.objects.filter(indicator=indicator).count() == 1
