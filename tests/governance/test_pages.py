"""Pages as a user meets them: bad input is answered in French with what was typed kept;
the calendar and the multi-year plan put each meeting in its month."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_series_with_a_bad_line_is_redisplayed_in_french(client_for, pilot, committee):
    typed = "15/05/2026 09:30\n31/02/2026 10:00"
    response = client_for(pilot).post(
        reverse("governance:meeting_series", args=[committee.pk]),
        {"title_prefix": "COPIL", "dates": typed, "duration_minutes": "180"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "La ligne 2 («\u00a031/02/2026 10:00\u00a0») n’est pas une date" in content
    assert "31/02/2026 10:00" in content and not committee.meetings.exists()


def test_series_plans_the_meetings(client_for, pilot, committee):
    response = client_for(pilot).post(
        reverse("governance:meeting_series", args=[committee.pk]),
        {
            "title_prefix": "Temps collectif",
            "dates": "23/06/2031 14:00\n13/10/2031 14:00",
            "duration_minutes": "180",
        },
    )
    assert response.status_code == 302
    assert list(committee.meetings.values_list("title", flat=True)) == [
        "Temps collectif 1",
        "Temps collectif 2",
    ]
    first = committee.meetings.first()
    assert first.starts_at == datetime(2031, 6, 23, 14, 0, tzinfo=PARIS)
    assert first.attendances.count() == 2


def test_meeting_form_errors_are_french(client_for, pilot, committee):
    response = client_for(pilot).post(
        reverse("governance:meeting_create", args=[committee.pk]),
        {"title": "COPIL sans date", "duration_minutes": "5"},
    )
    content = response.content.decode()
    assert (
        response.status_code == 200 and "Ce champ est obligatoire" in content and "COPIL sans date" in content
    )
    assert "supérieure ou égale à 15" in content


def test_duplicate_number_is_a_form_error_not_a_500(client_for, pilot, committee, meeting):
    response = client_for(pilot).post(
        reverse("governance:meeting_create", args=[committee.pk]),
        {
            "number": meeting.number,
            "title": "Doublon",
            "starts_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 200 and "déjà une réunion numéro" in response.content.decode()


def test_convening_without_agenda_explains_why(client_for, pilot, meeting):
    response = client_for(pilot).post(reverse("governance:meeting_convene", args=[meeting.pk]), follow=True)
    assert "Construisez l’ordre du jour" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_calendar_shows_the_month_meetings(client_for, committee_member, committee):
    MeetingFactory(
        committee=committee, title="COPIL de mars", starts_at=datetime(2031, 3, 12, 9, 30, tzinfo=PARIS)
    )
    MeetingFactory(
        committee=committee, title="COPIL d’avril", starts_at=datetime(2031, 4, 2, 9, 30, tzinfo=PARIS)
    )
    content = (
        client_for(committee_member).get(reverse("governance:calendar") + "?mois=2031-03").content.decode()
    )
    assert "COPIL de mars" in content and "COPIL d’avril" in content  # 2 April is in the last week shown
    assert "Mars 2031" in content or "mars 2031" in content
    content = (
        client_for(committee_member).get(reverse("governance:calendar") + "?mois=n’importe").content.decode()
    )
    assert "Mes réunions" in content


def test_plan_places_meetings_by_month_over_up_to_four_years(client_for, committee_member, committee):
    MeetingFactory(committee=committee, number=7, starts_at=datetime(2032, 11, 11, 9, 0, tzinfo=PARIS))
    url = reverse("governance:programme_plan", args=[committee.action.programme_id])
    content = client_for(committee_member).get(url + "?debut=2030&annees=9").content.decode()
    assert ">2033<" in content and ">2034<" not in content  # at most 4 years
    assert "07/11/2032" not in content and "11/11/2032" in content
    hidden = client_for(committee_member).get(url + "?debut=2033&annees=1").content.decode()
    assert "11/11/2032" not in hidden


def test_followup_form_refuses_a_future_done_date(client_for, pilot, committee):
    from .factories import FollowUpFactory

    item = FollowUpFactory(decision__meeting__committee=committee, owner=pilot.person)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(pilot).post(
        reverse("governance:followup_edit", args=[item.pk]),
        {
            "title": item.title,
            "owner": pilot.person.pk,
            "due_date": item.due_date.isoformat(),
            "status": "fait",
            "done_on": tomorrow,
        },
    )
    assert response.status_code == 200 and "ne peut pas être dans le futur" in response.content.decode()


def test_approval_page_offers_direct_approval_to_the_chair_only(client_for, pilot, other_pilot, committee):
    from governance import services
    from governance.models import Membership

    from .factories import AgendaItemFactory, add_member

    meeting = MeetingFactory(committee=committee, starts_at=timezone.now() - timedelta(days=1))
    item = AgendaItemFactory(meeting=meeting)
    services.meeting_mark_held(meeting=meeting, by=None)
    minutes = services.minutes_save(meeting=meeting, by=pilot, summary="", item_texts={item.pk: "Texte"})
    url = reverse("governance:minutes_approve", args=[minutes.pk])
    assert "Par le ou la président·e" in client_for(pilot).get(url).content.decode()
    add_member(committee, other_pilot, Membership.Role.CHAIR, college="etat")
    content = client_for(pilot).get(url).content.decode()
    assert "Par le ou la président·e" not in content and "Lors d’une réunion ultérieure" in content
    response = client_for(pilot).post(url, {"mode": "president"})
    assert response.status_code == 200  # refused, form shown again
    assert client_for(other_pilot).post(url, {"mode": "president"}).status_code == 302
