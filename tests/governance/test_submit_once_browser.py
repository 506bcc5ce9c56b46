"""A double click on « Enregistrer » of a new meeting plans one meeting.

The page disables its buttons once the form is sent (static/js/copilote.js); whatever reaches the
server twice carries the same one-time token and creates once (core.idempotency).
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting

from .test_browser_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_click_on_save_plans_one_meeting(page, pilot, committee):
    login(page, pilot.username)
    page.goto(page.base_url + reverse("governance:meeting_create", args=[committee.pk]))
    page.locator("#id_title").fill("COPIL du double clic")
    when = timezone.localtime() + timedelta(days=5)
    page.locator("#id_starts_at").fill(when.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_duration_minutes").fill("90")
    page.get_by_role("button", name="Enregistrer").dblclick()
    page.wait_for_url(re.compile(r"/reunions/\d+/$"))
    page.get_by_text("COPIL du double clic").first.wait_for()
    assert Meeting.objects.filter(committee=committee, title="COPIL du double clic").count() == 1
