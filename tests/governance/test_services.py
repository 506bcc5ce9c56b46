"""Business rules of governance, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from governance import services
from governance.access import can_approve_minutes_directly
from governance.models import AgendaItem, Attendance, Meeting, Membership, Minutes
from tests.factories import PersonFactory

from .factories import AgendaItemFactory, CommitteeFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def past(days=1):
    return timezone.now() - timedelta(days=days)


def future(days=10):
    return timezone.now() + timedelta(days=days)


def test_meeting_create_numbers_and_invites_active_members(committee):
    MembershipFactory(
        committee=committee,
        end_date=timezone.localdate() - timedelta(days=1),
        start_date=timezone.localdate() - timedelta(days=100),
    )
    first = services.meeting_create(committee=committee, starts_at=future(), by=None)
    second = services.meeting_create(committee=committee, starts_at=future(20), by=None)
    assert (first.number, second.number) == (1, 2)
    assert first.title == f"{committee.name} 1"
    assert first.attendances.count() == 2  # the ended mandate is not invited


def test_series_plans_numbered_meetings_in_date_order(committee):
    dates = [future(60), future(20), future(40)]
    meetings = services.meeting_series_plan(committee=committee, dates=dates, title_prefix="COPIL", by=None)
    assert [m.title for m in meetings] == ["COPIL 1", "COPIL 2", "COPIL 3"]
    assert [m.starts_at for m in meetings] == sorted(dates)


def test_duplicate_number_is_refused(committee):
    services.meeting_create(committee=committee, starts_at=future(), number=3, by=None)
    with pytest.raises(ValidationError):
        services.meeting_create(committee=committee, starts_at=future(), number=3, by=None)


def test_convene_sends_agenda_and_ics_to_invited_people(
    committee, meeting, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="ordre du jour"):
        services.meeting_convene(meeting=meeting, by=None)
    services.agenda_item_add(meeting=meeting, title="Fiche de cadrage", duration_minutes=60, by=None)
    no_mail = PersonFactory(email="")
    Attendance.objects.create(meeting=meeting, person=no_mail)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.meeting_convene(meeting=meeting, by=None)
    assert result.sent == 2 and result.without_email == [no_mail.full_name]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert "Fiche de cadrage" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["UID"]) == f"meeting-{meeting.pk}@copilote"


def test_agenda_total_overrun_order_and_carry(committee, meeting):
    a = services.agenda_item_add(meeting=meeting, title="A", duration_minutes=120, by=None)
    b = services.agenda_item_add(meeting=meeting, title="B", duration_minutes=90, by=None)
    services.agenda_item_move(item=b, direction="up", by=None)
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["B", "A"]
    from governance.selectors import meeting_page

    page = meeting_page(meeting)
    assert page.agenda_total == 210 and page.overrun_minutes == 30
    with pytest.raises(ValidationError, match="réunion ultérieure"):
        services.agenda_item_carry(item=a, by=None)
    later = services.meeting_create(
        committee=committee, starts_at=meeting.starts_at + timedelta(days=30), by=None
    )
    carried = services.agenda_item_carry(item=a, by=None)
    a.refresh_from_db()
    assert carried.meeting == later and carried.carried_from == a and a.status == AgendaItem.Status.CARRIED
    with pytest.raises(ValidationError):
        services.agenda_item_carry(item=a, by=None)


def held_meeting(committee, days_ago=2):
    meeting = MeetingFactory(committee=committee, starts_at=past(days_ago), number=None)
    services._invite_members(meeting)
    services.meeting_mark_held(meeting=meeting, by=None)
    return meeting


def test_mark_held_requires_a_past_meeting_and_marks_silent_invitees_absent(committee, meeting):
    with pytest.raises(ValidationError):
        services.meeting_mark_held(meeting=meeting, by=None)
    held = held_meeting(committee)
    assert set(held.attendances.values_list("status", flat=True)) == {Attendance.Status.ABSENT}


def test_minutes_lifecycle_and_versions(committee, pilot):
    meeting = held_meeting(committee)
    item = AgendaItemFactory(meeting=meeting)
    minutes = services.minutes_save(meeting=meeting, by=pilot, summary="", item_texts={item.pk: "Échanges"})
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.DONE
    services.minutes_circulate(minutes=minutes, by=pilot)
    services.minutes_approve(minutes=minutes, by=pilot, mode=Minutes.ApprovalMode.CHAIR)
    assert minutes.status == Minutes.Status.APPROVED
    with pytest.raises(ValidationError, match="lecture seule"):
        services.minutes_save(meeting=meeting, by=pilot, summary="x", item_texts={})
    with pytest.raises(ValidationError):
        services.decision_record(meeting=meeting, text="Trop tard", by=pilot)
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=meeting, title="Trop tard", duration_minutes=5, by=None)
    with pytest.raises(ValidationError):
        services.minutes_correct(minutes=minutes, by=pilot, reason="  ")
    v2 = services.minutes_correct(minutes=minutes, by=pilot, reason="Coquille")
    services.minutes_save(meeting=meeting, by=pilot, summary="", item_texts={item.pk: "Échanges corrigés"})
    minutes.refresh_from_db()
    assert v2.version == 2 and v2.status == Minutes.Status.DRAFT
    assert minutes.status == Minutes.Status.APPROVED and minutes.items.get().text == "Échanges"
    assert v2.items.get().text == "Échanges corrigés"
    with pytest.raises(ValidationError, match="déjà en cours"):
        services.minutes_correct(minutes=minutes, by=pilot, reason="Encore")


def test_approval_at_a_later_meeting_is_recorded(committee, pilot):
    first = held_meeting(committee, days_ago=40)
    minutes = services.minutes_save(meeting=first, by=pilot, summary="Synthèse", item_texts={})
    with pytest.raises(ValidationError):
        services.minutes_approve(
            minutes=minutes, by=pilot, mode=Minutes.ApprovalMode.MEETING, at_meeting=first
        )
    second = held_meeting(committee, days_ago=5)
    services.minutes_approve(minutes=minutes, by=pilot, mode=Minutes.ApprovalMode.MEETING, at_meeting=second)
    minutes.refresh_from_db()
    assert minutes.approved_at_meeting == second and minutes.approval_mode == "seance"


def test_empty_minutes_cannot_be_approved(committee, pilot):
    meeting = held_meeting(committee)
    minutes = services.minutes_save(meeting=meeting, by=pilot, summary="  ", item_texts={})
    with pytest.raises(ValidationError, match="vide"):
        services.minutes_approve(minutes=minutes, by=pilot, mode=Minutes.ApprovalMode.CHAIR)


def test_followup_done_sets_the_date_and_reopening_clears_it(committee, pilot):
    meeting = held_meeting(committee)
    decision = services.decision_record(meeting=meeting, text="Rédiger la fiche", by=pilot)
    item = services.followup_create(
        decision=decision,
        title="Fiche",
        owner=pilot.person,
        due_date=timezone.localdate() + timedelta(days=3),
        by=None,
    )
    services.followup_update(item=item, status="fait", by=None)
    assert item.done_on == timezone.localdate() and item.done_on_time
    services.followup_update(item=item, status="en_cours", by=None)
    assert item.done_on is None
    with pytest.raises(ValidationError):
        services.followup_update(
            item=item, status="fait", done_on=timezone.localdate() + timedelta(days=1), by=None
        )


def test_composition_rule_is_checked(committee):
    from governance.selectors import committee_memberships

    services.composition_rule_set(
        committee=committee, colleges={"employeurs": 5, "salaries": 5}, roles={"pilote": 1}, by=None
    )
    checks = {c.label: c for c in services.composition_check(committee, committee_memberships(committee))}
    assert not checks["Employeurs"].ok and checks["Employeurs"].actual == 1
    assert checks["Pilote"].ok
    for _ in range(4):
        MembershipFactory(committee=committee, college="employeurs")
        MembershipFactory(committee=committee, college="salaries")
    checks = services.composition_check(committee, committee_memberships(committee))
    assert all(c.ok for c in checks)


def test_new_member_is_invited_to_upcoming_meetings(committee, meeting):
    person = PersonFactory(college="etat")
    membership = services.membership_add(
        committee=committee, person=person, role=Membership.Role.MEMBER, by=None
    )
    assert membership.college == "etat"
    assert meeting.attendances.filter(person=person, college="etat").exists()
    with pytest.raises(ValidationError):
        services.membership_add(committee=committee, person=person, role=Membership.Role.MEMBER, by=None)


def test_committee_scope_is_exclusive():
    other = CommitteeFactory()
    with pytest.raises(ValidationError):
        services.committee_create(
            kind="copil", name="X", programme=other.action.programme, action=other.action, by=None
        )


def test_cancel_raises_ics_sequence(meeting):
    before = meeting.sequence
    services.meeting_cancel(meeting=meeting, reason="Grève", by=None)
    assert meeting.sequence == before + 1 and meeting.status == Meeting.Status.CANCELLED


def test_only_the_chair_approves_directly_when_there_is_one(committee, pilot, other_pilot):
    meeting = held_meeting(committee)
    minutes = services.minutes_save(meeting=meeting, by=pilot, summary="Synthèse", item_texts={})
    from .factories import add_member

    add_member(committee, other_pilot, Membership.Role.CHAIR, college="etat")
    with pytest.raises(ValidationError, match="président"):
        services.minutes_approve(minutes=minutes, by=pilot, mode=Minutes.ApprovalMode.CHAIR)
    assert not can_approve_minutes_directly(pilot, committee)
    services.minutes_approve(minutes=minutes, by=other_pilot, mode=Minutes.ApprovalMode.CHAIR)
    assert minutes.approved_by == other_pilot
