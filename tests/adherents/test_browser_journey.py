"""The issue’s journey: staff validate a membership, see the steps and their due dates, log
a failed then a successful call, record a prevention visit with two work units and produce
the restitution PDF; the member logs in, sees it, and cannot reach another member’s file."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from adherents.models import Adherent, PreventionVisit
from core import french
from reports.models import Document
from tests.factories import PASSWORD

from .factories import ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username):
    # tests.conftest.login_in_browser looks for the label "Identifiant", which the committed
    # login form does not show yet ("Nom d'utilisateur"): log in by the fields' ids instead.
    page.goto(f"{page.base_url}/comptes/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()


def logout(page):
    page.context.clear_cookies()


def test_membership_to_restitution_journey(
    page, service_staff, member_contact, service_organisation, templates, sector, unit, other_adherent
):
    # The site has no favicon yet: its 404 would count as a console error.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    company = member_contact.person.organisation
    company.siret = "73282932000074"
    company.save()
    application = ApplicationFactory(
        service=service_organisation, company_name=company.name, siret=company.siret
    )

    login(page, service_staff.username)
    page.goto(f"{page.base_url}/adherents/demandes/")
    page.get_by_role("link", name=application.company_name).click()
    page.get_by_label("Secteur").select_option(label=sector.name)
    page.get_by_label("UST").select_option(value=str(unit.pk))
    page.get_by_role("button", name="Valider l’adhésion et démarrer la trajectoire").click()

    expect(page.get_by_text("L’adhésion est validée : la trajectoire a démarré.")).to_be_visible()
    adherent = Adherent.objects.get(organisation=company)
    steps = page.get_by_test_id("step")
    expect(steps).to_have_count(8)
    visit_due = adherent.steps.get(step__kind="visite").due_on
    expect(page.get_by_test_id("trajectory")).to_contain_text(f"échéance le {french.jour(visit_due)}")

    for outcome in ("injoignable", "joint"):
        page.get_by_role("link", name="Noter un contact").first.click()
        page.get_by_label("Résultat").select_option(outcome)
        page.get_by_role("button", name="Enregistrer le contact").click()
        expect(page.get_by_text("Le contact est noté.")).to_be_visible()
    expect(page.get_by_test_id("contact")).to_have_count(2)
    expect(page.get_by_test_id("contact").first).to_contain_text("Joint")
    expect(page.get_by_test_id("contact").last).to_contain_text("Injoignable")
    expect(page.locator("[data-testid=step][data-status=fait]")).to_have_count(2)  # file + welcome call

    page.get_by_role("link", name="Saisir un rendez-vous de la prévention").click()
    page.get_by_label("Statut").select_option("realisee")
    page.get_by_label("Date de la visite").fill(timezone.localdate().isoformat())
    page.get_by_label("Danger sur lequel travailler").select_option("manutention")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("ajoutez ses unités de travail")).to_be_visible()

    page.get_by_role("link", name="Ajouter une unité de travail").click()
    page.get_by_label("Unité de travail").fill("Fournil")
    page.get_by_label("Manutention manuelle", exact=True).check()
    page.get_by_label("Situation exposante — Manutention manuelle").fill("Sacs de farine de 25 kg")
    page.get_by_role("button", name="Enregistrer et ajouter une autre unité").click()
    page.get_by_label("Unité de travail").fill("Boutique")
    page.get_by_label("Chutes (de plain-pied, de hauteur)", exact=True).check()
    page.get_by_role("button", name="Enregistrer l’unité de travail").click()
    expect(page.get_by_test_id("work-unit")).to_have_count(2)

    page.get_by_role("button", name="Marquer comme envoyée à l’employeur").click()
    expect(page.get_by_text("La restitution est marquée comme envoyée")).to_be_visible()
    page.get_by_role("button", name="Produire la restitution (PDF)").click()
    expect(page.get_by_test_id("download-link")).to_be_visible(timeout=30000)
    assert Document.objects.get(kind="adherents.restitution").status == Document.Status.DONE

    logout(page)
    login(page, member_contact.username)
    expect(page).to_have_url(re.compile(r"/adherents/portail/$"))
    visit = PreventionVisit.objects.get(adherent=adherent)
    expect(page.get_by_test_id("portal-visit")).to_contain_text(french.jour(visit.done_on))
    expect(page.get_by_role("link", name="Télécharger (PDF)")).to_be_visible()

    # Asked with the member's session (a navigation to a 404 would log a console error).
    assert page.request.get(f"{page.base_url}/adherents/{other_adherent.pk}/").status == 404
    assert (
        page.request.get(f"{page.base_url}/adherents/{adherent.pk}/").status == 404
    )  # nor its staff-side file
    other_visit = PreventionVisit.objects.create(
        adherent=other_adherent,
        status="realisee",
        done_on=timezone.localdate(),
        restitution_sent_on=timezone.localdate(),
    )
    assert page.request.post(
        f"{page.base_url}/adherents/portail/visites/{other_visit.pk}/restitution/"
    ).status in (403, 404)
