"""Who may reach each governance view: anonymous → login, outsider → 404,
member (read-only) → reads but 403 on writes, pilot / admin → writes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.access import actions_visible_to, programmes_visible_to
from governance.models import Meeting, Membership
from governance.services import decision_record, minutes_save

from .factories import (
    ActionFactory,
    CommitteeFactory,
    FollowUpFactory,
    MembershipFactory,
    ProgrammeFactory,
    add_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(committee):
    from .factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(
        committee=committee,
        number=9,
        title="COPIL 9",
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timedelta(days=2),
    )
    item = AgendaItemFactory(meeting=meeting)
    minutes = minutes_save(meeting=meeting, by=None, summary="Résumé", item_texts={item.pk: "Texte"})
    decision = decision_record(meeting=meeting, text="On y va", by=None, agenda_item=item)
    followup = FollowUpFactory(decision=decision)
    return {"meeting": meeting, "item": item, "minutes": minutes, "decision": decision, "followup": followup}


def read_urls(committee, meeting, held):
    return [
        reverse("governance:committee_list"),
        reverse("governance:committee_detail", args=[committee.pk]),
        reverse("governance:meeting_detail", args=[meeting.pk]),
        reverse("governance:meeting_ics", args=[meeting.pk]),
        reverse("governance:minutes_version", args=[held["minutes"].pk]),
        reverse("governance:followup_edit", args=[held["followup"].pk]),
        reverse("governance:followup_board"),
        reverse("governance:decision_register"),
        reverse("governance:calendar"),
        reverse("governance:programme_plan", args=[committee.action.programme_id]),
    ]


def write_urls(committee, meeting, held):
    """(url, method) of every write; GET pages of forms count as writes too."""
    item = meeting.agenda_items.create(title="Point", duration_minutes=10, order=1)
    membership = committee.memberships.first()
    return [
        (reverse("governance:committee_edit", args=[committee.pk]), "get"),
        (reverse("governance:composition_rule_edit", args=[committee.pk]), "post"),
        (reverse("governance:membership_add", args=[committee.pk]), "get"),
        (reverse("governance:membership_edit", args=[membership.pk]), "get"),
        (reverse("governance:membership_end", args=[membership.pk]), "post"),
        (reverse("governance:meeting_create", args=[committee.pk]), "post"),
        (reverse("governance:meeting_series", args=[committee.pk]), "post"),
        (reverse("governance:meeting_edit", args=[meeting.pk]), "post"),
        (reverse("governance:meeting_cancel", args=[meeting.pk]), "post"),
        (reverse("governance:meeting_held", args=[meeting.pk]), "post"),
        (reverse("governance:meeting_convene", args=[meeting.pk]), "post"),
        (reverse("governance:agenda_item_add", args=[meeting.pk]), "post"),
        (reverse("governance:agenda_item_edit", args=[item.pk]), "post"),
        (reverse("governance:agenda_item_action", args=[item.pk, "delete"]), "post"),
        (reverse("governance:attendance_edit", args=[meeting.pk]), "post"),
        (reverse("governance:attendance_invite", args=[meeting.pk]), "post"),
        (reverse("governance:guest_add", args=[meeting.pk]), "post"),
        (reverse("governance:minutes_edit", args=[held["meeting"].pk]), "post"),
        (reverse("governance:minutes_circulate", args=[held["minutes"].pk]), "post"),
        (reverse("governance:minutes_approve", args=[held["minutes"].pk]), "post"),
        (reverse("governance:minutes_correct", args=[held["minutes"].pk]), "post"),
        (reverse("governance:decision_add", args=[held["meeting"].pk]), "post"),
        (reverse("governance:decision_delete", args=[held["decision"].pk]), "post"),
        (reverse("governance:followup_add", args=[held["decision"].pk]), "post"),
        (reverse("governance:followup_edit", args=[held["followup"].pk]), "post"),
    ]


def test_anonymous_is_sent_to_login(client, committee, meeting, held):
    for url in read_urls(committee, meeting, held):
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"], url


def test_member_reads_everything_of_their_committee(client_for, committee_member, committee, meeting, held):
    client = client_for(committee_member)
    for url in read_urls(committee, meeting, held):
        assert client.get(url).status_code == 200, url


def test_member_gets_403_on_every_write(client_for, committee_member, committee, meeting, held):
    client = client_for(committee_member)
    for url, method in write_urls(committee, meeting, held):
        response = getattr(client, method)(url, {})
        assert response.status_code == 403, url
    assert client.post(reverse("governance:committee_create")).status_code == 403


def test_outsider_gets_404_on_committee_objects(client_for, outsider, other_pilot, committee, meeting, held):
    for user in (outsider, other_pilot):
        client = client_for(user)
        for url in read_urls(committee, meeting, held)[1:6]:
            assert client.get(url).status_code == 404, url
        for url, method in write_urls(committee, meeting, held):
            assert getattr(client, method)(url, {}).status_code == 404, url


def test_outsider_lists_are_empty(client_for, outsider, committee, held):
    client = client_for(outsider)
    assert committee.name not in client.get(reverse("governance:committee_list")).content.decode()
    assert held["followup"].title not in client.get(reverse("governance:followup_board")).content.decode()
    assert held["decision"].text not in client.get(reverse("governance:decision_register")).content.decode()


@pytest.mark.parametrize("role", [Membership.Role.PILOT, Membership.Role.SECRETARY, Membership.Role.CHAIR])
def test_writers_of_the_committee_reach_the_forms(client_for, other_pilot, committee, meeting, held, role):
    add_member(committee, other_pilot, role)
    client = client_for(other_pilot)
    for url, method in write_urls(committee, meeting, held):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_action_team_and_programme_managers_write(client_for, other_pilot, consultant, committee):
    from actions.models import TeamMember

    TeamMember.objects.create(action=committee.action, person=consultant.person)
    committee.action.programme.managers.add(other_pilot.person)
    for user in (consultant, other_pilot):
        assert (
            client_for(user).get(reverse("governance:committee_edit", args=[committee.pk])).status_code == 200
        )


def test_admin_reaches_everything(client_for, admin_user, committee, meeting, held):
    client = client_for(admin_user)
    for url in read_urls(committee, meeting, held):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("governance:committee_create")).status_code == 200


def test_ended_mandate_loses_access(client_for, committee_member, committee):
    membership = committee.memberships.get(person=committee_member.person)
    membership.start_date = timezone.localdate() - timedelta(days=400)
    membership.end_date = timezone.localdate() - timedelta(days=1)
    membership.save()
    assert client_for(committee_member).get(committee.get_absolute_url()).status_code == 404


def test_owner_of_an_item_updates_its_status_without_writing_the_committee(
    client_for, committee, held, other_pilot
):
    add_member(committee, other_pilot, Membership.Role.MEMBER)
    item = held["followup"]
    item.owner = other_pilot.person
    item.save()
    client = client_for(other_pilot)
    response = client.post(
        reverse("governance:followup_edit", args=[item.pk]),
        {"status": "fait", "done_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "fait" and item.done_on == timezone.localdate()


def test_a_next_that_is_not_a_path_of_the_site_sends_back_to_the_decision(
    client_for, committee, held, other_pilot
):
    """Found by tests/fuzz: next=« 0 » was taken for a view name by redirect() (a server error)."""
    add_member(committee, other_pilot, Membership.Role.MEMBER)
    item = held["followup"]
    item.owner = other_pilot.person
    item.save()
    client = client_for(other_pilot)
    url = reverse("governance:followup_edit", args=[item.pk])
    for next_url in ("0", "abc", "https://ailleurs.example/", "//ailleurs.example/"):
        response = client.post(
            url, {"status": "fait", "done_on": timezone.localdate().isoformat(), "next": next_url}
        )
        assert response.status_code == 302
        assert response["Location"] == item.decision.get_absolute_url()
    response = client.post(
        url, {"status": "fait", "done_on": timezone.localdate().isoformat(), "next": "/gouvernance/"}
    )
    assert response["Location"] == "/gouvernance/"


def test_committee_scope_opens_programmes_and_actions_to_members(committee_member):
    programme = ProgrammeFactory()
    action_in_programme = ActionFactory(programme=programme)
    other_action = ActionFactory()
    CommitteeFactory(programme=programme, action=None, kind="croct")
    assert not programmes_visible_to(committee_member).filter(pk=programme.pk).exists()
    MembershipFactory(committee=programme.committees.get(), person=committee_member.person)
    assert programmes_visible_to(committee_member).filter(pk=programme.pk).exists()
    assert actions_visible_to(committee_member).filter(pk=action_in_programme.pk).exists()
    assert not actions_visible_to(committee_member).filter(pk=other_action.pk).exists()
    # A committee of one action opens that action and its programme, not the sibling actions.
    action_copil = CommitteeFactory(action=other_action)
    MembershipFactory(committee=action_copil, person=committee_member.person)
    sibling = ActionFactory(programme=other_action.programme)
    assert actions_visible_to(committee_member).filter(pk=other_action.pk).exists()
    assert programmes_visible_to(committee_member).filter(pk=other_action.programme_id).exists()
    assert not actions_visible_to(committee_member).filter(pk=sibling.pk).exists()


def test_writer_opens_every_form_page(client_for, pilot, committee, meeting, held):
    client = client_for(pilot)
    for url, _method in write_urls(committee, meeting, held):
        if url.endswith("/") and not any(
            url.endswith(s)
            for s in ("/fin/", "/tenue/", "/convoquer/", "/inviter/", "/diffuser/", "/supprimer/", "/delete/")
        ):
            assert client.get(url).status_code in (200, 302), url
    assert (
        client.get(reverse("governance:committee_create")).status_code == 403
    )  # steers no programme or action


def test_plan_and_calendar_address_access(client, client_for, outsider, committee_member, committee):
    plan = reverse("governance:programme_plan", args=[committee.action.programme_id])
    assert client_for(outsider).get(plan).status_code == 404
    assert (
        "Vous ne suivez encore aucun programme"
        in client_for(outsider).get(reverse("governance:plan")).content.decode()
    )
    assert client_for(committee_member).get(reverse("governance:plan")).status_code == 302
    assert client.post(reverse("governance:calendar_token", args=["create"])).status_code == 302
    assert (
        client_for(committee_member).get(reverse("governance:calendar_token", args=["create"])).status_code
        == 405
    )
    assert (
        client_for(committee_member).post(reverse("governance:calendar_token", args=["autre"])).status_code
        == 404
    )


def test_programme_manager_creates_a_committee_on_their_programme_only(client_for, other_pilot):
    from governance.models import Committee

    mine, theirs = ProgrammeFactory(), ProgrammeFactory()
    mine.managers.add(other_pilot.person)
    client = client_for(other_pilot)
    assert client.get(reverse("governance:committee_create")).status_code == 200
    data = {"kind": "croct", "name": "CROCT test", "default_duration_minutes": "120"}
    response = client.post(reverse("governance:committee_create"), {**data, "scope": f"p{theirs.pk}"})
    assert response.status_code == 200 and "choix valide" in response.content.decode()  # not offered: refused
    response = client.post(reverse("governance:committee_create"), {**data, "scope": f"p{mine.pk}"})
    committee = Committee.objects.get(name="CROCT test")
    assert response.status_code == 302 and committee.programme == mine
    assert client.get(committee.get_absolute_url()).status_code == 200
