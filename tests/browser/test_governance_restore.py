"""A way back for the minutes, in a browser: the pilot opens the minutes' history from the meeting, restores
the summary a colleague rewrote, and reads the old text again on the meeting page."""

import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Person
from governance import services
from governance.models import Membership
from tests.conftest import login_in_browser
from tests.factories import make_account
from tests.governance.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    add_member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("COPILOTE_SHOTS", "")  # a folder: screenshots of the history at 1366 and 390 px


def test_the_pilot_restores_the_summary_from_the_minutes_history(page, pilot):
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    colleague = make_account("copilote_restore", Person.Role.PILOT)
    committee = CommitteeFactory(action=ActionFactory(), name="COPIL Structure B")
    add_member(committee, pilot, Membership.Role.PILOT, college="employeurs")
    add_member(committee, colleague, Membership.Role.PILOT, college="employeurs")
    meeting = MeetingFactory(
        committee=committee,
        number=1,
        title="COPIL de lancement",
        starts_at=timezone.now() - timedelta(days=2),
    )
    services.meeting_mark_held(meeting=meeting, by=pilot, without_quorum_note="Réunion de travail")
    item = AgendaItemFactory(meeting=meeting, title="Budget", order=1)
    services.minutes_save(
        meeting=meeting,
        by=pilot,
        summary="Le budget 2027 est présenté par la direction.",
        item_texts={item.pk: "Présenté."},
    )
    services.minutes_save(
        meeting=meeting, by=colleague, summary="Synthèse raccourcie.", item_texts={item.pk: "Présenté."}
    )

    login_in_browser(page, pilot.username)
    page.goto(page.base_url + reverse("governance:meeting_detail", args=[meeting.pk]))
    page.get_by_role("link", name="Historique de la version 1").click()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text(colleague.get_full_name())
    expect(history.locator("ins").first).to_contain_text("Synthèse raccourcie.")
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, "minutes-history-1366.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=os.path.join(SHOTS, "minutes-history-390.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    # The version the pilot wrote: restore its text (the newest restorable one is listed first).
    history.get_by_role("link", name="Restaurer le texte de cette version").first.click()
    expect(page.get_by_test_id("restore-then")).to_contain_text(
        "Le budget 2027 est présenté par la direction."
    )
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "minutes-restore-1366.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=os.path.join(SHOTS, "minutes-restore-390.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Restaurer ce texte").click()
    expect(page.locator(".messages")).to_contain_text("restauré")
    expect(page.get_by_test_id("history")).to_contain_text("Restauration de la version du")

    page.goto(page.base_url + reverse("governance:meeting_detail", args=[meeting.pk]))
    expect(page.locator("#compte-rendu")).to_contain_text("Le budget 2027 est présenté par la direction.")
    assert services.current_minutes(meeting).history.latest().history_user == pilot
