"""Services of raci: rows, columns"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.conflicts import ConflictingField, EditConflict, authors_of, check_version, version_of
from core.history import records_actor
from core.locking import locked
from core.types import Actor

from ..letters import display_hours
from ..models import Activity, Role
from ..sheet import is_reserved_header
from ._common import SHIFTED, _content_changed, _with_user


def _reorder(items: list[Any], *, model: type[Model], by: Actor) -> None:
    """Save the new `order` of rows or columns that moved, in a bounded number of queries, each one
    with its history row naming `by`."""
    if items:
        bulk_update_with_history(items, model, ["order"], default_user=by, default_change_reason=SHIFTED)


def _shift_after(queryset: QuerySet[Any], order: int, *, by: Actor) -> None:
    """Make room below `order`: the rows after it move one place down (the caller holds the matrix's lock)."""
    moved = list(queryset.filter(order__gt=order))
    for item in moved:
        item.order += 1
    _reorder(moved, model=queryset.model, by=by)


@records_actor
def activity_save(
    *, activity: Activity, by: Actor, after: Activity | None = None, expected_version: int | None = None
) -> Activity:
    """Create (at the end, or just below `after`) or update a row.

    An update made on a stale version (`expected_version`, `core.conflicts`) keeps other people's
    changes on the fields left alone and raises `EditConflict` where both changed the same field.
    """
    activity.full_clean()
    with transaction.atomic():
        if activity.pk is not None:
            _check_activity_version(activity, expected_version)
        if activity.pk is None:
            locked(activity.matrix)  # rows are numbered per matrix, one creation after the other
            siblings = Activity.objects.filter(matrix=activity.matrix)
            if after is not None:
                _shift_after(siblings, after.order, by=by)
                activity.order = after.order + 1
            else:
                activity.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        _with_user(activity, by).save()
        _content_changed(activity.matrix, by=by)
    return activity


def _workload_text(hours: Decimal | None, text: str) -> str:
    return display_hours(hours) if hours is not None else text


def _check_activity_version(activity: Activity, expected_version: int | None) -> None:
    """`check_version`, the workload (hours or a text: two columns, one value for people) taken as one field."""
    if expected_version is None or activity.pk is None:
        return
    mine = (activity.workload_hours, activity.workload_text)
    try:
        check_version(activity, expected_version)
        found = None
    except EditConflict as conflict:
        found = conflict
    fields = [f for f in found.fields if f.name not in ("workload_hours", "workload_text")] if found else []
    merged = (
        {k: v for k, v in found.merged.items() if k not in ("workload_hours", "workload_text")}
        if found
        else {}
    )
    stored = (
        type(activity)
        ._base_manager.filter(pk=activity.pk)
        .values_list("workload_hours", "workload_text")
        .first()
    )
    base = (
        activity.history.filter(history_id=expected_version)
        .values_list("workload_hours", "workload_text")
        .first()
    )
    if stored is not None and tuple(stored) != mine:
        if base is not None and tuple(base) == mine:
            merged["workload_hours"], merged["workload_text"] = stored  # only they changed it: theirs is kept
            activity.workload_hours, activity.workload_text = stored
        elif base is None or tuple(base) != tuple(stored):
            shown = _workload_text(*stored)
            fields.append(
                ConflictingField(
                    name="workload",
                    label=str(_("workload")),
                    theirs=shown,
                    theirs_display=shown or _("(empty)"),
                )
            )
    if "workload_hours" not in merged:
        activity.workload_hours, activity.workload_text = mine  # never half theirs, half mine
    if not fields:
        return  # nothing changed by both: other people's changes are merged in, the save goes on
    if found is not None:
        raise EditConflict(
            instance=activity,
            version=found.version,
            fields=fields,
            authors=found.authors,
            when=found.when,
            merged=merged,
        )
    later = list(
        activity.history.filter(history_id__gt=expected_version)
        .select_related("history_user")
        .order_by("history_id")
    )
    raise EditConflict(
        instance=activity,
        version=later[-1].history_id if later else version_of(activity),
        fields=fields,
        authors=authors_of(later),
        when=later[-1].history_date if later else timezone.now(),
        merged=merged,
    )


@records_actor
def activity_delete(*, activity: Activity, by: Actor) -> None:
    with transaction.atomic():
        matrix = activity.matrix
        for assignment in activity.assignments.all():
            _with_user(assignment, by).delete()
        _with_user(activity, by).delete()
        _content_changed(matrix, by=by)


def _move(instance: Activity | Role, siblings: QuerySet[Any], direction: int, *, by: Actor) -> bool:
    ordered = list(siblings.order_by("order", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == instance.pk)
    target = index + direction
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    moved = []
    for position, item in enumerate(ordered):
        if item.order != position:
            item.order = position
            moved.append(item)
    # The one that was moved names the change; the others only made room.
    mover = next(item for item in ordered if item.pk == instance.pk)
    if mover in moved:
        _with_user(mover, by).save(update_fields=["order"])
    instance.order = mover.order
    _reorder([item for item in moved if item is not mover], model=type(instance), by=by)
    return True


@records_actor
def activity_move(*, activity: Activity, direction: int, by: Actor) -> bool:
    """Move a row one place up (-1) or down (+1). False when it is already at the edge."""
    with transaction.atomic():
        moved = _move(
            activity,
            Activity.objects.select_for_update().filter(matrix_id=activity.matrix_id),
            direction,
            by=by,
        )
        if moved:
            _content_changed(activity.matrix, by=by)
    return moved


@records_actor
def role_save(*, role: Role, by: Actor, expected_version: int | None = None) -> Role:
    """Create or update a column; an update made on a stale version: see `activity_save`."""
    role.full_clean()
    _check_role_name(role)
    with transaction.atomic():
        if role.pk is not None:
            check_version(role, expected_version)
        if role.pk is None:
            locked(role.matrix)  # columns are numbered per matrix, one creation after the other
            role.order = (Role.objects.filter(matrix=role.matrix).aggregate(m=Max("order"))["m"] or 0) + 1
        _with_user(role, by).save()
        _content_changed(role.matrix, by=by)
    return role


def _check_role_name(role: Role) -> None:
    if is_reserved_header(role.name):
        raise ValidationError(
            {"name": _("This name is the title of a fixed column of the table; choose another.")}
        )
    if Role.objects.filter(matrix=role.matrix, name__iexact=role.name).exclude(pk=role.pk).exists():
        raise ValidationError({"name": _("The matrix already has a role with this name.")})


@records_actor
def role_delete(*, role: Role, by: Actor) -> None:
    with transaction.atomic():
        matrix = role.matrix
        for assignment in role.assignments.all():
            _with_user(assignment, by).delete()
        _with_user(role, by).delete()
        _content_changed(matrix, by=by)


@records_actor
def role_move(*, role: Role, direction: int, by: Actor) -> bool:
    """Move a column one place left (-1) or right (+1)."""
    with transaction.atomic():
        moved = _move(
            role, Role.objects.select_for_update().filter(matrix_id=role.matrix_id), direction, by=by
        )
        if moved:
            _content_changed(role.matrix, by=by)
    return moved
