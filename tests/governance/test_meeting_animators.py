"""A meeting or a workshop names who animates it: on its page, on the convocation, in its history."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from governance.forms import MeetingForm
from governance.models import Meeting
from reports.models import Document
from reports.services import build_html
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _when(days=5):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_planning_a_workshop_with_its_animators(client_for, pilot, committee_member, committee):
    outside = PersonFactory(first_name="Sophie", last_name="Chermat")
    response = client_for(pilot).post(
        reverse("governance:meeting_create", args=[committee.pk]),
        {
            "title": "Atelier « Bilan sectoriel »",
            "starts_at": _when(),
            "duration_minutes": "420",
            "animators": [outside.pk, committee_member.person.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Atelier « Bilan sectoriel »")
    assert set(meeting.animators.all()) == {outside, committee_member.person}
    page = client_for(committee_member).get(meeting.get_absolute_url()).content.decode()
    assert "Animé par" in page and "Sophie Chermat" in page
    # The history keeps who animated it, with the author of the change.
    latest = meeting.history.latest()
    assert {row.person_id for row in latest.animators.all()} == {outside.pk, committee_member.person.pk}


def test_changing_the_animators_keeps_the_former_ones_in_the_history(client_for, pilot, meeting):
    first, second = PersonFactory(), PersonFactory()
    meeting.animators.set([first])
    response = client_for(pilot).post(
        reverse("governance:meeting_edit", args=[meeting.pk]),
        {
            "number": meeting.number,
            "title": meeting.title,
            "starts_at": _when(),
            "duration_minutes": "120",
            "animators": [second.pk],
        },
    )
    assert response.status_code == 302
    assert list(meeting.animators.all()) == [second]
    animators_over_time = [
        {row.person_id for row in record.animators.all()} for record in meeting.history.all()
    ]
    assert {first.pk} in animators_over_time and {second.pk} in animators_over_time


def test_the_form_offers_the_committee_members_first(committee, committee_member):
    PersonFactory(last_name="Aaron")
    form = MeetingForm(committee=committee)
    groups = dict(form.fields["animators"].choices)
    member_ids = [value for value, _label in groups["Membres de l’instance"]]
    assert committee_member.person.pk in member_ids
    assert all(value not in member_ids for value, _label in groups["Autres personnes"])


def test_an_unknown_person_is_refused_in_french(client_for, pilot, committee):
    response = client_for(pilot).post(
        reverse("governance:meeting_create", args=[committee.pk]),
        {
            "title": "Atelier",
            "starts_at": _when(),
            "duration_minutes": "60",
            "animators": ["999999"],
        },
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Meeting.objects.filter(title="Atelier").exists()


def test_the_convocation_names_the_animators(meeting):
    meeting.animators.set([PersonFactory(first_name="Jean-Pierre", last_name="Laurenson")])
    document = Document(
        kind="governance.convocation",
        title="Convocation",
        requested_by=None,
        target_type=ContentType.objects.get_for_model(Meeting),
        target_id=str(meeting.pk),
    )
    html = build_html(document)
    assert "Animé par" in html and "Jean-Pierre Laurenson" in html
