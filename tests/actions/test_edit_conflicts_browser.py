"""Two people in two browsers edit the same fiche-action; then one brings the other's text back.

Both open the fiche, both change the « besoins » text, both save: the first is saved, the second sees
the conflict with both values and their own text still in the field; saving again keeps theirs; the
history shows both, and « Restaurer les textes de cette version » brings the first text back.
"""

import os
import re

import pytest
from django.urls import reverse

from actions.models import CollectiveAction
from directory.access import person_of
from tests.conftest import open_as
from tests.factories import make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("COPILOTE_SHOTS", "")  # a folder: screenshots of the conflict at 1366 and 390 px


def _open(browser, live_server, username, errors):
    return open_as(browser, live_server, username, errors)


def test_two_people_save_the_same_fiche_then_one_restores_the_other(browser, live_server, pilot, action):
    from directory.models import Person

    colleague = make_account("collegue_nav", Person.Role.PILOT)
    colleague.first_name, colleague.last_name = "Camille", "Roux"
    colleague.save()
    action.team.create(person=person_of(colleague), role="pilote")
    errors: list[str] = []
    mine_context, mine = _open(browser, live_server, pilot.username, errors)
    theirs_context, theirs = _open(browser, live_server, colleague.username, errors)
    try:
        url = reverse("actions:action_edit", args=[action.pk])
        for page in (mine, theirs):
            page.goto(page.base_url + url)
        theirs.locator("#id_needs").fill("Le besoin selon Camille")
        theirs.locator("#id_pilotage").fill("Comité de pilotage de branche")
        with theirs.expect_navigation():
            theirs.get_by_role("button", name="Enregistrer la fiche").click()
        mine.locator("#id_needs").fill("Le besoin selon moi")
        with mine.expect_navigation():
            mine.get_by_role("button", name="Enregistrer la fiche").click()

        # The conflict: both values on the page, mine still in the field, theirs stored and kept.
        assert mine.locator("#id_needs").input_value() == "Le besoin selon moi"
        body = mine.locator("main").inner_text()
        assert "Camille Roux a enregistré cette page" in body and "Le besoin selon Camille" in body
        action.refresh_from_db()
        assert action.needs == "Le besoin selon Camille"
        assert (
            mine.locator("#id_pilotage").input_value() == action.pilotage == "Comité de pilotage de branche"
        )
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            mine.screenshot(path=os.path.join(SHOTS, "fiche-conflict-1366.png"), full_page=False)
            mine.locator("#id_needs").scroll_into_view_if_needed()
            mine.screenshot(path=os.path.join(SHOTS, "fiche-conflict-field-1366.png"), full_page=False)
            mine.set_viewport_size({"width": 390, "height": 844})
            mine.screenshot(path=os.path.join(SHOTS, "fiche-conflict-390.png"), full_page=False)
            mine.set_viewport_size({"width": 1366, "height": 900})
        assert mine.evaluate("document.documentElement.scrollWidth") <= mine.viewport_size["width"]

        # Saving again, having seen both, keeps mine; the other person's untouched change stays.
        with mine.expect_navigation():
            mine.get_by_role("button", name="Enregistrer la fiche").click()
        mine.wait_for_url(re.compile(rf"/actions/{action.pk}/$"))
        action.refresh_from_db()
        assert (action.needs, action.pilotage) == ("Le besoin selon moi", "Comité de pilotage de branche")

        # Camille brings her text back from the history.
        theirs.goto(theirs.base_url + reverse("actions:action_history", args=[action.pk]))
        theirs.get_by_role("link", name="Restaurer les textes de cette version").first.click()
        assert "Le besoin selon Camille" in theirs.locator("main").inner_text()
        with theirs.expect_navigation():
            theirs.get_by_role("button", name="Restaurer ces textes").click()
        assert CollectiveAction.objects.get(pk=action.pk).needs == "Le besoin selon Camille"
        assert "Les textes de cette version sont restaurés" in theirs.locator("main").inner_text()
    finally:
        mine_context.close()
        theirs_context.close()
    assert not errors, errors
