"""A client written with `requests` only reads a programme's indicators from a served instance,
pushes a month of measurements, and sees them on the action's dashboard page."""

import re

import pytest
import requests

from api.services import token_create
from tests.evaluation.factories import ActionFactory, IndicatorFactory, ProgrammeFactory, add_to_team
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_a_requests_client_reads_pushes_and_sees_the_dashboard(live_server, pilot):
    programme = ProgrammeFactory(name="PRST 4", code="prst-4-live")
    action = ActionFactory(programme=programme, code="A9", title="Action suivie par l’API")
    add_to_team(action, pilot)
    indicators = [IndicatorFactory(action=action, programme=None, name=f"Visites {n}") for n in range(2)]
    _token, key = token_create(owner=pilot, name="Logiciel SST", scope="write_measurements", by=pilot)
    headers = {"Authorization": f"Bearer {key}"}

    listed = requests.get(
        f"{live_server.url}/api/v1/indicators/", params={"action": action.pk}, headers=headers, timeout=30
    )
    assert listed.status_code == 200
    ids = [row["id"] for row in listed.json()["results"]]
    assert sorted(ids) == sorted(i.pk for i in indicators)

    batch = [
        {"indicator": pk, "period": "2025-06-01", "value": "1234", "source": "Logiciel SST"} for pk in ids
    ]
    pushed = requests.post(f"{live_server.url}/api/v1/measurements/", json=batch, headers=headers, timeout=30)
    assert pushed.status_code == 200 and pushed.json()["created"] == 2

    browser = requests.Session()
    login = browser.get(f"{live_server.url}/comptes/connexion/", timeout=30)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    browser.post(
        f"{live_server.url}/comptes/connexion/",
        timeout=30,
        data={
            "csrfmiddlewaretoken": csrf,
            "username": pilot.username,
            "password": PASSWORD,
        },
        headers={"Referer": f"{live_server.url}/comptes/connexion/"},
    )
    page = browser.get(f"{live_server.url}/evaluation/actions/{action.pk}/", timeout=30)
    assert page.status_code == 200
    assert re.search(r"1[\s\u00a0\u202f]?234", page.text)
