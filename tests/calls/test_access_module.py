"""`calls.access` is the one place that answers who may read, run and score a call.

The runners are the managers of the call's programme; the reviewers add the members (mandate
in progress) of its selection committee; nobody reads a draft.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from calls import access
from calls.models import Application, Call
from core import access as core_access
from directory.models import Person
from governance.models import Committee, Membership
from tests.calls.factories import CallFactory, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(pilot, committee_member):
    """`pilot` manages the programme; `committee_member` sits on the selection committee."""
    call = CallFactory()
    call.programme.managers.add(Person.objects.get(user=pilot))
    committee = Committee.objects.create(
        kind=Committee.Kind.SELECTION, name="Comité de sélection", programme=call.programme
    )
    Membership.objects.create(committee=committee, person=Person.objects.get(user=committee_member))
    call.selection_committee = committee
    call.save()
    return call


@pytest.mark.parametrize("model", [Call, Application], ids=lambda m: m.__name__)
def test_the_models_the_views_fetch_have_their_policy_in_calls_access(model):
    policy = core_access.policy_for(model)
    assert policy.visible.__module__ == "calls.access"
    assert all(check.__module__ == "calls.access" for check in policy.verbs.values())


@pytest.mark.parametrize(
    "persona, reads, runs",
    [
        ("pilot", True, True),
        ("admin_user", True, True),
        ("committee_member", True, False),
        ("other_pilot", False, False),
        ("consultant", False, False),
        ("service_staff", False, False),
        ("member_contact", False, False),
        ("outsider", False, False),
    ],
)
def test_who_reads_runs_and_scores(request, call, persona, reads, runs):
    user = request.getfixturevalue(persona)
    application = make_application(call)
    assert access.calls_visible_to(user).filter(pk=call.pk).exists() is reads
    assert access.calls_run_by(user).filter(pk=call.pk).exists() is runs
    assert access.can_run_call(user, call) is runs
    assert access.can_review_call(user, call) is reads
    assert core_access.may(user, "score", application) is reads
    assert core_access.may(user, "change", application) is runs
    assert user.has_perm("calls.change_call", call) is runs
    assert user.has_perm("calls.view_call", call) is reads
    assert user.has_perm("calls.score_application", application) is reads
    assert user.has_perm("calls.change_application", application) is runs
    if not reads:
        with pytest.raises(Http404):
            core_access.object_for(user, Application, pk=application.pk)
    elif not runs:
        with pytest.raises(PermissionDenied):
            core_access.object_for(user, Call, pk=call.pk, may="change")


def test_nobody_reads_a_draft_not_even_an_administrator(call, pilot, admin_user):
    draft = make_application(call, 1, status=Application.Status.DRAFT, structure_name="Brouillon")
    submitted = make_application(call, 2)
    for user in (pilot, admin_user):
        assert list(access.applications_visible_to(user)) == [submitted]
        with pytest.raises(Http404):
            core_access.object_for(user, Application, pk=draft.pk)


def test_a_reviewer_whose_mandate_ended_reads_the_call_no_more(call, committee_member):
    Membership.objects.filter(committee=call.selection_committee).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    assert not access.calls_visible_to(committee_member).exists()


def test_launching_a_call_is_for_programme_managers_in_their_programmes(call, pilot, other_pilot, admin_user):
    assert access.can_add_call(pilot)
    assert list(access.programmes_open_to_new_calls_by(pilot)) == [call.programme]
    assert not access.can_add_call(other_pilot)
    assert access.can_add_call(admin_user)
