"""Two people in two browsers edit the same minutes; an impatient user sends a new meeting twice.

- Both open the minutes page, both change the same item, both save: the second sees the conflict with
  both values and their own text still in the field; nothing is lost; saving again keeps theirs.
- The same creation form sent twice (the page's own double-click guard bypassed) plans one meeting.
"""

import os
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Meeting, Membership
from tests.conftest import open_as
from tests.factories import make_account

from .factories import AgendaItemFactory, add_member
from .test_browser_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("COPILOTE_SHOTS", "")  # a folder: screenshots of the conflict at 1366 and 390 px


def _open(browser, live_server, username, errors):
    return open_as(browser, live_server, username, errors)


def test_two_people_save_the_same_item_of_the_minutes(browser, live_server, pilot, committee, meeting):
    from directory.models import Person

    colleague = make_account("copilote_nav", Person.Role.PILOT)
    add_member(committee, colleague, Membership.Role.PILOT, college="employeurs")
    meeting.status = Meeting.Status.HELD
    meeting.save()
    item = AgendaItemFactory(meeting=meeting, title="Budget", order=1)
    services.minutes_save(meeting=meeting, by=pilot, summary="Relevé", item_texts={item.pk: "Texte initial"})
    errors: list[str] = []
    mine_context, mine = _open(browser, live_server, pilot.username, errors)
    theirs_context, theirs = _open(browser, live_server, colleague.username, errors)
    try:
        url = reverse("governance:minutes_edit", args=[meeting.pk])
        for page in (mine, theirs):
            page.goto(page.base_url + url)
        field = f"#id_item_{item.pk}"
        theirs.locator(field).fill("Texte de la collègue")
        with theirs.expect_navigation():
            theirs.locator("[name=submit]").click()
        mine.locator(field).fill("Mon texte")
        with mine.expect_navigation():
            mine.locator("[name=submit]").click()
        # The conflict: both values on the page, mine still in the field, theirs stored.
        assert mine.locator(field).input_value() == "Mon texte"
        body = mine.locator("main").inner_text()
        assert colleague.get_full_name() in body
        assert "Texte de la collègue" in body
        assert services.current_minutes(meeting).items.get(agenda_item=item).text == "Texte de la collègue"
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            mine.screenshot(path=os.path.join(SHOTS, "minutes-conflict-1366.png"), full_page=True)
            mine.set_viewport_size({"width": 390, "height": 844})
            assert mine.evaluate("document.documentElement.scrollWidth") <= 390
            mine.screenshot(path=os.path.join(SHOTS, "minutes-conflict-390.png"), full_page=True)
        # Saving again deliberately keeps mine.
        with mine.expect_navigation():
            mine.locator("[name=submit]").click()
        mine.wait_for_url(re.compile(r"/reunions/\d+/"))
        assert services.current_minutes(meeting).items.get(agenda_item=item).text == "Mon texte"
    finally:
        mine_context.close()
        theirs_context.close()
    assert not errors, f"Erreurs dans la console du navigateur : {errors}"


def test_the_same_new_meeting_sent_twice_bypassing_the_page_plans_one_meeting(page, pilot, committee):
    login(page, pilot.username)
    page.goto(page.base_url + reverse("governance:meeting_create", args=[committee.pk]))
    page.locator("#id_title").fill("COPIL envoyé deux fois")
    when = timezone.localtime() + timedelta(days=5)
    page.locator("#id_starts_at").fill(when.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_duration_minutes").fill("90")
    data = page.locator("#id_title").evaluate("el => Object.fromEntries(new FormData(el.form))")
    url = page.base_url + reverse("governance:meeting_create", args=[committee.pk])
    first = page.request.post(url, form=data, max_redirects=0)
    second = page.request.post(url, form=data, max_redirects=0)
    assert first.status == second.status == 302
    assert first.headers["location"] == second.headers["location"]
    assert Meeting.objects.filter(committee=committee, title="COPIL envoyé deux fois").count() == 1
