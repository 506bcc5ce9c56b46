"""Field shapes every app declares the same way, written once.

Each factory returns the exact field the apps used to spell out, so migrations and the historical
models of simple-history see no change. Verbose names stay in the calling app (its own catalogue).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, overload

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from datetime import date, datetime

    from django.contrib.auth.models import User
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise

_M = TypeVar("_M", bound=models.Model)
#: A date-time column as django-stubs types it: set from these, read as a datetime.
Stamp: TypeAlias = "models.DateTimeField[str | datetime | date | Combinable, datetime]"


def _nullable_link(
    to: Any, verbose_name: StrOrPromise, related_name: str, on_delete: Any
) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        to, verbose_name=verbose_name, on_delete=on_delete, null=True, blank=True, related_name=related_name
    )


@overload
def optional_fk(
    to: type[_M], verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[_M | None, _M | None]: ...
@overload
def optional_fk(
    to: str, verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[Any, Any]: ...
def optional_fk(to: Any, verbose_name: StrOrPromise, related_name: str = "+") -> models.ForeignKey[Any, Any]:
    """A link that may be empty and is emptied when its target is deleted (SET_NULL, null, blank).

    `to` is a model class, or a string ("self", "app.Model") for a model not importable here.
    """
    return _nullable_link(to, verbose_name, related_name, models.SET_NULL)


@overload
def optional_protected_fk(
    to: type[_M], verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[_M | None, _M | None]: ...
@overload
def optional_protected_fk(
    to: str, verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[Any, Any]: ...
def optional_protected_fk(
    to: Any, verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[Any, Any]:
    """A link that may be empty, and that keeps its target from being deleted while it points to it (PROTECT)."""
    return _nullable_link(to, verbose_name, related_name, models.PROTECT)


def optional_user(
    verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[User | None, User | None]:
    """The user who did something (created, validated, closed…), kept empty if the account goes."""
    field: models.ForeignKey[User | None, User | None] = optional_fk(
        settings.AUTH_USER_MODEL, verbose_name, related_name
    )
    return field


def created_stamp(verbose_name: StrOrPromise) -> Stamp:
    """When the row was created: set once, on the first save."""
    return models.DateTimeField(verbose_name, auto_now_add=True)


def updated_stamp(verbose_name: StrOrPromise) -> Stamp:
    """When the row was last saved."""
    return models.DateTimeField(verbose_name, auto_now=True)


@overload
def optional_owner(
    to: type[_M], verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[_M | None, _M | None]: ...
@overload
def optional_owner(
    to: str, verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[Any, Any]: ...
def optional_owner(
    to: Any, verbose_name: StrOrPromise, related_name: str = "+"
) -> models.ForeignKey[Any, Any]:
    """A link that may be empty, and that takes the row with it when its target is deleted (CASCADE)."""
    return _nullable_link(to, verbose_name, related_name, models.CASCADE)
