"""The pilot plans a COPIL, builds its agenda, convenes it, holds it, writes the minutes
with a decision and a follow-up item and approves them; the owner finds the item on
their board; the committee member reads everything and can change nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import FollowUpItem, Meeting, Membership, Minutes
from tests.conftest import login_in_browser
from tests.factories import PASSWORD

from .factories import ActionFactory, CommitteeFactory, add_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    """`login_in_browser`, or the same steps by field name when the French label differs.

    django.contrib.auth’s catalogue comes before core’s in INSTALLED_APPS, so the login
    field may read « Nom d’utilisateur » instead of « Identifiant ».
    """
    page.goto(f"{page.base_url}/comptes/connexion/")
    if page.get_by_label("Identifiant").count():
        login_in_browser(page, username)
        return
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


@pytest.fixture
def copil(pilot, other_pilot, committee_member):
    committee = CommitteeFactory(action=ActionFactory(code="ACIA-1"), name="COPIL Structure A")
    add_member(committee, pilot, Membership.Role.PILOT, college="employeurs")
    add_member(committee, other_pilot, Membership.Role.MEMBER, college="employeurs")
    add_member(committee, committee_member, Membership.Role.MEMBER, college="salaries")
    return committee


def test_copil_journey(page, copil, pilot, other_pilot, committee_member):
    page.on("dialog", lambda dialog: dialog.accept())
    # The layout declares no icon: answer the browser's automatic favicon request quietly.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    base = page.base_url
    login(page, pilot.username)

    # Plan the meeting.
    page.goto(f"{base}/gouvernance/instances/{copil.pk}/")
    page.get_by_role("link", name="Planifier une réunion").click()
    when = timezone.localtime() + timedelta(days=12)
    page.get_by_label("Titre").fill("COPIL 2 — diagnostic")
    page.get_by_label("Date et heure").fill(when.strftime("%Y-%m-%dT09:30"))
    page.get_by_label("Durée (minutes)").fill("90")
    page.get_by_label("Lieu").fill("Salle du conseil")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("COPIL 2 — diagnostic")
    meeting = Meeting.objects.get(title="COPIL 2 — diagnostic")

    # Build the agenda: the second item makes it overrun the 90 minutes.
    for title, minutes in (("Présentation du diagnostic", "60"), ("Recommandations", "45")):
        if not page.get_by_label("Titre").is_visible():
            page.locator("summary", has_text="Ajouter un point à l’ordre du jour").click()
        page.get_by_label("Titre").fill(title)
        page.get_by_label("Durée prévue (minutes)").fill(minutes)
        page.get_by_role("button", name="Ajouter à l’ordre du jour").click()
        expect(page.locator("#ordre-du-jour")).to_contain_text(title)
    expect(page.get_by_test_id("agenda-total")).to_contain_text("105 min prévues sur 90 min")
    expect(page.locator("#ordre-du-jour")).to_contain_text("dépasse la durée de la réunion de 15 min")

    # Send the convocation: e-mails with the .ics attached.
    page.get_by_role("button", name="Envoyer la convocation").click()
    expect(page.locator(".alert-success")).to_contain_text("Convocation envoyée")
    assert len(mail.outbox) == 3 and mail.outbox[0].attachments[0][0].endswith(".ics")

    # The day comes: the meeting is held.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    page.reload()
    page.get_by_role("link", name="Enregistrer comme tenue").click()
    page.get_by_role("button", name="Enregistrer comme tenue").click()
    expect(page.locator("h1 .badge")).to_have_text("Tenue")

    # Attendance: everybody present, then the exception.
    page.get_by_role("link", name="Saisir les présences").click()
    page.get_by_role("button", name="Tous présents").click()
    page.get_by_role("radiogroup", name=committee_member.person.full_name).get_by_text("Excusé·e").click()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_test_id("attendance-rates")).to_contain_text("Employeurs")
    expect(page.get_by_test_id("attendance-rates")).to_contain_text("100 %")

    # Minutes, item by item.
    page.get_by_role("link", name="Rédiger le compte rendu").click()
    page.get_by_label("Synthèse générale").fill("Le diagnostic est présenté à l’équipe projet.")
    page.get_by_label("1. Présentation du diagnostic").fill(
        "Les situations de travail analysées sont partagées."
    )
    page.get_by_role("button", name="Enregistrer le compte rendu").click()
    expect(page.locator("#compte-rendu")).to_contain_text(
        "Les situations de travail analysées sont partagées."
    )

    # A decision and its follow-up item, owned by another member.
    page.locator("summary", has_text="Enregistrer une décision").click()
    page.get_by_label("Point de l’ordre du jour").select_option(label="Présentation du diagnostic")
    page.get_by_role("textbox", name="Décision").fill("Le diagnostic est validé par le COPIL.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.get_by_role("link", name="Ajouter une suite à donner").click()
    page.get_by_label("Quoi").fill("Diffuser le diagnostic aux équipes")
    owner = other_pilot.person
    page.get_by_label("Responsable").select_option(label=f"{owner.full_name} ({owner.organisation})")
    page.get_by_label("Échéance").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#decisions")).to_contain_text("Diffuser le diagnostic aux équipes")

    # Circulate (the confirmation says who receives them), then approve: the minutes become read-only.
    page.get_by_role("link", name="Diffuser", exact=True).click()
    expect(page.get_by_test_id("circulation-recipients")).to_contain_text(committee_member.person.full_name)
    page.get_by_role("button", name="Envoyer le compte rendu").click()
    expect(page.get_by_test_id("minutes-circulations")).to_contain_text("Version 1 diffusée le")
    page.get_by_role("link", name="Approuver").click()
    page.get_by_role("button", name="Approuver le compte rendu").click()
    expect(page.get_by_test_id("minutes-status")).to_contain_text("Approuvé")
    expect(page.get_by_role("link", name="Modifier le compte rendu")).to_have_count(0)
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED

    # The owner sees the item on their board.
    page.context.clear_cookies()
    login(page, other_pilot.username)
    page.goto(f"{base}/gouvernance/suivi/?mine=on")
    expect(page.get_by_test_id("followup-board")).to_contain_text("Diffuser le diagnostic aux équipes")
    assert FollowUpItem.objects.get().owner == other_pilot.person

    # The committee member reads and cannot change anything.
    page.context.clear_cookies()
    login(page, committee_member.username)
    page.goto(f"{base}/gouvernance/reunions/{meeting.pk}/")
    expect(page.locator("#compte-rendu")).to_contain_text(
        "Les situations de travail analysées sont partagées."
    )
    for name in (
        "Modifier",
        "Annuler",
        "Saisir les présences",
        "Ajouter une suite à donner",
        "Rouvrir le compte rendu",
    ):
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)
    assert page.request.get(f"{base}/gouvernance/reunions/{meeting.pk}/presences/").status == 403
