"""Each reminder rule fires once, on the right day, to the right people, and not again."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from governance import reminders as rules_module  # noqa: F401  (registers the rules)
from governance import services
from governance.models import Attendance, Meeting, Membership
from reminders.models import SentReminder
from reminders.registry import all_rules
from reminders.services import reminders_scan
from tests.factories import make_account

from .factories import AgendaItemFactory, FollowUpFactory, MeetingFactory, add_member

pytestmark = pytest.mark.django_db


def rules(*keys):
    return [rule for rule in all_rules() if rule.key in keys]


def at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def recipients(rule_key):
    return sorted(SentReminder.objects.filter(rule=rule_key).values_list("recipient__username", flat=True))


@pytest.fixture
def today():
    return timezone.localdate()


def test_meeting_in_7_days_then_tomorrow_to_invited_members_except_excused(
    committee, pilot, committee_member, today
):
    excused = make_account("excuse", "comite")
    add_member(committee, excused)
    meeting = MeetingFactory(committee=committee, starts_at=at(today + timedelta(days=10)))
    services._invite_members(meeting)
    meeting.attendances.filter(person=excused.person).update(status=Attendance.Status.EXCUSED)
    selected = rules("governance.meeting_in_7_days", "governance.meeting_tomorrow")
    day = lambda n: meeting.starts_at.date() - timedelta(days=n)  # noqa: E731

    assert reminders_scan(today=day(8), rules=selected).sent == 0
    assert reminders_scan(today=day(7), rules=selected).sent == 2
    assert recipients("governance.meeting_in_7_days") == ["croct_test", "pilote_test"]
    assert reminders_scan(today=day(7), rules=selected).sent == 0  # the same scan again
    assert reminders_scan(today=day(5), rules=selected).sent == 0  # later days of the window
    assert reminders_scan(today=day(1), rules=selected).sent == 2
    assert recipients("governance.meeting_tomorrow") == ["croct_test", "pilote_test"]
    assert reminders_scan(today=day(1), rules=selected).sent == 0
    assert reminders_scan(today=day(0), rules=selected).sent == 0


def test_cancelled_meeting_is_not_reminded(committee, today):
    meeting = MeetingFactory(
        committee=committee, starts_at=at(today + timedelta(days=7)), status=Meeting.Status.CANCELLED
    )
    services._invite_members(meeting)
    assert reminders_scan(today=today, rules=rules("governance.meeting_in_7_days")).sent == 0


def test_minutes_missing_goes_to_the_secretary_5_days_after(committee, pilot, today):
    secretary = make_account("secretaire", "consultant")
    add_member(committee, secretary, Membership.Role.SECRETARY)
    meeting = MeetingFactory(
        committee=committee, starts_at=at(today - timedelta(days=10)), status=Meeting.Status.HELD
    )
    selected = rules("governance.minutes_missing")
    held_day = meeting.starts_at.date()
    assert reminders_scan(today=held_day + timedelta(days=4), rules=selected).sent == 0
    assert reminders_scan(today=held_day + timedelta(days=5), rules=selected).sent == 1
    assert recipients("governance.minutes_missing") == ["secretaire"]
    assert reminders_scan(today=held_day + timedelta(days=6), rules=selected).sent == 0


def test_minutes_missing_falls_back_on_the_pilot_and_stops_once_written(committee, pilot, today):
    meeting = MeetingFactory(
        committee=committee, starts_at=at(today - timedelta(days=10)), status=Meeting.Status.HELD
    )
    written = MeetingFactory(
        committee=committee, starts_at=at(today - timedelta(days=10)), status=Meeting.Status.HELD
    )
    item = AgendaItemFactory(meeting=written)
    services.minutes_save(meeting=written, by=None, summary="", item_texts={item.pk: "Fait"})
    assert reminders_scan(today=today, rules=rules("governance.minutes_missing")).sent == 1
    assert SentReminder.objects.get().object_key == f"governance.meeting:{meeting.pk}"
    assert recipients("governance.minutes_missing") == ["pilote_test"]


def test_followup_due_in_3_days_then_overdue_to_its_owner(committee, pilot, committee_member, today):
    item = FollowUpFactory(
        decision__meeting__committee=committee,
        owner=committee_member.person,
        due_date=today + timedelta(days=10),
    )
    selected = rules("governance.followup_due_soon", "governance.followup_overdue")
    due = item.due_date
    assert reminders_scan(today=due - timedelta(days=4), rules=selected).sent == 0
    assert reminders_scan(today=due - timedelta(days=3), rules=selected).sent == 1
    assert recipients("governance.followup_due_soon") == ["croct_test"]
    assert reminders_scan(today=due - timedelta(days=2), rules=selected).sent == 0
    assert reminders_scan(today=due, rules=selected).sent == 0
    assert reminders_scan(today=due + timedelta(days=1), rules=selected).sent == 1
    assert recipients("governance.followup_overdue") == ["croct_test"]
    assert reminders_scan(today=due + timedelta(days=2), rules=selected).sent == 0


def test_done_items_are_not_reminded(committee, committee_member, today):
    FollowUpFactory(
        decision__meeting__committee=committee,
        owner=committee_member.person,
        due_date=today - timedelta(days=2),
        status="fait",
        done_on=today - timedelta(days=3),
    )
    selected = rules("governance.followup_due_soon", "governance.followup_overdue")
    assert reminders_scan(today=today, rules=selected).sent == 0
