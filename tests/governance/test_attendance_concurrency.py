"""Two people filling in the same attendance list at the same time (found by the load test, bench/load.py).

The form sends every line back; before the fix the second save wrote the lines as its page had
shown them, undoing the first person's changes. Now each page also sends the status it showed,
and only the lines changed on that page are saved.
"""

import re

import pytest
from django.urls import reverse

from governance.models import Attendance, Membership

from .factories import add_member

pytestmark = pytest.mark.django_db

_CHECKED = re.compile(
    r'<input class="btn-check" type="radio" name="(status_\d+)"[^>]*value="([^"]*)"[^>]*\schecked\b'
)
_HIDDEN = re.compile(r'<input type="hidden" name="(initial-(?:status|proxy)_\d+)" value="([^"]*)"')


def form_as_loaded(client, url) -> dict[str, str]:
    """What the browser would send back untouched: the checked answer of each line (none while only
    « invited »), and the hidden fields saying what the page showed."""
    content = client.get(url).content.decode()
    data = dict(_CHECKED.findall(content))
    data.update(dict(_HIDDEN.findall(content)))
    return data


def test_two_people_saving_different_lines_at_once_keep_both_changes(
    client_for, pilot, other_pilot, committee, meeting, committee_member
):
    add_member(committee, other_pilot, Membership.Role.SECRETARY)
    url = reverse("governance:attendance_edit", args=[meeting.pk])
    mine = meeting.attendances.get(person__user=pilot)
    theirs = meeting.attendances.get(person__user=committee_member)
    first, second = client_for(pilot), client_for(other_pilot)
    first_page, second_page = form_as_loaded(first, url), form_as_loaded(second, url)
    assert first_page[f"initial-status_{mine.pk}"] == Attendance.Status.INVITED

    first_page[f"status_{mine.pk}"] = Attendance.Status.PRESENT
    assert first.post(url, first_page).status_code == 302
    second_page[f"status_{theirs.pk}"] = (
        Attendance.Status.EXCUSED
    )  # still shows « invited » for the first line
    assert second.post(url, second_page).status_code == 302

    assert dict(meeting.attendances.values_list("pk", "status")) == {
        mine.pk: Attendance.Status.PRESENT,
        theirs.pk: Attendance.Status.EXCUSED,
    }


def test_the_same_line_changed_on_two_pages_keeps_the_last_save(
    client_for, pilot, other_pilot, committee, meeting
):
    add_member(committee, other_pilot, Membership.Role.SECRETARY)
    url = reverse("governance:attendance_edit", args=[meeting.pk])
    row = meeting.attendances.get(person__user=pilot)
    first, second = client_for(pilot), client_for(other_pilot)
    first_page, second_page = form_as_loaded(first, url), form_as_loaded(second, url)
    first_page[f"status_{row.pk}"] = Attendance.Status.PRESENT
    second_page[f"status_{row.pk}"] = Attendance.Status.ABSENT
    assert first.post(url, first_page).status_code == 302
    assert second.post(url, second_page).status_code == 302
    row.refresh_from_db()
    assert row.status == Attendance.Status.ABSENT


def test_a_form_sent_without_the_shown_statuses_still_saves_every_line(client_for, pilot, meeting):
    url = reverse("governance:attendance_edit", args=[meeting.pk])
    data = {
        f"status_{pk}": Attendance.Status.EXCUSED for pk in meeting.attendances.values_list("pk", flat=True)
    }
    assert client_for(pilot).post(url, data).status_code == 302
    assert set(meeting.attendances.values_list("status", flat=True)) == {Attendance.Status.EXCUSED}
