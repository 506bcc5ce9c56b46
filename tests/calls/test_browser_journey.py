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
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login_in_browser(page, username):
    """As tests.conftest.login_in_browser, by field ids: the login labels are shadowed by
    django.contrib.auth's own French catalogue ("Nom d'utilisateur", "Connexion")."""
    page.goto(f"{page.base_url}/comptes/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def no_favicon(page):
    # The base layout declares no favicon: Chromium's automatic request would log a 404.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))


PHONE = {"width": 390, "height": 844}


def _logout(page):
    page.context.clear_cookies()


def test_apply_on_a_phone_then_instruct_score_select(page, pilot, committee_member):
    call = CallFactory(title="Appel ACIA test", slug="acia-test", max_organisations=4, min_health_insurance=1)
    call.programme.managers.add(Person.objects.get(user=pilot))
    committee = Committee.objects.create(
        kind=Committee.Kind.SELECTION, name="Comité de sélection", programme=call.programme
    )
    Membership.objects.create(committee=committee, person=Person.objects.get(user=committee_member))
    call.selection_committee = committee
    call.save()

    no_favicon(page)
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    # 1. A structure applies on a phone and saves a draft.
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/appels/public/acia-test/")
    page.get_by_role("link", name="Candidater").click()
    page.locator("#id_structure_name").fill("EHPAD U Paese")
    page.locator("#id_managing_organisation").fill("Association U Paese")
    page.locator("#id_category").fill("EHPAD")
    page.locator("#id_sector").select_option("PA")
    page.locator("#id_capacity").fill("75")
    page.locator("#id_health_insurance_funded_0").check()
    page.locator("#id_siret").fill(siret(7))
    page.locator("#id_finess_legal").fill(finess("2A000077"))
    page.locator("#id_finess_site").fill(finess("2A100077"))
    page.locator("#id_director_name").fill("Anna Mattei")
    page.locator("#id_contact_name").fill("Lucie Pieri")
    page.locator("#id_contact_email").fill("lucie@example.org")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Votre brouillon est enregistré").wait_for()
    link = page.url
    assert "/appels/candidature/" in link
    path = link.removeprefix(page.base_url)
    assert any(path in m.body for m in mail.outbox), missing

    # 2. Later, through the private link, it completes and submits.
    page.goto(f"{page.base_url}/appels/public/acia-test/")
    page.goto(link)
    assert page.locator("#id_structure_name").input_value() == "EHPAD U Paese"
    page.locator("#id_axis_0").check()
    page.locator("#id_reasons").fill("Déployer le DUI avec les équipes.")
    for criterion in call.eligibility_criteria.all():
        page.locator(f"#id_eligibility_{criterion.pk}_0").check()
    page.locator("#id_has_digital_tools_0").check()
    page.locator("input[name=digital_tools][value=dui]").check()
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
    page.goto(page.base_url + "/appels/candidature/" + new_link.split("/appels/candidature/")[1])
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
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=40), closes_at=timezone.now() - timedelta(days=1)
    )
    _logout(page)
    login_in_browser(page, pilot.username)
    page.goto(f"{page.base_url}/appels/{call.pk}/selection/")
    page.get_by_label("Retenir").check()
    page.locator("textarea[name^=reason_]").fill("Projet DUI mûr et équipe projet formalisée.")
    sent_before = len(mail.outbox)
    page.get_by_role("button", name="Vérifier la sélection avant de l’arrêter").click()
    page.get_by_test_id("selection-confirmation").wait_for()
    assert len(mail.outbox) == sent_before
    page.get_by_role("button", name="Confirmer la sélection").click()
    page.get_by_text("La sélection est arrêtée").wait_for()
    assert any("est retenue" in m.subject for m in mail.outbox)
    page.goto(f"{page.base_url}/appels/candidatures/{application.pk}/")
    page.get_by_test_id("copil").get_by_role("link").click()
    page.get_by_text("Lucie Pieri").first.wait_for()
    assert page.get_by_text("Marc Leca").first.is_visible()
    assert not missing, missing


def test_select_confirm_reopen_correct_one_confirm(page, pilot):
    """The runner decides, sees the decision was wrong for one structure, reopens with a reason and
    corrects it: only that structure is told again, « décision corrigée »."""
    from actions.models import CollectiveAction, Participation
    from tests.calls.factories import make_application

    call = CallFactory(
        title="Appel ACIA correction", slug="acia-correction", max_organisations=4, min_health_insurance=1
    )
    call.programme.managers.add(Person.objects.get(user=pilot))
    call.action = CollectiveAction.objects.create(programme=call.programme, code="ACIA", title="ACIA Corse")
    call.opens_at = timezone.now() - timedelta(days=30)
    call.closes_at = timezone.now() - timedelta(days=1)
    call.save()
    first = make_application(
        call, 0, eligibility=Application.Eligibility.ELIGIBLE, structure_name="EHPAD A Casa"
    )
    second = make_application(
        call, 1, eligibility=Application.Eligibility.ELIGIBLE, structure_name="IME U Ventu"
    )

    no_favicon(page)
    login_in_browser(page, pilot.username)
    # 1. Both selected, then confirmed.
    page.goto(f"{page.base_url}/appels/{call.pk}/selection/")
    page.locator(f"#id_selected_{first.pk}").check()
    page.locator(f"#id_selected_{second.pk}").check()
    page.locator(f"#id_reason_{first.pk}").fill("Projet mûr.")
    page.locator(f"#id_reason_{second.pk}").fill("Équipe formée.")
    page.get_by_role("button", name="Vérifier la sélection avant de l’arrêter").click()
    panel = page.get_by_test_id("selection-confirmation")
    panel.get_by_text("2 candidatures retenues").wait_for()
    assert not mail.outbox
    page.get_by_role("button", name="Confirmer la sélection").click()
    page.get_by_text("La sélection est arrêtée").wait_for()
    assert len(mail.outbox) == 2
    # 2. Reopened from the call's page, with a reason.
    page.get_by_test_id("reopen-selection").click()
    page.get_by_label("Motif de la réouverture").fill("L’IME a retiré sa candidature par courrier.")
    page.get_by_role("button", name="Rouvrir la sélection").click()
    page.get_by_test_id("selection-reopened").wait_for()
    # 3. One decision changed; the form kept the others.
    assert page.locator(f"#id_selected_{first.pk}").is_checked()
    page.locator(f"#id_selected_{second.pk}").uncheck()
    page.locator(f"#id_reason_{second.pk}").fill("Candidature retirée par la structure.")
    page.get_by_role("button", name="Vérifier la sélection avant de l’arrêter").click()
    page.get_by_test_id("confirm-unchanged").wait_for()
    page.get_by_role("button", name="Confirmer la sélection").click()
    page.get_by_text("La sélection est arrêtée").wait_for()
    assert len(mail.outbox) == 3
    assert "décision corrigée" in mail.outbox[-1].subject and mail.outbox[-1].to == [second.contact_email]
    second.refresh_from_db()
    assert (
        Participation.objects.get(organisation=second.organisation).status == Participation.Status.WITHDRAWN
    )
