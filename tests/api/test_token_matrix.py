"""Every API URL × persona, asked with the persona's own read token (no session): each sees through the
API exactly what its pages show — a detail is 200 when the owning app's access queryset holds the
object, 404 otherwise; the lists hold exactly that queryset's rows."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.services import token_create
from core.access import visible_to
from tests.permissions.dataset import build
from tests.permissions.helpers import PERSONAS

from .access_expectations import KWARGS, ROWS, TOKEN_ROWS

pytestmark = pytest.mark.django_db

API = sorted(
    name for name in ROWS if name not in ("api:token_list", "api:token_revoke", "api:schema", "api:docs")
)


def test_every_api_url_has_a_token_row():
    assert set(TOKEN_ROWS) == set(API)


def test_each_persona_token_sees_what_its_pages_show():
    from actions.models import CollectiveAction, Programme
    from evaluation.models import Indicator
    from governance.models import Committee, Decision, Meeting
    from raci.models import Matrix

    data = build()
    clients = {}
    for persona in PERSONAS:
        client = APIClient()
        user = data["users"][persona]
        if user is not None:
            _token, key = token_create(owner=user, name="matrice", scope="read", by=user)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        clients[persona] = client
    got, mismatches = {}, []
    lists = {
        "api:action-list": CollectiveAction,
        "api:committee-list": Committee,
        "api:meeting-list": Meeting,
        "api:decision-list": Decision,
        "api:matrix-list": Matrix,
        "api:programme-list": Programme,
        "api:indicator-list": Indicator,
    }
    for name in API:
        codes = []
        for persona in PERSONAS:
            response = clients[persona].get(reverse(name, kwargs=KWARGS[name](data)))
            codes.append(str(response.status_code))
            user = data["users"][persona]
            if name in lists and response.status_code == 200:
                ids = {row["id"] for row in response.json()["results"]}
                if ids != set(visible_to(user, lists[name]).values_list("pk", flat=True)):
                    mismatches.append((name, persona))
        got[name] = " ".join(codes)
    assert not mismatches
    assert got == TOKEN_ROWS, "\n" + "\n".join(f'    "{k}": "{v}",' for k, v in sorted(got.items()))
