"""The .ics files parse with `icalendar`, carry stable UIDs, DTSTAMP and Paris times."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from governance import services
from governance.models import CalendarToken
from tests.html import squeeze

from .factories import CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def events(content: bytes):
    calendar = Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    return calendar.walk("VEVENT")


def test_meeting_ics_has_stable_uid_dtstamp_and_paris_time(client_for, committee_member, committee):
    # 14:30 in Paris in summer (UTC+2) and in winter (UTC+1): the wall-clock time stays 14:30.
    summer = MeetingFactory(
        committee=committee, starts_at=datetime(2026, 7, 2, 14, 30, tzinfo=PARIS), duration_minutes=180
    )
    winter = MeetingFactory(committee=committee, starts_at=datetime(2026, 12, 3, 14, 30, tzinfo=PARIS))
    client = client_for(committee_member)
    for meeting in (summer, winter):
        response = client.get(reverse("governance:meeting_ics", args=[meeting.pk]))
        assert response["Content-Type"].startswith("text/calendar")
        (event,) = events(response.content)
        assert str(event["UID"]) == f"meeting-{meeting.pk}@copilote"
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert (start.hour, start.minute) == (14, 30)
        assert start == meeting.starts_at
        assert event.decoded("DTEND") - start == timedelta(hours=3) if meeting is summer else True
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert meeting.title in str(event["SUMMARY"])
    # Downloading twice gives the same UID: a calendar updates instead of duplicating.
    again = events(client.get(reverse("governance:meeting_ics", args=[summer.pk])).content)[0]
    assert str(again["UID"]) == f"meeting-{summer.pk}@copilote"


def test_changes_raise_the_sequence_and_cancel_marks_the_event(client_for, pilot, meeting):
    client = client_for(pilot)
    first = events(client.get(reverse("governance:meeting_ics", args=[meeting.pk])).content)[0]
    services.meeting_update(meeting=meeting, place="Ajaccio", by=None)
    services.meeting_cancel(meeting=meeting, by=None)
    last = events(client.get(reverse("governance:meeting_ics", args=[meeting.pk])).content)[0]
    assert int(last["SEQUENCE"]) == int(first["SEQUENCE"]) + 2
    assert str(last["STATUS"]) == "CANCELLED" and str(last["LOCATION"]) == "Ajaccio"


def feed_path_shown(response) -> str:
    """The subscription address the calendar page shows after it was drawn, as a path."""
    found = re.search(
        r'id="feed-url" type="text" readonly value="https?://[^/"]+(/[^"]+)"',
        squeeze(response.content.decode()),
    )
    assert found, "the page does not show the new address"
    return found.group(1)


def test_private_feed_lists_the_users_meetings_and_dies_when_revoked(
    client, client_for, committee_member, committee, meeting
):
    hidden = MeetingFactory(committee=CommitteeFactory())
    logged = client_for(committee_member)
    url = feed_path_shown(logged.post(reverse("governance:calendar_token", args=["create"]), follow=True))
    response = client.get(url)  # no session: the token is the key
    assert response.status_code == 200
    uids = {str(e["UID"]) for e in events(response.content)}
    assert f"meeting-{meeting.pk}@copilote" in uids and f"meeting-{hidden.pk}@copilote" not in uids
    new_url = feed_path_shown(logged.post(reverse("governance:calendar_token", args=["renew"]), follow=True))
    assert client.get(url).status_code == 404
    assert new_url != url
    assert client.get(new_url).status_code == 200
    logged.post(reverse("governance:calendar_token", args=["revoke"]))
    assert client.get(new_url).status_code == 404
    assert not CalendarToken.objects.filter(user=committee_member, revoked_at__isnull=True).exists()
    assert client.get(reverse("governance:calendar_feed", args=["inconnu"])).status_code == 404


def test_feed_of_a_deactivated_user_is_closed(client, committee_member):
    token = services.calendar_token_get_or_create(user=committee_member)
    committee_member.is_active = False
    committee_member.save()
    assert client.get(reverse("governance:calendar_feed", args=[token.token])).status_code == 404
