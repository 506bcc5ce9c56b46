"""Two people edit the same fiche-action, phase or deliverable: nothing is overwritten silently.

Each form carries the version it was opened on; a save made on a stale version keeps what the other
person changed on fields left alone, and where both changed the same field it is refused with their
name and value shown beside the field, the typed value still in it. And a way back: an earlier
version's texts restored from the history, as a new version.
"""

from html import unescape

import pytest
from django.urls import reverse

from actions import services
from actions.models import CollectiveAction
from core.conflicts import version_of
from directory.access import person_of
from tests.factories import make_account
from tests.fuzz.htmlforms import opened_form, parse_forms

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(action):
    from directory.models import Person

    user = make_account("collegue_test", Person.Role.PILOT)
    user.first_name, user.last_name = "Camille", "Roux"
    user.save()
    action.team.create(person=person_of(user), role="pilote")
    return user


def _edit_url(action):
    return reverse("actions:action_edit", args=[action.pk])


def test_the_second_save_of_the_same_field_shows_both_values_and_writes_nothing(
    client_for, pilot, colleague, action
):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(action)), opened_form(theirs, _edit_url(action))
    their_form["needs"] = ["Le besoin vu par Camille"]
    assert theirs.post(_edit_url(action), their_form).status_code == 302
    version_after_theirs = version_of(CollectiveAction.objects.get(pk=action.pk))

    my_form["needs"] = ["Mon besoin à moi"]
    response = mine.post(_edit_url(action), my_form)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Camille Roux a enregistré cette page le" in page
    assert "Valeur enregistrée par Camille Roux\u00a0: «\u00a0Le besoin vu par Camille\u00a0»" in page
    assert "Mon besoin à moi" in page  # what I typed is still in the field
    action.refresh_from_db()
    assert action.needs == "Le besoin vu par Camille"
    assert version_of(action) == version_after_theirs  # nothing written

    # Saving again, having seen both, keeps mine.
    again = [f for f in parse_forms(response.content.decode()) if f.method.lower() == "post"]
    data = max(again, key=lambda f: len(f.controls)).data()
    assert data["needs"] == ["Mon besoin à moi"]
    assert mine.post(_edit_url(action), data).status_code == 302
    action.refresh_from_db()
    assert action.needs == "Mon besoin à moi"
    authors = {row.history_user for row in action.history.all()[:2]}
    assert authors == {pilot, colleague}


def test_changes_to_different_fields_are_both_kept(client_for, pilot, colleague, action):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(action)), opened_form(theirs, _edit_url(action))
    their_form["pilotage"] = ["Pilotage par la branche"]
    assert theirs.post(_edit_url(action), their_form).status_code == 302
    my_form["description"] = ["Description complémentaire"]
    assert mine.post(_edit_url(action), my_form).status_code == 302
    action.refresh_from_db()
    assert (action.pilotage, action.description) == ("Pilotage par la branche", "Description complémentaire")


def test_a_list_of_the_fiche_changed_by_both_is_shown_above_the_form(client_for, pilot, colleague, action):
    mine, theirs = client_for(pilot), client_for(colleague)
    my_form, their_form = opened_form(mine, _edit_url(action)), opened_form(theirs, _edit_url(action))
    their_form["objectifs-0-text"] = ["Objectif de Camille"]
    assert theirs.post(_edit_url(action), their_form).status_code == 302
    my_form["objectifs-0-text"] = ["Mon objectif"]
    response = mine.post(_edit_url(action), my_form)
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "Objectif de Camille" in page and "Mon objectif" in page
    action.refresh_from_db()
    assert action.objectives == ["Objectif de Camille"]


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30])
def test_a_forged_version_is_a_form_error_not_a_server_error(client_for, pilot, action, version):
    c = client_for(pilot)
    data = opened_form(c, _edit_url(action))
    data["version"] = [version]
    data["needs"] = ["Forgé"]
    response = c.post(_edit_url(action), data)
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.needs != "Forgé"


