"""A refused right is a clear French page: what the reader cannot do, whom to ask, a way back —
with the same Content-Security-Policy as any page. What they must not know exists stays a 404."""

import pytest
from django.test import Client
from django.urls import reverse

from core import access
from tests.actions.conftest import action, committee_reads_programme, programme  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def refused(user, url):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client.get(url)


def test_a_committee_member_opening_an_action_edit_page_is_told_why_and_whom_to_ask(
    committee_member,
    action,  # noqa: F811 — the fixtures imported above
    committee_reads_programme,  # noqa: F811
):
    committee_reads_programme(action.programme)
    policy = Client().get(reverse("login"))["Content-Security-Policy"]
    response = refused(committee_member, reverse("actions:action_edit", args=[action.pk]))
    assert response.status_code == 403
    assert response["Content-Security-Policy"] == policy
    html = response.content.decode()
    assert "Accès refusé" in html
    assert (
        "Vous pouvez consulter cette fiche-action mais pas la modifier\u00a0: seule son équipe et les "
        "responsables du programme le peuvent." in html
    )
    assert (
        "Si vous pensez devoir y accéder, adressez-vous au pilote de l’action ou à un administrateur." in html
    )
    assert f'href="{reverse("core:home")}"' in html


def test_an_action_the_reader_cannot_see_stays_a_404(outsider, action):  # noqa: F811
    response = refused(outsider, reverse("actions:action_edit", args=[action.pk]))
    assert response.status_code == 404
    assert "Vous pouvez consulter" not in response.content.decode()


def test_a_policy_without_its_own_message_gets_a_generic_one_naming_the_model(committee_member):
    from actions.models import Programme

    with_message = access.policy_for(Programme)
    assert "programme" in with_message.refusal("change")
    assert with_message.refusal("change") != with_message.refusal("add_action")
