"""The confirmation pages of the consequential moves of an action, and their ways back (issue 15)."""

from html import unescape

import pytest
from django.urls import reverse

from actions.models import ActionPhase, CollectiveAction, PhaseTransition
from actions.services import action_close, phase_advance

pytestmark = pytest.mark.django_db

MOVES = ("phase_advance", "phase_reopen", "action_close", "action_reopen")


def _url(name, action):
    return reverse(f"actions:{name}", args=[action.pk])


def _page(response) -> str:
    """The page's text, its no-break spaces read as spaces."""
    return unescape(response.content.decode()).replace("\u202f", " ").replace("\u00a0", " ")


def _to_phase(action, user, number):
    while action.current_phase_number < number:
        phase_advance(action=action, by=user, override_reason="Reprise d’une action existante")
        action.refresh_from_db()
    return action


def test_the_advance_page_says_what_will_happen_and_changes_nothing_on_get(client_for, action, pilot):
    c = client_for(pilot)
    page = _page(c.get(_url("phase_advance", action)))
    assert "aujourd’hui" in page and "Émergence" in page and "Conception" in page
    assert "Pré-projet formalisé" in page and 'name="override_reason"' in page
    assert 'name="phase" value="1"' in page
    assert "prévenus" in page
    action.refresh_from_db()
    assert action.current_phase_number == 1 and not PhaseTransition.objects.exists()


def test_confirming_moves_once_and_a_doubled_post_changes_nothing(client_for, action, pilot):
    c = client_for(pilot)
    data = {"phase": "1", "override_reason": "Pré-projet présenté en COPIL"}
    response = c.post(_url("phase_advance", action), data)
    assert response.status_code == 302
    again = c.post(_url("phase_advance", action), data, follow=True)
    assert "Rien n’a été modifié" in _page(again) or "Rien n'a été modifié" in _page(again)
    action.refresh_from_db()
    assert action.current_phase_number == 2 and PhaseTransition.objects.count() == 1


def test_the_action_page_offers_the_moves_or_says_why_not(
    client_for, action, pilot, committee_member, committee_reads_programme
):
    c = client_for(pilot)
    page = _page(c.get(action.get_absolute_url()))
    assert 'data-testid="phase-advance"' in page and 'data-testid="phase-missing"' in page
    assert 'data-testid="phase-reopen"' not in page  # phase 1: no way back
    assert "Étape 1" in page and "Étape 4" in page  # the 4 stages over the 7 phases
    _to_phase(action, pilot, 2)
    page = _page(c.get(action.get_absolute_url()))
    assert 'data-testid="phase-reopen"' in page
    CollectiveAction.objects.filter(pk=action.pk).update(status=CollectiveAction.Status.SUSPENDED)
    page = _page(c.get(action.get_absolute_url()))
    assert 'data-testid="phase-advance"' not in page and "suspendue" in page
    committee_reads_programme(action.programme)
    reader = _page(client_for(committee_member).get(action.get_absolute_url()))
    for testid in ("phase-advance", "phase-reopen", "phase-blocker", "action-close", "action-reopen"):
        assert f'data-testid="{testid}"' not in reader


def test_going_back_needs_a_written_reason_and_is_shown_in_the_history(client_for, action, pilot):
    _to_phase(action, pilot, 3)
    c = client_for(pilot)
    url = _url("phase_reopen", action)
    page = _page(c.get(url))
    assert "Information et sensibilisation" in page and "Conception" in page and 'name="reason"' in page
    response = c.post(url, {"phase": "3", "reason": "  "})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    action.refresh_from_db()
    assert action.current_phase_number == 3
    assert c.post(url, {"phase": "3", "reason": "Convention à signer de nouveau"}).status_code == 302
    action.refresh_from_db()
    assert action.current_phase_number == 2
    assert action.phases.get(number=3).status == ActionPhase.Status.NOT_STARTED
    assert (
        c.post(url, {"phase": "3", "reason": "Convention à signer de nouveau"}).status_code == 302
    )  # doubled
    action.refresh_from_db()
    assert action.current_phase_number == 2
    for page_url in (action.get_absolute_url(), _url("action_history", action)):
        assert "Convention à signer de nouveau" in _page(c.get(page_url))


def test_closing_asks_for_confirmation_then_the_action_can_be_reopened(client_for, action, pilot):
    c = client_for(pilot)
    page = _page(c.get(_url("action_close", action)))
    assert 'data-testid="phase-blocker"' in page and 'name="phase"' not in page  # not the last phase
    _to_phase(action, pilot, 7)
    page = _page(c.get(_url("action_close", action)))
    assert 'data-testid="phase-confirmation"' in page and 'name="override_reason"' in page
    response = c.post(_url("action_close", action), {"phase": "7", "override_reason": "Bilan oral en COPIL"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == CollectiveAction.Status.CLOSED
    page = _page(c.get(action.get_absolute_url()))
    assert 'data-testid="action-reopen"' in page and 'data-testid="phase-advance"' not in page
    assert 'data-testid="phase-reopen"' not in page
    assert 'name="reason"' not in _page(c.get(_url("phase_reopen", action)))  # reopen the action first
    response = c.post(_url("action_reopen", action), {"reason": "Une entreprise rejoint le bilan"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == CollectiveAction.Status.ONGOING
    assert "Une entreprise rejoint le bilan" in _page(c.get(action.get_absolute_url()))


def test_readers_get_403_and_others_404_on_every_move(
    client_for, action, pilot, committee_member, other_pilot, committee_reads_programme
):
    committee_reads_programme(action.programme)
    _to_phase(action, pilot, 2)
    reader, stranger = client_for(committee_member), client_for(other_pilot)
    for name in MOVES:
        url = _url(name, action)
        assert reader.get(url).status_code == 403, name
        assert reader.post(url, {"phase": "2", "reason": "x", "override_reason": "x"}).status_code == 403, (
            name
        )
        assert stranger.get(url).status_code == 404, name
        assert stranger.post(url, {"phase": "2", "reason": "x"}).status_code == 404, name
    action.refresh_from_db()
    assert action.current_phase_number == 2 and PhaseTransition.objects.count() == 1


def test_a_closed_action_cannot_be_advanced_from_a_stale_page(client_for, action, pilot):
    _to_phase(action, pilot, 7)
    action_close(action=action, by=pilot, override_reason="Bilan")
    c = client_for(pilot)
    page = _page(c.get(_url("phase_advance", action)))
    assert "clôturée" in page and 'name="override_reason"' not in page
    response = c.post(_url("action_close", action), {"phase": "7", "override_reason": "Bilan"}, follow=True)
    assert "déjà clôturée" in _page(response)
    assert PhaseTransition.objects.filter(kind=PhaseTransition.Kind.CLOSE).count() == 1
