"""Services of actions: programmes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.history import record_change, records_actor
from core.types import Actor
from directory.access import person_of

from ..models import CollectiveAction, Programme, ProgrammeAxis, ProgrammeStep
from ._common import LineChanges, _apply_lines, _versioned_update


def _save_programme_lines(
    programme: Programme, *, by: Actor, axes: LineChanges[ProgrammeAxis], steps: LineChanges[ProgrammeStep]
) -> None:
    """Save the axes and steps edited with the programme, line by line, each in its own history."""
    for axis in axes.saved:
        axis.programme = programme
    for step in steps.saved:
        step.programme = programme
    _apply_lines(
        axes,
        save=lambda axis: programme_axis_save(axis=axis, by=by),
        delete=lambda axis: programme_axis_delete(axis=axis, by=by),
    )
    _apply_lines(
        steps,
        save=lambda step: programme_step_save(step=step, by=by),
        delete=lambda step: programme_step_delete(step=step, by=by),
    )


@records_actor
def programme_create(
    *,
    by: Actor,
    axes: LineChanges[ProgrammeAxis] | None = None,
    steps: LineChanges[ProgrammeStep] | None = None,
    **fields: Any,
) -> Programme:
    """Create a programme (its creator manages it) with the axes and steps written on the same page."""
    with transaction.atomic():
        programme = Programme(**fields)
        programme.full_clean()
        programme.save()
        person = person_of(by) if by is not None else None
        if person is not None:
            programme.managers.add(person)
        _save_programme_lines(programme, by=by, axes=axes or LineChanges(), steps=steps or LineChanges())
    return programme


@records_actor
def programme_update(
    *,
    programme: Programme,
    by: Actor,
    expected_version: int | None = None,
    axes: LineChanges[ProgrammeAxis] | None = None,
    steps: LineChanges[ProgrammeStep] | None = None,
    **fields: Any,
) -> Programme:
    """Save a programme and its axes and steps; on a stale version (`expected_version`) nothing is saved."""
    with transaction.atomic():
        _versioned_update(programme, expected_version=expected_version, fields=fields)
        _save_programme_lines(programme, by=by, axes=axes or LineChanges(), steps=steps or LineChanges())
    return programme


@records_actor
def programme_axis_save(*, axis: ProgrammeAxis, by: Actor) -> ProgrammeAxis:
    axis.full_clean()
    axis.save()
    return axis


@records_actor
def programme_axis_delete(*, axis: ProgrammeAxis, by: Actor) -> None:
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
def programme_step_save(*, step: ProgrammeStep, by: Actor) -> ProgrammeStep:
    step.full_clean()
    step.save()
    return step


@records_actor
def programme_step_delete(*, step: ProgrammeStep, by: Actor) -> None:
    record_change(step, by=by)
    step.delete()
