"""A structure applies on a phone, comes back through its private link and submits; staff ask a
complement; the committee scores; the call's runner selects; the structure's COPIL appears."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from calls.models import Application, Call
from directory.models import Person
from governance.models import Committee, Membership
from tests.calls.factories import CallFactory, finess, siret
from tests.conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _logout(page):
    page.context.clear_cookies()


def test_apply_on_a_phone_then_instruct_score_select(page, pilot, committee_member):
    call = CallFactory(title="Appel ACIA test", slug="acia-test", max_organisations=4, min_health_insurance=1)
    call.programme.managers.add(Person.objects.get(user=pilot))
    committee = Committee.objects.create(kind=Committee.Kind.SELECTION, name="Comité de sélection",
                                         programme=call.programme)
    Membership.objects.create(committee=committee, person=Person.objects.get(user=committee_member))
    call.selection_committee = committee
    call.save()

    # 1. A structure applies on a phone and saves a draft.
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/appels/public/acia-test/")
    page.get_by_role("link", name="Candidater").click()
    page.get_by_label("Raison sociale de la structure").fill("EHPAD U Paese")
    page.get_by_label("Organisme gestionnaire").fill("Association U Paese")
    page.get_by_label("Catégorie d’établissement").fill("EHPAD")
    page.get_by_label("Secteur d’activité").select_option("PA")
    page.get_by_label("Nombre de personnes accompagnées / capacité d’accueil").fill("75")
    page.locator("#id_health_insurance_funded_0").check()
    page.get_by_label("Numéro SIRET").fill(siret(7))
    page.get_by_label("Numéro FINESS juridique").fill(finess("2A000077"))
    page.get_by_label("Numéro FINESS géographique").fill(finess("2A100077"))
    page.get_by_label("Nom et prénom du directeur").fill("Anna Mattei")
    page.get_by_label("Personne à contacter").fill("Lucie Pieri")
    page.get_by_label("E-mail de contact").fill("lucie@example.org")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Votre brouillon est enregistré").wait_for()
    link = page.url
    assert "/appels/candidature/" in link
    assert any(link in m.body for m in mail.outbox)

    # 2. Later, through the private link, it completes and submits.
    page.goto(f"{page.base_url}/appels/public/acia-test/")
    page.goto(link)
    assert page.get_by_label("Raison sociale de la structure").input_value() == "EHPAD U Paese"
    page.locator("#id_axis_0").check()
    page.get_by_label("Pour quelles raisons souhaitez-vous participer ?").fill("Déployer le DUI avec les équipes.")
    for criterion in call.eligibility_criteria.all():
        page.locator(f"#id_eligibility_{criterion.pk}_0").check()
    page.locator("#id_has_digital_tools_0").check()
    page.get_by_label("DUI (dossier usager informatisé)").check()
    page.locator("#id_esms_numerique_1").check()
    page.locator("#id_sons_0").check()
    page.locator("#id_equipe-0-full_name").fill("Lucie Pieri")
    page.locator("#id_equipe-0-project_role").fill("Pilote de projet")
    page.locator("#id_equipe-1-full_name").fill("Marc Leca")
    page.locator("#id_equipe-1-project_role").fill("Représentant du personnel")
    page.get_by_role("button", name="Déposer ma candidature").click()
    page.get_by_text("Votre candidature est déposée").wait_for()
    assert page.get_by_test_id("application-status").is_visible()
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED

    # 3. Staff ask for a complement; the structure answers through the renewed link.
    _logout(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    login_in_browser(page, pilot.username)
    page.goto(f"{page.base_url}/appels/candidatures/{application.pk}/")
    page.get_by_label("Question au candidat").fill("Combien de salariés seront mobilisés ?")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("La demande a été envoyée").wait_for()
    new_link = re.search(r"http\S+/appels/candidature/\S+", mail.outbox[-1].body).group(0)
    _logout(page)
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + new_link.split("8000")[-1] if "8000" in new_link else new_link)
    page.get_by_label("Votre réponse").fill("Douze salariés, dont deux élus du CSE.")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    page.get_by_text("Votre réponse a été envoyée").wait_for()

    # 4. The runner finds it eligible; a committee member scores it.
    page.set_viewport_size({"width": 1280, "height": 900})
    login_in_browser(page, pilot.username)
    page.goto(f"{page.base_url}/appels/candidatures/{application.pk}/")
    assert page.get_by_text("Douze salariés").is_visible()
    page.locator("#id_eligible_0").check()
    page.get_by_role("button", name="Enregistrer l’éligibilité").click()
    page.get_by_text("L’éligibilité est enregistrée").wait_for()
    _logout(page)
    login_in_browser(page, committee_member.username)
    page.goto(f"{page.base_url}/appels/candidatures/{application.pk}/")
    form = page.get_by_test_id("score-form")
    for select in form.locator("select").all():
        select.select_option("4")
    form.get_by_role("button", name="Enregistrer les notes").click()
    page.get_by_text("Les notes sont enregistrées").wait_for()
    assert page.get_by_test_id("total-score").inner_text().startswith("4")

    # 5. The window closed, the runner selects; the structure's COPIL appears.
    Call.objects.filter(pk=call.pk).update(opens_at=timezone.now() - timedelta(days=40),
                                           closes_at=timezone.now() - timedelta(days=1))
    _logout(page)
    login_in_browser(page, pilot.username)
    page.goto(f"{page.base_url}/appels/{call.pk}/selection/")
    page.get_by_label("Retenir").check()
    page.get_by_label("Motif").fill("Projet DUI mûr et équipe projet formalisée.")
    page.get_by_role("button", name="Arrêter la sélection et notifier les candidats").click()
    page.get_by_text("La sélection est arrêtée").wait_for()
    assert any("est retenue" in m.subject for m in mail.outbox)
    page.goto(f"{page.base_url}/appels/candidatures/{application.pk}/")
    page.get_by_test_id("copil").get_by_role("link").click()
    page.get_by_text("Lucie Pieri").first.wait_for()
    assert page.get_by_text("Marc Leca").first.is_visible()
