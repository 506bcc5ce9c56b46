"""The pilot runs an action from its creation to the Conception phase; a committee member reads it."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import CollectiveAction, Deliverable
from tests.actions.conftest import PDF_BYTES
from tests.conftest import login_in_browser
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    """`login_in_browser`, or the same steps by field name when the login label reads differently."""
    page.goto(f"{page.base_url}/comptes/connexion/")
    if page.get_by_label("Identifiant").count():
        login_in_browser(page, username)
    else:
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def test_pilot_moves_on_only_with_the_validated_pre_project_and_croct_reads(
    page, pilot, programme, committee_member, committee_reads_programme, tmp_path
):
    committee_reads_programme(programme)
    # The base layout declares no favicon: Chromium's automatic request would log a 404.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(page, pilot.username)

    # Create the action in the programme the pilot manages.
    page.goto(f"{page.base_url}/actions/")
    page.get_by_role("link", name="Nouvelle action").click()
    page.get_by_label("Programme").select_option(str(programme.pk))
    page.get_by_role("button", name="Continuer").click()
    page.fill("input[name=code]", "01")
    page.fill("input[name=title]", "Être guidés dans une démarche reconnue de QVT")
    page.get_by_role("button", name=re.compile("Créer l.action")).click()
    expect(page.get_by_text(re.compile("L.action est créée avec ses 7 phases"))).to_be_visible()

    # Fill the fiche: needs, an objective, a success condition.
    page.fill(
        "textarea[name=needs]",
        "Accompagner individuellement des établissements volontaires de -250 salariés.",
    )
    page.fill(
        "textarea[name=objectifs-0-text]", "Aider les entreprises à recourir à des compétences externes."
    )
    page.fill("input[name=conditions-0-title]", "Incitation économique")
    page.fill("textarea[name=conditions-0-text]", "Reste à charge progressif selon l’effectif.")
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.get_by_text("La fiche-action est enregistrée.")).to_be_visible()
    expect(page.get_by_text("Aider les entreprises à recourir à des compétences externes.")).to_be_visible()
    action_url = page.url

    # Émergence → Conception without the pré-projet: the page says so before the move, and what to do.
    expect(page.get_by_test_id("phase-missing")).to_contain_text("1 livrable obligatoire")
    page.get_by_role("link", name="Passer à la phase suivante…").click()
    expect(page.get_by_test_id("phase-confirmation")).to_contain_text("Conception")
    expect(page.get_by_role("link", name="Pré-projet formalisé")).to_be_visible()
    expect(page.get_by_label("Raison du passage sans les livrables validés")).to_be_visible()

    # Upload and validate the pré-projet.
    page.get_by_role("link", name="Pré-projet formalisé").click()
    document = tmp_path / "pré-projet.pdf"
    document.write_bytes(PDF_BYTES)
    page.get_by_label("Fichier").set_input_files(str(document))
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("le livrable est soumis à validation")).to_be_visible()
    page.get_by_label("Note de validation").fill("COPIL n°1")
    page.get_by_test_id("deliverable-validate").click()
    expect(page.get_by_text("Le livrable est validé.")).to_be_visible()

    # Now the action moves on.
    page.goto(action_url)
    page.get_by_role("link", name="Passer à la phase suivante…").click()
    expect(page.get_by_text("Tous les livrables requis de la phase sont validés.")).to_be_visible()
    page.get_by_role("button", name="Passer à la phase suivante").click()
    expect(
        page.get_by_text(re.compile("L.action est maintenant dans la phase.{1,3}Conception"))
    ).to_be_visible()
    action = CollectiveAction.objects.get(code="01", programme=programme)
    assert action.current_phase_number == 2
    assert action.deliverables.get(phase__number=1).status == Deliverable.Status.VALIDATED

    # The committee member reads the action and cannot change it.
    page.context.clear_cookies()
    login(page, committee_member.username)
    page.goto(f"{page.base_url}/actions/")
    page.get_by_role("link", name="Être guidés dans une démarche reconnue de QVT").click()
    expect(page.get_by_role("heading", name=re.compile("Être guidés"))).to_be_visible()
    expect(page.get_by_text("Phase en cours : 2. Conception")).to_be_visible()
    expect(page.get_by_test_id("edit-fiche")).to_have_count(0)
    expect(page.get_by_test_id("phase-advance")).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{page.base_url}/actions/{action.pk}/phase-suivante/",
        headers={"X-CSRFToken": token, "Referer": page.base_url + "/"},
        form={"override_reason": "tentative"},
    )
    assert response.status == 403 and "Accès refusé" in response.text()
    action.refresh_from_db()
    assert action.current_phase_number == 2


def test_pilot_confirms_a_move_then_reopens_the_previous_phase_with_a_reason(page, pilot, action):
    """From the pilot’s home page: 4 clicks to move on (Actions, the action, « Passer à la phase
    suivante… », the confirmation), then the way back with a written reason, kept in the history."""
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(page, pilot.username)
    page.goto(f"{page.base_url}/")
    page.goto(f"{page.base_url}/actions/")
    page.get_by_role("link", name=action.title).first.click()
    page.get_by_role("link", name="Passer à la phase suivante…").click()
    confirmation = page.get_by_test_id("phase-confirmation")
    expect(confirmation).to_contain_text("Émergence")
    expect(confirmation).to_contain_text("Conception")
    # Nothing has moved before the confirmation.
    action.refresh_from_db()
    assert action.current_phase_number == 1
    page.get_by_label("Raison du passage sans les livrables validés").fill(
        "Pré-projet présenté oralement en COPIL"
    )
    page.get_by_role("button", name="Passer à la phase suivante").click()
    expect(
        page.get_by_text(re.compile("L.action est maintenant dans la phase.{1,3}Conception"))
    ).to_be_visible()
    action.refresh_from_db()
    assert action.current_phase_number == 2

    # The way back: the reason is required, then kept and shown.
    page.get_by_role("link", name="Rouvrir la phase précédente…").click()
    expect(page.get_by_test_id("reopen-confirmation")).to_contain_text("Conception")
    page.get_by_role("button", name="Rouvrir la phase précédente").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_be_visible()
    page.get_by_label("Raison").fill("Le pré-projet doit être repris avec le porteur.")
    page.get_by_role("button", name="Rouvrir la phase précédente").click()
    expect(
        page.get_by_text(re.compile("La phase.{1,3}Émergence.{1,3}est de nouveau en cours"))
    ).to_be_visible()
    expect(page.get_by_test_id("transition-reason").first).to_contain_text("Le pré-projet doit être repris")
    action.refresh_from_db()
    assert action.current_phase_number == 1
    assert action.phases.get(number=2).actual_start is None

    # At 390 px: the stages list replaces the chart, and nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    expect(page.get_by_test_id("stage-list")).to_be_visible()
    expect(page.get_by_test_id("stage-list")).to_contain_text("Étape")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
