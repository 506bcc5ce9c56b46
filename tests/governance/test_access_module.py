"""`governance.access` is the one place that answers who may read and write governance objects.

Each model a view fetches by id has a policy in `core.access`; its answers per persona, the
rules permissions derived from it, the owner of a follow-up item, direct approval of minutes.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from core import access as core_access
from governance import access
from governance.models import AgendaItem, Committee, Decision, FollowUpItem, Meeting, Membership, Minutes
from governance.services import decision_record, minutes_save

from .factories import AgendaItemFactory, FollowUpFactory, MeetingFactory, ProgrammeFactory, add_member

pytestmark = pytest.mark.django_db

FETCHED_BY_ID = [Committee, Meeting, Membership, AgendaItem, Minutes, Decision, FollowUpItem]


@pytest.fixture
def objects(committee, committee_member):
    """One of each object of the committee; the follow-up item is owned by `committee_member`."""
    meeting = MeetingFactory(
        committee=committee,
        number=7,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timedelta(days=1),
    )
    item = AgendaItemFactory(meeting=meeting)
    minutes = minutes_save(meeting=meeting, by=None, summary="Résumé", item_texts={item.pk: "Texte"})
    decision = decision_record(meeting=meeting, text="Décidé", by=None, agenda_item=item)
    followup = FollowUpFactory(decision=decision, owner=committee_member.person)
    return {
        Committee: committee,
        Meeting: meeting,
        Membership: committee.memberships.first(),
        AgendaItem: item,
        Minutes: minutes,
        Decision: decision,
        FollowUpItem: followup,
    }


@pytest.mark.parametrize("model", FETCHED_BY_ID, ids=lambda m: m.__name__)
def test_every_model_the_views_fetch_has_its_policy_in_governance_access(model):
    policy = core_access.policy_for(model)
    assert policy.visible.__module__ == "governance.access"
    assert policy.verbs["change"].__module__ == "governance.access"


@pytest.mark.parametrize("model", FETCHED_BY_ID, ids=lambda m: m.__name__)
@pytest.mark.parametrize(
    "persona, reads, writes",
    [
        ("pilot", True, True),  # the committee's pilot
        ("admin_user", True, True),
        ("committee_member", True, False),  # a plain member reads, writes nothing
        ("other_pilot", False, False),
        ("service_staff", False, False),
        ("member_contact", False, False),
        ("outsider", False, False),
    ],
)
def test_who_reads_and_who_writes_each_object(request, objects, model, persona, reads, writes):
    user = request.getfixturevalue(persona)
    obj = objects[model]
    assert core_access.may(user, "view", obj) is reads
    assert core_access.may(user, "change", obj) is writes
    if not reads:
        with pytest.raises(Http404):
            core_access.object_for(user, model, pk=obj.pk)
    elif not writes:
        assert core_access.object_for(user, model, pk=obj.pk) == obj
        with pytest.raises(PermissionDenied):
            core_access.object_for(user, model, pk=obj.pk, may="change")
    else:
        assert core_access.object_for(user, model, pk=obj.pk, may="change") == obj


def test_anonymous_reads_nothing(objects):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    for model in FETCHED_BY_ID:
        assert not core_access.visible_to(anonymous, model).exists(), model
    assert not access.can_add_committee(anonymous)


def test_a_mandate_that_ended_closes_the_committee(objects, committee_member):
    Membership.objects.filter(person=committee_member.person).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    for model in FETCHED_BY_ID:
        assert not core_access.may(committee_member, "view", objects[model]), model


def test_a_writer_role_makes_a_member_a_writer(objects, committee_member):
    Membership.objects.filter(person=committee_member.person).update(role=Membership.Role.SECRETARY)
    assert access.can_edit_committee(committee_member, objects[Committee])
    assert access.committees_editable_by(committee_member).filter(pk=objects[Committee].pk).exists()


def test_the_owner_of_a_followup_reports_its_progress_and_changes_nothing_else(
    objects, committee_member, pilot, other_pilot, committee
):
    item = objects[FollowUpItem]
    assert access.can_report_followup(committee_member, item)
    assert not access.can_edit_followup(committee_member, item)
    assert access.can_report_followup(pilot, item) and access.can_edit_followup(pilot, item)
    assert set(core_access.policy_for(FollowUpItem).verbs) == {"change", "report"}
    # Another member of the committee who does not own it: reads it, reports nothing.
    add_member(committee, other_pilot)
    assert core_access.may(other_pilot, "view", item)
    assert not access.can_report_followup(other_pilot, item)
    # The owner who left the committee no longer reports on it.
    Membership.objects.filter(person=committee_member.person).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    assert not access.can_report_followup(committee_member, item)


def test_direct_approval_belongs_to_the_chair_and_to_the_writers_of_a_committee_without_one(
    committee, pilot, other_pilot, admin_user
):
    assert access.can_approve_minutes_directly(pilot, committee), "no chair: the writers approve"
    chair = add_member(committee, other_pilot, Membership.Role.CHAIR, college="etat")
    assert not access.can_approve_minutes_directly(pilot, committee)
    assert access.can_approve_minutes_directly(other_pilot, committee)
    assert access.can_approve_minutes_directly(admin_user, committee)
    chair.end_date = timezone.localdate() - timedelta(days=1)
    chair.save()
    assert access.can_approve_minutes_directly(pilot, committee), (
        "a chair whose mandate ended approves no more"
    )


@pytest.mark.parametrize("persona", ["pilot", "admin_user", "committee_member", "other_pilot", "outsider"])
def test_the_rules_permissions_answer_as_the_access_checks(request, committee, persona):
    user = request.getfixturevalue(persona)
    assert user.has_perm("governance.view_committee", committee) is access.can_view_committee(user, committee)
    assert user.has_perm("governance.change_committee", committee) is access.can_edit_committee(
        user, committee
    )
    assert user.has_perm("governance.add_committee") is access.can_add_committee(user)


def test_no_object_no_permission(pilot):
    assert not pilot.has_perm("governance.view_committee")
    assert not pilot.has_perm("governance.change_committee", None)


def test_who_may_create_a_committee_and_where(committee, pilot, committee_member, outsider):
    programme = ProgrammeFactory()
    assert not access.can_add_committee(outsider)
    assert not access.can_add_committee(committee_member)
    programme.managers.add(outsider.person)
    assert access.can_add_committee(outsider)
    assert list(access.programmes_open_to_new_committees_by(outsider)) == [programme]
    assert not access.actions_open_to_new_committees_by(outsider).exists()
