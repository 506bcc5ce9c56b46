from datetime import timedelta

import pytest
from django.utils import timezone

from adherents.models import ContactAttempt, MembershipApplication, StaffNote
from calls.models import Application
from core.history import acting
from directory.models import Person
from governance.models import Attendance, Meeting, Minutes, MinutesCirculation, MinutesRecipient
from reminders.models import Notification, OutgoingEmail
from tests.adherents.factories import AdherentFactory, ApplicationFactory
from tests.calls.factories import CallFactory, make_application
from tests.factories import PersonFactory, UserFactory
from tests.governance.factories import (
    AttendanceFactory,
    CommitteeFactory,
    DecisionFactory,
    FollowUpFactory,
    MeetingFactory,
    MembershipFactory,
)

FULL_NAME = "Josiane Vercingétorix"
EMAIL = "josiane.vercingetorix@example.org"


@pytest.fixture
def person_everywhere(db):
    """One person named in every app: directory, governance, member companies, calls, notices, e-mails, history."""
    user = UserFactory(
        username="jvercingetorix", first_name="Josiane", last_name="Vercingétorix", email=EMAIL
    )
    person = PersonFactory(
        user=user,
        first_name="Josiane",
        last_name="Vercingétorix",
        email=EMAIL,
        phone="06 12 34 56 78",
        role=Person.Role.PILOT,
    )
    committee = CommitteeFactory()
    yesterday = timezone.localdate() - timedelta(days=1)
    MembershipFactory(
        committee=committee, person=person, start_date=yesterday - timedelta(days=400), end_date=yesterday
    )
    meeting = MeetingFactory(
        committee=committee, status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=30)
    )
    AttendanceFactory(meeting=meeting, person=person, status=Attendance.Status.PRESENT)
    AttendanceFactory(
        meeting=meeting, person=None, is_guest=True, guest_name=FULL_NAME, status=Attendance.Status.PRESENT
    )
    minutes = Minutes.objects.create(
        meeting=meeting, summary=f"Présents : {FULL_NAME}, Marc Dupont.", written_by=user
    )
    circulation = MinutesCirculation.objects.create(minutes=minutes, circulated_by=user)
    MinutesRecipient.objects.create(circulation=circulation, person=person, name=FULL_NAME, email=EMAIL)
    decision = DecisionFactory(meeting=meeting, text=f"{FULL_NAME} présentera le bilan.", recorded_by=user)
    FollowUpFactory(decision=decision, owner=person)
    adherent = AdherentFactory(left_on=yesterday)
    with acting(user):
        StaffNote.objects.create(adherent=adherent, author=user, body=f"Appel de {FULL_NAME} ({EMAIL}).")
        ContactAttempt.objects.create(
            adherent=adherent,
            outcome=ContactAttempt.Outcome.REACHED,
            person_reached=FULL_NAME,
            summary="06 12 34 56 78",
            by=user,
        )
    ApplicationFactory(
        status=MembershipApplication.Status.REJECTED, contact_name=FULL_NAME, contact_email=EMAIL
    )
    application = make_application(
        CallFactory(), status=Application.Status.SUBMITTED, contact_name=FULL_NAME, contact_email=EMAIL
    )
    application.team.update(full_name=FULL_NAME, email=EMAIL)
    OutgoingEmail.objects.create(to=EMAIL, subject="Convocation", body=f"Bonjour {FULL_NAME},", status="sent")
    Notification.objects.create(user=user, title="Compte rendu diffusé", message=f"Pour {FULL_NAME}")
    return person
