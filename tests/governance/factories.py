"""Factories for governance; programmes and actions are created here too so these tests
do not depend on the actions app's own factories."""

from datetime import timedelta

import factory
from django.utils import timezone

from governance.models import AgendaItem, Attendance, Committee, Decision, FollowUpItem, Meeting, Membership
from tests.factories import ActionFactory as ActionFactory  # shared (tests/factories/actions.py)
from tests.factories import PersonFactory
from tests.factories import ProgrammeFactory as ProgrammeFactory  # shared (tests/factories/actions.py)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    kind = Committee.Kind.COPIL
    name = factory.Sequence(lambda n: f"COPIL {n}")
    action = factory.SubFactory(ActionFactory)
    programme = None


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER
    college = "salaries"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda m: f"Réunion {m.number}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    duration_minutes = 180


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Point {n}")
    duration_minutes = 30


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    college = "salaries"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD)
    text = factory.Sequence(lambda n: f"Décision {n}")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpItem

    decision = factory.SubFactory(DecisionFactory)
    title = factory.Sequence(lambda n: f"Suite {n}")
    owner = factory.SubFactory(PersonFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


def add_member(committee, user, role=Membership.Role.MEMBER, college="salaries"):
    return MembershipFactory(committee=committee, person=user.person, role=role, college=college)
