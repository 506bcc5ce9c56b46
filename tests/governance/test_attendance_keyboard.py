"""A meeting's attendance recorded without a mouse: Tab from line to line (one stop per line), arrows
within a line's answers, Space to answer, Tab to the save button and Enter."""

import pytest
from playwright.sync_api import expect

from governance.models import Attendance

from .test_attendance_quorum import _meeting_of, _rows, _writer
from .test_browser_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Attendance.Status


def _active(page) -> dict:
    return page.evaluate(
        "({id: document.activeElement.id, name: document.activeElement.name || '',"
        " text: document.activeElement.textContent.trim()})"
    )


def test_the_attendance_is_recorded_with_the_keyboard(page, pilot):
    meeting = _meeting_of({"salaries": 3})
    _writer(meeting, pilot)
    first, second, third = _rows(meeting)
    login(page, pilot.username)
    page.goto(f"{page.base_url}/gouvernance/reunions/{meeting.pk}/presences/")

    for _press in range(80):  # Tab to the first line's answers
        if _active(page)["name"] == f"status_{first.pk}":
            break
        page.keyboard.press("Tab")
    group = page.get_by_role("radiogroup", name=f"Présence — {first.display_name}")
    expect(group).to_be_visible()
    page.keyboard.press("Space")  # the first answer: present
    expect(group.get_by_role("radio", name="Présent·e")).to_be_checked()
    page.keyboard.press("Tab")  # one Tab stop per line: the next line
    assert _active(page)["name"] == f"status_{second.pk}"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # present → excused
    expect(
        page.get_by_role("radiogroup", name=f"Présence — {second.display_name}").get_by_role(
            "radio", name="Excusé·e"
        )
    ).to_be_checked()
    page.keyboard.press("Tab")
    assert _active(page)["name"] == f"status_{third.pk}"
    page.keyboard.press("Space")

    for _press in range(20):  # on to the save button
        if _active(page)["text"] == "Enregistrer les présences":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text("présences sont enregistrées")
    statuses = dict(meeting.attendances.values_list("pk", "status"))
    assert statuses == {first.pk: S.PRESENT, second.pk: S.EXCUSED, third.pk: S.PRESENT}
