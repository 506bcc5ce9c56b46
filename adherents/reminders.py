"""Reminder rules of the member module (sent once per object, due date and recipient)."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.registry import DueReminder, register

from .models import FIRST_CONTACT_DELAY_DAYS, Adherent, StepInstance, TrajectoryStep

#: How long before its deadline the prevention visit is announced.
VISIT_WARNING_DAYS = 30


def _recipients(instance_or_adherent, staff_by_service):
    adherent = getattr(instance_or_adherent, "adherent", instance_or_adherent)
    assignee = getattr(instance_or_adherent, "assignee", None) or adherent.referent
    if assignee is not None:
        return [assignee]
    return staff_by_service(adherent.service_id)


def _staff_lookup():
    from .selectors import service_staff_users

    cache: dict = {}

    def lookup(service_id):
        if service_id not in cache:
            from directory.models import Organisation

            cache[service_id] = service_staff_users(Organisation(pk=service_id))
        return cache[service_id]

    return lookup


@register("adherents.step_overdue", gettext_lazy("Member's trajectory step overdue"))
def steps_overdue(today):
    lookup = _staff_lookup()
    late = (
        StepInstance.objects.filter(
            completed_on__isnull=True, due_on__lt=today, adherent__left_on__isnull=True
        )
        .exclude(step__kind=TrajectoryStep.Kind.PREVENTION_VISIT)
        .select_related("step", "adherent__organisation", "adherent__referent", "assignee")
    )
    for instance in late:
        yield DueReminder(
            obj=instance,
            due_date=instance.due_on,
            recipients=_recipients(instance, lookup),
            about=instance.adherent,
            subject=_("Step overdue: %(step)s — %(member)s")
            % {"step": instance.step.name, "member": instance.adherent},
            message=_("The step “%(step)s” of %(member)s was due on %(date)s.")
            % {
                "step": instance.step.name,
                "member": instance.adherent,
                "date": instance.due_on.strftime("%d/%m/%Y"),
            },
            url=instance.adherent.get_absolute_url(),
        )


@register("adherents.not_contacted", gettext_lazy("Member not contacted 15 days after validation"))
def members_not_contacted(today):
    lookup = _staff_lookup()
    members = Adherent.objects.filter(
        first_reached_at__isnull=True,
        left_on__isnull=True,
        validated_on__isnull=False,
        validated_on__lte=today - timedelta(days=FIRST_CONTACT_DELAY_DAYS),
    ).select_related("organisation", "referent")
    for adherent in members:
        yield DueReminder(
            obj=adherent,
            due_date=adherent.first_contact_due_on,
            recipients=_recipients(adherent, lookup),
            subject=_("Member not contacted yet: %(member)s") % {"member": adherent},
            message=_("%(member)s was validated on %(date)s and nobody has reached it yet.")
            % {"member": adherent, "date": adherent.validated_on.strftime("%d/%m/%Y")},
            url=adherent.get_absolute_url(),
        )


@register("adherents.visit_deadline", gettext_lazy("Prevention visit deadline approaching"))
def visit_deadline_approaching(today):
    lookup = _staff_lookup()
    steps = StepInstance.objects.filter(
        completed_on__isnull=True,
        step__kind=TrajectoryStep.Kind.PREVENTION_VISIT,
        due_on__lte=today + timedelta(days=VISIT_WARNING_DAYS),
        adherent__left_on__isnull=True,
    ).select_related("step", "adherent__organisation", "adherent__referent", "assignee")
    for instance in steps:
        yield DueReminder(
            obj=instance,
            # Announced once, VISIT_WARNING_DAYS before the deadline (or at once if already closer).
            due_date=instance.due_on - timedelta(days=VISIT_WARNING_DAYS),
            recipients=_recipients(instance, lookup),
            subject=_("Prevention visit due by %(date)s: %(member)s")
            % {"date": instance.due_on.strftime("%d/%m/%Y"), "member": instance.adherent},
            message=_("The prevention visit of %(member)s must take place by %(date)s (the UST's delay).")
            % {"member": instance.adherent, "date": instance.due_on.strftime("%d/%m/%Y")},
            url=instance.adherent.get_absolute_url(),
        )
