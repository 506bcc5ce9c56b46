"""Services of adherents: what several topics share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.history import authenticated_or_none, records_actor
from core.types import Actor
from directory.models import Organisation

from ..models import Adherent, HealthUnit, StepInstance, TrajectoryStep, TrajectoryTemplate


def default_template(
    service: Organisation, kind: str = TrajectoryTemplate.Kind.NEW_MEMBER
) -> TrajectoryTemplate:
    """The service's own default template of that kind, else a shared one."""
    templates = list(
        TrajectoryTemplate.objects.filter(kind=kind, is_default=True).filter(
            Q(service=service) | Q(service__isnull=True)
        )
    )
    own = [t for t in templates if t.service_id == service.pk]
    if not (own or templates):
        raise ValidationError(_("No default trajectory template is defined for this service."))
    return (own or templates)[0]


def step_delay(step: TrajectoryStep, unit: HealthUnit | None) -> int:
    """The prevention visit's delay is the UST's (at most 6 months); others use the template's."""
    if step.kind == TrajectoryStep.Kind.PREVENTION_VISIT and unit is not None:
        return unit.prevention_visit_delay_days
    return step.delay_days


def _due_dates(
    steps: Iterable[Any], *, start: date, unit: HealthUnit | None, completed: dict | None = None
) -> dict:
    """Due date of each step: from the start, or from the previous step's completion (else its due date)."""
    completed = completed or {}
    dues: dict = {}
    previous_reference = start
    for step in steps:
        base = start if step.reference == TrajectoryStep.Reference.START else previous_reference
        dues[step.pk] = base + timedelta(days=step_delay(step, unit))
        previous_reference = completed.get(step.pk) or dues[step.pk]
    return dues


@records_actor
def trajectory_start(
    *, adherent: Adherent, template: TrajectoryTemplate, start_on: date, by: User | None
) -> list[StepInstance]:
    """Create the member's steps of `template`, with their due dates, from `start_on`."""
    if template.service_id not in (None, adherent.service_id):
        raise ValidationError(_("This trajectory template belongs to another service."))
    if StepInstance.objects.filter(adherent=adherent, step__template=template, started_on=start_on).exists():
        raise ValidationError(_("This trajectory has already been started on that date."))
    steps = list(template.steps.order_by("order"))
    if not steps:
        raise ValidationError(_("This trajectory template has no step."))
    dues = _due_dates(steps, start=start_on, unit=adherent.unit)
    instances = [
        StepInstance(
            adherent=adherent,
            step=step,
            started_on=start_on,
            due_on=dues[step.pk],
            assignee=adherent.referent,
        )
        for step in steps
    ]
    with transaction.atomic():
        return bulk_create_with_history(instances, StepInstance, default_user=authenticated_or_none(by))


def _reschedule(adherent: Adherent, template_id: int, started_on: date, *, by: Actor) -> None:
    """After a completion, the open steps counted from a previous step move with it."""
    instances = list(
        StepInstance.objects.filter(adherent=adherent, step__template_id=template_id, started_on=started_on)
        .select_related("step")
        .order_by("step__order")
    )
    completed = {i.step_id: i.completed_on for i in instances if i.completed_on}
    dues = _due_dates([i.step for i in instances], start=started_on, unit=adherent.unit, completed=completed)
    changed = []
    for instance in instances:
        if not instance.completed_on and instance.due_on != dues[instance.step_id]:
            instance.due_on = dues[instance.step_id]
            changed.append(instance)
    if changed:
        bulk_update_with_history(changed, StepInstance, ["due_on"], default_user=authenticated_or_none(by))


@records_actor
def step_complete(
    *, instance: StepInstance, by: Actor, completed_on: date | None = None, comment: str = ""
) -> StepInstance:
    completed_on = completed_on or timezone.localdate()
    if instance.completed_on:
        raise ValidationError(_("This step is already done."))
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("A step cannot be completed in the future.")})
    if completed_on < instance.started_on:
        raise ValidationError(
            {"completed_on": _("A step cannot be completed before its trajectory started.")}
        )
    with transaction.atomic():
        instance.completed_on = completed_on
        instance.completed_by = by
        if comment:
            instance.comment = comment
        instance.save(update_fields=["completed_on", "completed_by", "comment"])
        _reschedule(instance.adherent, instance.step.template_id, instance.started_on, by=by)
    return instance


def _open_step_of_kind(adherent: Adherent, kind: str) -> StepInstance | None:
    return (
        StepInstance.objects.filter(adherent=adherent, step__kind=kind, completed_on__isnull=True)
        .select_related("step", "adherent")
        .order_by("due_on")
        .first()
    )