def test_a_stale_phase_or_deliverable_edit_is_refused_with_the_other_value(
    client_for, pilot, colleague, action
):
    mine, theirs = client_for(pilot), client_for(colleague)
    phase_url = reverse("actions:phase_edit", args=[action.pk, 1])
    my_form, their_form = opened_form(mine, phase_url), opened_form(theirs, phase_url)
    their_form["notes"] = ["Notes de Camille"]
    assert theirs.post(phase_url, their_form).status_code == 302
    my_form["notes"] = ["Mes notes"]
    response = mine.post(phase_url, my_form)
    assert response.status_code == 200 and "Notes de Camille" in unescape(response.content.decode())
    assert action.phases.get(number=1).notes == "Notes de Camille"

    deliverable = action.deliverables.order_by("pk").first()
    url = reverse("actions:deliverable_edit", args=[action.pk, deliverable.pk])
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form["title"] = ["Titre de Camille"]
    assert theirs.post(url, their_form).status_code == 302
    my_form["title"] = ["Mon titre"]
    response = mine.post(url, my_form)
    assert response.status_code == 200 and "Titre de Camille" in unescape(response.content.decode())
    deliverable.refresh_from_db()
    assert deliverable.title == "Titre de Camille"


def _restore_url(action, record):
    return reverse("actions:action_restore", args=[action.pk, record.history_id])


def test_an_earlier_text_is_restored_as_a_new_version(client_for, pilot, colleague, action):
    services.action_update(action=action, by=pilot, needs="Premier texte", objectives=["Objectif A"])
    first = action.history.latest()
    services.action_update(action=action, by=colleague, needs="Second texte", objectives=[])
    c = client_for(pilot)

    history = unescape(c.get(reverse("actions:action_history", args=[action.pk])).content.decode())
    assert _restore_url(action, first) in history

    page = c.get(_restore_url(action, first))
    text = unescape(page.content.decode())
    assert "Premier texte" in text and "Second texte" in text and "Objectif A" in text
    data = opened_form(c, _restore_url(action, first))
    response = c.post(_restore_url(action, first), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.needs, action.objectives) == ("Premier texte", ["Objectif A"])
    latest = action.history.latest()
    assert latest.history_user == pilot
    assert latest.history_change_reason.startswith("Restauration de la version du ")
    # The text replaced is still in the history: it can be brought back in turn.
    assert action.history.filter(needs="Second texte").exists()


def test_a_restore_confirmed_on_a_stale_page_restores_nothing(client_for, pilot, colleague, action):
    services.action_update(action=action, by=pilot, needs="Premier texte")
    first = action.history.latest()
    services.action_update(action=action, by=colleague, needs="Second texte")
    c = client_for(pilot)
    data = opened_form(c, _restore_url(action, first))
    services.action_update(action=action, by=colleague, needs="Troisième texte")
    response = c.post(_restore_url(action, first), data)
    assert response.status_code == 200
    assert "a été modifiée entre-temps" in unescape(response.content.decode())
    action.refresh_from_db()
    assert action.needs == "Troisième texte"


def test_a_reader_cannot_restore_and_another_actions_version_is_not_found(
    client_for, pilot, committee_member, action, programme
):
    from tests.actions.factories import make_action

    services.action_update(action=action, by=pilot, needs="Premier texte")
    first = action.history.earliest()
    other = make_action(by=pilot, programme=programme)
    c = client_for(pilot)
    assert c.get(reverse("actions:action_restore", args=[other.pk, first.history_id])).status_code == 404
    assert client_for(committee_member).post(_restore_url(action, first), {}).status_code in (403, 404)
    action.refresh_from_db()
    assert action.needs == "Premier texte"


def _both_save(mine, theirs, url, field, their_value, my_value):
    my_form, their_form = opened_form(mine, url), opened_form(theirs, url)
    their_form[field] = [their_value]
    assert theirs.post(url, their_form).status_code == 302
    my_form[field] = [my_value]
    return mine.post(url, my_form)


def test_a_stale_participation_edit_is_refused_with_the_other_value(client_for, pilot, colleague, action):
    from actions.models import Participation
    from tests.factories import OrganisationFactory

    participation = services.participation_save(
        participation=Participation(action=action, organisation=OrganisationFactory(), status="engagee"),
        by=pilot,
    )
    url = reverse("actions:participation_edit", args=[action.pk, participation.pk])
    response = _both_save(
        client_for(pilot), client_for(colleague), url, "notes", "Notes de Camille", "Mes notes"
    )
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "Notes de Camille" in page and "Mes notes" in page
    participation.refresh_from_db()
    assert participation.notes == "Notes de Camille"


def test_a_stale_programme_edit_is_refused_with_the_other_value(client_for, pilot, colleague, programme):
    programme.managers.add(person_of(colleague))
    url = reverse("actions:programme_edit", args=[programme.pk])
    response = _both_save(
        client_for(pilot), client_for(colleague), url, "description", "Selon Camille", "Selon moi"
    )
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "Selon Camille" in page and "Selon moi" in page
    programme.refresh_from_db()
    assert programme.description == "Selon Camille"
