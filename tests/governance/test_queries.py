"""The number of queries of the main pages does not grow with the data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import AgendaItem, Attendance, Meeting, Membership

from .factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    FollowUpFactory,
    MeetingFactory,
    MembershipFactory,
    add_member,
)

pytestmark = pytest.mark.django_db


def grow(committee, user, size: int):
    """`size` more of everything around `committee`, and `size` more committees the user sits on."""
    now = timezone.now()
    held = MeetingFactory(
        committee=committee, status=Meeting.Status.HELD, starts_at=now - timedelta(days=3), number=None
    )
    upcoming = MeetingFactory(committee=committee, starts_at=now + timedelta(days=1), number=None)
    for i in range(size):
        MembershipFactory(committee=committee, college=["employeurs", "salaries", "etat"][i % 3])
        item = AgendaItemFactory(meeting=held, presenter=MembershipFactory(committee=committee).person)
        AgendaItemFactory(meeting=held, carried_from=item)
        decision = DecisionFactory(meeting=held, agenda_item=item)
        FollowUpFactory(
            decision=decision, owner=user.person, due_date=timezone.localdate() - timedelta(days=i - 2)
        )
        FollowUpFactory(decision=decision, action=committee.action)
        MeetingFactory(committee=committee, starts_at=now + timedelta(days=i % 20), number=None)
        other = CommitteeFactory()
        add_member(other, user)
        MeetingFactory(committee=other, starts_at=now + timedelta(days=i % 25), number=None)
        DecisionFactory(meeting__committee=other)
    services._invite_members(held)
    services._invite_members(upcoming)
    Attendance.objects.filter(meeting=held).update(status=Attendance.Status.PRESENT)
    minutes = services.minutes_save(
        meeting=held,
        by=None,
        summary="S",
        item_texts={i.pk: "Texte" for i in AgendaItem.objects.filter(meeting=held)},
    )
    return held, minutes


PAGES = [
    ("governance:meeting_detail", "held"),
    ("governance:calendar", None),
    ("governance:followup_board", None),
    ("governance:decision_register", None),
    ("governance:committee_list", None),
    ("governance:committee_detail", "committee"),
]


@pytest.mark.parametrize("url_name, arg", PAGES)
def test_query_count_is_flat(
    client_for, pilot, committee, django_assert_max_num_queries, url_name, arg, settings
):
    client = client_for(pilot)
    counts = []
    for size in (2, 12):
        held, _minutes = grow(committee, pilot, size)
        args = [held.pk] if arg == "held" else [committee.pk] if arg == "committee" else []
        url = reverse(url_name, args=args)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(counts[0]):
        client.get(url)


def test_member_roles_do_not_change_the_count(client_for, committee_member, committee):
    assert committee.memberships.filter(role=Membership.Role.MEMBER).exists()
    held, _ = grow(committee, committee_member, 3)
    assert (
        client_for(committee_member).get(reverse("governance:meeting_detail", args=[held.pk])).status_code
        == 200
    )
