"""Services of actions: programmes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from core.conflicts import check_version
from core.history import record_change, records_actor
from core.types import Actor
from directory.access import person_of

from ..models import (
    CollectiveAction,
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
)


@records_actor
def programme_create(*, by: Actor, **fields: Any) -> Programme:
    with transaction.atomic():
        programme = Programme(**fields)
        programme.full_clean()
        programme.save()
        person = person_of(by) if by is not None else None
        if person is not None:
            programme.managers.add(person)
    return programme


@records_actor
def programme_update(
    *, programme: Programme, by: Actor, expected_version: int | None = None, **fields: Any
) -> Programme:
    for name, value in fields.items():
        setattr(programme, name, value)
    with transaction.atomic():
        check_version(programme, expected_version)
        programme.full_clean()
        programme.save()
    return programme


@records_actor
def programme_axis_save(*, axis: ProgrammeAxis, by: User) -> ProgrammeAxis:
    axis.full_clean()
    axis.save()
    return axis


@records_actor
def programme_axis_delete(*, axis: ProgrammeAxis, by: User) -> None:
    """Remove an axis: each action filed under it loses it, with a history entry naming the axis."""
    reason = _("Axis removed: %(axis)s") % {"axis": axis}
    with transaction.atomic():
        # One save per action (not the database's SET NULL): each action's history records it.
        for action in CollectiveAction.objects.select_for_update().filter(axis=axis).order_by("pk"):
            action.axis = None
            record_change(action, by=by, reason=reason)
            action.save(update_fields=["axis", "updated_at"])
        record_change(axis, by=by)
        axis.delete()


@records_actor
def programme_step_save(*, step: ProgrammeStep, by: User) -> ProgrammeStep:
    step.full_clean()
    step.save()
    return step


@records_actor
def programme_step_delete(*, step: ProgrammeStep, by: User) -> None:
    record_change(step, by=by)
    step.delete()
