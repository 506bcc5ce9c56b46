"""Who made a change: every service records its actor (`by`) as the history's user.

django-simple-history takes the author of a history row from `instance._history_user`, else
from the request the middleware keeps for the thread. A service called from a task, a command
or a test has no request: `acting(by)` stands in for one while the service runs, so that every
row the service saves or deletes (and every many-to-many change) names its author.

    @records_actor
    def thing_update(*, thing, by, **fields): ...

Tasks and commands with nobody behind them act as `system_actor()`, an inactive account that
cannot log in ("Copilote (automatique)" in the histories).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Model
from simple_history.models import HistoricalRecords

from .french import jour_heure
from .types import Actor

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=Model)

SYSTEM_USERNAME = "copilote-systeme"

_MISSING = object()


class _ActorRequest:
    """The little of a request simple-history reads: its user."""

    def __init__(self, user: Actor) -> None:
        self.user = user


@contextmanager
def acting(by: Actor) -> Iterator[None]:
    """While the block runs, history rows without an explicit author are recorded as `by`'s.

    Nothing changes when `by` is None or anonymous (the request's user, if any, stays the author).
    """
    if by is None or not getattr(by, "is_authenticated", False):
        yield
        return
    context = HistoricalRecords.context
    previous = getattr(context, "request", _MISSING)
    context.request = _ActorRequest(by)
    try:
        yield
    finally:
        if previous is _MISSING:
            with suppress(AttributeError):
                del context.request
        else:
            context.request = previous


def records_actor(function: F) -> F:
    """Run a service under `acting(by)`, `by` being its keyword argument."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with acting(kwargs.get("by")):
            return function(*args, **kwargs)

    wrapper.records_actor = True  # type: ignore[attr-defined]  # a mark the history walk test reads
    return cast(F, wrapper)


def authenticated_or_none(by: Actor) -> Actor:
    """`by` when it is a signed-in account, else None: an anonymous visitor is nobody in a history."""
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def set_history_author(instance: M, by: Actor) -> M:
    """The next history row of `instance` names `by`, or nobody when `by` is None or anonymous.

    Nobody even inside `acting(...)` or a request: the row says the change has no author (a public
    form, a task acting for nobody). To leave the author to `acting` or the request when `by` is
    None, call `record_change` instead.
    """
    setattr(instance, "_history_user", authenticated_or_none(by))  # noqa: B010 — simple-history's own attribute
    return instance


def record_change(instance: M, *, by: Actor, reason: str = "") -> M:
    """Name the author (and the reason, if any) of the next history row of `instance`.

    Unlike `set_history_author`, a None or anonymous `by` names nobody here: the row's author is then
    the one `acting(...)` or the request gives.
    """
    if authenticated_or_none(by) is not None:
        set_history_author(instance, by)
    if reason:
        setattr(instance, "_change_reason", reason[:100])  # noqa: B010
    return instance


def system_actor() -> User:
    """The account changes made by scheduled tasks and commands are recorded under."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Copilote", "last_name": "(automatique)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def restore_fields(instance: Model, *, record: Any, fields: Iterable[str], by: Actor) -> list[str]:
    """Put back into `instance` the values `fields` had in its history row `record`.

    The caller (the app's service) then saves `instance` as usual: the restore is a new version, whose
    history row names `by` and says which version it brings back. Returns the names of the fields whose
    value changed (empty: the text is already that version's).
    """
    if getattr(record, "instance", None) is None or record.instance.pk != instance.pk:
        raise ValueError("The history row belongs to another object.")
    changed = []
    for name in fields:
        attname = instance._meta.get_field(name).attname  # type: ignore[union-attr]  # a concrete field, by contract
        value = getattr(record, attname)
        if getattr(instance, attname) != value:
            setattr(instance, attname, value)
            changed.append(name)
    record_change(instance, by=by, reason=f"Restauration de la version du {jour_heure(record.history_date)}")
    return changed


def clear_references_to(instance: Model, *, by: Actor, reason: str) -> int:
    """Before `instance` is deleted: clear, one save each, the historised rows pointing to it with SET_NULL.

    The database's own SET NULL would change them without a trace; saved here, each of them gets a history
    row naming `by` and `reason` (say what was deleted). Returns the number of rows cleared.
    """
    from django.db import models

    cleared = 0
    for relation in instance._meta.related_objects:
        field = relation.field
        if not (field.many_to_one or field.one_to_one) or relation.on_delete is not models.SET_NULL:
            continue
        model = cast(type[models.Model], relation.related_model)
        if getattr(model._meta, "simple_history_manager_attribute", None) is None:
            continue
        for obj in model._default_manager.filter(**{field.name: instance}).order_by("pk"):
            setattr(obj, field.attname, None)
            record_change(obj, by=by, reason=reason)
            obj.save(update_fields=[field.attname])
            cleared += 1
    return cleared
