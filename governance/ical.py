"""iCalendar files: one per meeting, and each user's private subscription feed.

Times carry TZID=Europe/Paris with a VTIMEZONE written with RRULEs (the form Outlook
and Google both read), UIDs are stable (`meeting-<pk>@copilote`) and SEQUENCE rises at
each change, so a calendar updates the event instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from reminders.services import absolute_url

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Copilote//Gouvernance//FR"


def _paris_timezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", "Europe/Paris")
    tz.add("x-lic-location", "Europe/Paris")
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add_component(_paris_timezone())
    return calendar


def meeting_event(meeting, *, stamp: datetime | None = None) -> Event:
    from .models import Meeting

    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("dtstamp", (stamp or timezone.now()).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(PARIS))
    event.add("dtend", meeting.ends_at.astimezone(PARIS))
    event.add("summary", f"{meeting.title} — {meeting.committee.name}")
    location = meeting.place or meeting.video_link
    if location:
        event.add("location", location)
    description = [absolute_url(meeting.get_absolute_url())]
    if meeting.video_link:
        description.insert(0, meeting.video_link)
    event.add("description", "\n".join(description))
    event.add("url", absolute_url(meeting.get_absolute_url()))
    event.add("sequence", meeting.sequence)
    event.add("last-modified", meeting.updated_at.astimezone(ZoneInfo("UTC")))
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event


def meetings_ics_bytes(meetings: Iterable, *, name: str) -> bytes:
    calendar = _calendar(name)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, stamp=stamp))
    return calendar.to_ical()


def meeting_ics_bytes(meeting) -> bytes:
    return meetings_ics_bytes([meeting], name=meeting.committee.name)
