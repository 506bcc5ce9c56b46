"""Services of actions: what several topics share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models import Model

from core.conflicts import check_version
from core.types import Actor

from ..models import CollectiveAction

# How the planned duration is spread over the 7 phases when an action is created with a
# start date: the preparation months over Émergence, Conception, Information; the
# deployment months over the last four, mostly Accompagnement.
PREPARATION_WEIGHTS = {1: 1, 2: 1, 3: 1}


DEPLOYMENT_WEIGHTS = {4: 7, 5: 1, 6: 1, 7: 1}

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class LineChanges(Generic[M]):
    """The lines of a list edited on a page (conditions, financing, axes…): the new or changed rows
    to save, already holding their values, and the stored rows to delete."""

    saved: Sequence[M] = field(default_factory=tuple)
    deleted: Sequence[M] = field(default_factory=tuple)


def _apply_lines(
    lines: LineChanges[M], *, save: Callable[[M], object], delete: Callable[[M], object]
) -> None:
    """Deletions first, so that a removed number may be taken again by a new line."""
    for line in lines.deleted:
        delete(line)
    for line in lines.saved:
        save(line)


def _versioned_update(instance: M, *, expected_version: int | None, fields: dict[str, object]) -> M:
    """Set the fields and save them, unless made on a stale version (`core.conflicts.check_version`)."""
    for name, value in fields.items():
        setattr(instance, name, value)
    with transaction.atomic():
        check_version(instance, expected_version)
        instance.full_clean()
        instance.save()
    return instance


def _action_audience(action: CollectiveAction) -> list:
    users = {u.pk: u for u in action.followers.filter(is_active=True)}
    for member in action.team.select_related("person__user"):
        user = member.person.user
        if user is not None and user.is_active:
            users.setdefault(user.pk, user)
    return list(users.values())


def _tell_the_team(
    action: CollectiveAction, *, by: Actor, kind: str, title: str, message: str, url: str = ""
) -> None:
    """Once committed, the team and the followers get a notice (in-app and e-mail), the author excepted;
    it leads to `url`, by default the action's page."""
    from reminders.services import notify

    audience = _action_audience(action)
    url = url or action.get_absolute_url()
    transaction.on_commit(
        lambda: notify(
            users=audience,
            title=title,
            message=message,
            url=url,
            actor=by,
            kind=kind,
            about=action,
        )
    )
