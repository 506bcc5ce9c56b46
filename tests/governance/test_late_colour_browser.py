"""A follow-up item past its due date shows its date in the « late » red, in the tables too.

Bootstrap colours a table's cells through its own variables, which a plain `color` on the cell's class
did not beat: the date stayed black on the follow-up board and the meeting page (copilote.css now sets
the table's variable for `.status-late` and `.status-done` cells).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Meeting

from .factories import DecisionFactory, FollowUpFactory, MeetingFactory
from .test_browser_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATE_RED = "rgb(166, 27, 27)"  # --copilote-late


@pytest.mark.parametrize("width", [1366, 390])
def test_an_overdue_date_is_red_in_the_tables_and_one_on_time_is_not(page, pilot, committee, width):
    meeting = MeetingFactory(committee=committee, number=2, title="COPIL 2", status=Meeting.Status.HELD)
    decision = DecisionFactory(meeting=meeting)
    today = timezone.localdate()
    FollowUpFactory(decision=decision, title="Planifier le CROCT", due_date=today - timedelta(days=3))
    FollowUpFactory(decision=decision, title="Relire la charte", due_date=today + timedelta(days=14))
    page.set_viewport_size({"width": width, "height": 900})
    login(page, pilot.username)
    for url in (
        reverse("governance:followup_board"),
        reverse("governance:meeting_detail", args=[meeting.pk]),
    ):
        page.goto(page.base_url + url)
        late = page.get_by_role("row").filter(has_text="Planifier le CROCT").locator("td.status-late")
        expect(late).to_have_count(1)
        expect(late).to_have_css("color", LATE_RED)
        on_time = page.get_by_role("row").filter(has_text="Relire la charte")
        expect(on_time.locator("td.status-late")).to_have_count(0)
