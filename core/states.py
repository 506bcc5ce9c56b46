"""What state an object is in, asked by name: `meeting.is_held`, never `meeting.status == "tenue"` in a template.

`@state_flags()` on a model gives it one property per member of its choices (`Status.HELD` → `is_held`), so
templates and code ask the model, and the stored values (French words, kept for the database) stay in one
place. A name already taken on the model is an error at start-up, not a silent shadowing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models

M = TypeVar("M", bound=type[models.Model])


#: The colours a state may be shown in (Bootstrap's `text-bg-*`, contrasts checked by the accessibility test).
TONES = ("success", "primary", "info", "warning", "danger", "secondary", "light")


def state_flags(
    field: str = "status", choices: str = "Status", prefix: str = "is_", tones: dict[str, str] | None = None
) -> Callable[[M], M]:
    """Add to the model a boolean property `<prefix><member>` per member of its `choices` class on `field`.

    `tones` (member name → one of TONES; the others: "light") gives the model `<field>_tone`, the colour of its
    badge: the `{% state_badge obj %}` tag shows every state the same way, everywhere.
    """

    def decorate(model: M) -> M:
        members = list(getattr(model, choices))
        for member in members:
            name = f"{prefix}{member.name.lower()}"
            if hasattr(model, name):
                raise ImproperlyConfigured(f"{model.__name__}.{name} already exists: choose another prefix.")
            setattr(
                model, name, _flag(field, member.value, f"{field} is {member.name} (« {member.value} »).")
            )
        if tones is not None:
            unknown = set(tones) - {member.name for member in members} or set(tones.values()) - set(TONES)
            if unknown:
                raise ImproperlyConfigured(f"{model.__name__}: unknown state or tone {sorted(unknown)}.")
            by_value = {member.value: tones.get(member.name, "light") for member in members}
            setattr(
                model,
                f"{field}_tone",
                property(lambda instance: by_value.get(getattr(instance, field), "light")),
            )
        return model

    return decorate


def _flag(field: str, value: Any, doc: str) -> property:
    def getter(instance: models.Model) -> bool:
        return getattr(instance, field) == value

    return property(getter, doc=doc)
