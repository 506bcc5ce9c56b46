from datetime import timedelta

from django.core import mail
from django.utils import timezone

from adherents import reminders, services
from adherents.models import TrajectoryStep
from reminders.registry import all_rules
from reminders.services import reminders_scan


def _rule(key):
    return [r for r in all_rules() if r.key == key]


def test_rules_are_registered():
    keys = {r.key for r in all_rules()}
    assert {"adherents.step_overdue", "adherents.not_contacted", "adherents.visit_deadline"} <= keys


def test_an_overdue_step_reminds_its_assignee_once(adherent, service_staff):
    today = timezone.localdate()
    due = list(reminders.steps_overdue(today))
    assert due and all(d.recipients == [service_staff] for d in due)
    result = reminders_scan(today=today, rules=_rule("adherents.step_overdue"))
    assert result.sent == len(due) and len(mail.outbox) == len(due)
    again = reminders_scan(today=today, rules=_rule("adherents.step_overdue"))
    assert again.sent == 0


def test_a_member_not_contacted_after_15_days(adherent, service_staff):
    today = timezone.localdate()
    assert [d.obj for d in reminders.members_not_contacted(today)] == [adherent]
    services.contact_log(adherent=adherent, by=service_staff, channel="telephone", outcome="joint")
    assert list(reminders.members_not_contacted(today)) == []


def test_the_prevention_visit_deadline_is_announced_a_month_before(adherent):
    step = adherent.steps.get(step__kind=TrajectoryStep.Kind.PREVENTION_VISIT)
    today = timezone.localdate()
    step.due_on = today + timedelta(days=60)
    step.save()
    assert list(reminders.visit_deadline_approaching(today)) == []
    step.due_on = today + timedelta(days=20)
    step.save()
    due = list(reminders.visit_deadline_approaching(today))
    assert len(due) == 1 and due[0].due_date == step.due_on - timedelta(days=30)


def test_without_assignee_every_staff_member_of_the_service_is_reminded(adherent, service_staff):
    adherent.steps.update(assignee=None)
    adherent.referent = None
    adherent.save()
    due = list(reminders.steps_overdue(timezone.localdate()))
    assert due and due[0].recipients == [service_staff]
