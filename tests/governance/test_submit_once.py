"""A creation form posted twice (double click, back button, retry) creates once; a doubled status change
is refused by the service with its message, never a server error."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Decision, Meeting, Minutes
from tests.core.submit_once import token_of

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_new_meeting_posted_twice_is_planned_once(client_for, pilot, committee):
    client = client_for(pilot)
    url = reverse("governance:meeting_create", args=[committee.pk])
    data = {
        "title": "COPIL de rentrée",
        "duration_minutes": "90",
        "form_token": token_of(client, url),
        "starts_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    meeting = Meeting.objects.get(committee=committee, title="COPIL de rentrée")
    assert first.status_code == 302 and first["Location"] == meeting.get_absolute_url()
    assert second.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "Ce formulaire avait déjà été enregistré" in second.content.decode()


def test_a_decision_posted_twice_is_recorded_once(client_for, pilot, committee):
    meeting = MeetingFactory(
        committee=committee,
        number=7,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timedelta(days=1),
    )
    client = client_for(pilot)
    url = reverse("governance:decision_add", args=[meeting.pk])
    data = {"text": "Lancer le diagnostic", "form_token": token_of(client, url)}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Decision.objects.filter(meeting=meeting).count() == 1


def test_minutes_approved_twice_answer_with_a_message(client_for, pilot, committee):
    meeting = MeetingFactory(
        committee=committee,
        number=8,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timedelta(days=1),
    )
    item = AgendaItemFactory(meeting=meeting)
    minutes = services.minutes_save(meeting=meeting, by=pilot, summary="Relevé", item_texts={item.pk: "Fait"})
    client = client_for(pilot)
    url = reverse("governance:minutes_approve", args=[minutes.pk])
    assert client.post(url, {"mode": Minutes.ApprovalMode.CHAIR}).status_code == 302
    again = client.post(url, {"mode": Minutes.ApprovalMode.CHAIR})
    assert again.status_code == 200 and "déjà approuvé" in again.content.decode()
    minutes.refresh_from_db()
    assert (
        minutes.status == Minutes.Status.APPROVED and minutes.history.filter(status="approuve").count() == 1
    )


def test_a_meeting_recorded_held_twice_answers_with_a_message(client_for, pilot, committee):
    meeting = MeetingFactory(committee=committee, number=9, starts_at=timezone.now() - timedelta(hours=3))
    client = client_for(pilot)
    url = reverse("governance:meeting_held", args=[meeting.pk])
    assert client.post(url, {"note": ""}).status_code == 302
    again = client.post(url, {"note": ""}, follow=True)
    assert again.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.history.first().history_user == pilot
