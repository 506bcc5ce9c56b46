"""Reminders to an action's pilots: a phase past its planned end, a deliverable past its due date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.registry import DueReminder, register

from .models import ActionPhase, CollectiveAction, Deliverable, TeamMember

OPEN_STATUSES = (CollectiveAction.Status.DRAFT, CollectiveAction.Status.ONGOING)


def _pilots_prefetch(prefix: str) -> Prefetch:
    return Prefetch(
        f"{prefix}team",
        queryset=TeamMember.objects.filter(
            role=TeamMember.Role.PILOT, person__user__is_active=True
        ).select_related("person__user"),
        to_attr="pilot_members",
    )


def _pilot_users(action: CollectiveAction) -> list:
    return [member.person.user for member in action.pilot_members if member.person.user is not None]


@register(
    "actions.phase_late",
    gettext_lazy("Phase past its planned end"),
    gettext_lazy("The phase in progress has passed its planned end without moving on."),
)
def phases_late(today: date) -> Iterator[DueReminder]:
    phases = (
        ActionPhase.objects.filter(
            status=ActionPhase.Status.IN_PROGRESS, planned_end__lt=today, action__status__in=OPEN_STATUSES
        )
        .select_related("action")
        .prefetch_related(_pilots_prefetch("action__"))
    )
    for phase in phases:
        action = phase.action
        yield DueReminder(
            obj=phase,
            due_date=phase.planned_end,
            recipients=_pilot_users(action),
            about=action,
            subject=_("Phase late: %(phase)s — %(action)s")
            % {"phase": phase.reference.name, "action": action.code},
            message=_(
                "The phase « %(phase)s » of the action « %(action)s » was planned to end on %(date)s. "
                "Move on to the next phase once its deliverables are validated, or update its planned dates."
            )
            % {"phase": phase.reference.name, "action": action, "date": date_format(phase.planned_end)},
            url=action.get_absolute_url(),
        )


@register(
    "actions.deliverable_late",
    gettext_lazy("Deliverable past its due date"),
    gettext_lazy("A deliverable not validated by its due date."),
)
def deliverables_late(today: date) -> Iterator[DueReminder]:
    deliverables = (
        Deliverable.objects.filter(due_date__lt=today, action__status__in=OPEN_STATUSES)
        .exclude(status=Deliverable.Status.VALIDATED)
        .select_related("action", "phase")
        .prefetch_related(_pilots_prefetch("action__"))
    )
    for deliverable in deliverables:
        action = deliverable.action
        yield DueReminder(
            obj=deliverable,
            due_date=deliverable.due_date,
            recipients=_pilot_users(action),
            about=action,
            subject=_("Deliverable late: %(title)s — %(action)s")
            % {"title": deliverable.title, "action": action.code},
            message=_(
                "The deliverable « %(title)s » of the action « %(action)s » was due on %(date)s and is not validated yet "
                "(status: %(status)s)."
            )
            % {
                "title": deliverable.title,
                "action": action,
                "date": date_format(deliverable.due_date),
                "status": deliverable.get_status_display().lower(),
            },
            url=deliverable.get_absolute_url(),
        )
