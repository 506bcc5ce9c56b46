"""The types every typed module shares (`make types`: mypy with django-stubs on core, services and selectors)."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

#: Who makes a change, recorded as the author of its history rows; None: Copilote itself (a task, a command).
Actor: TypeAlias = User | None
#: Who asks to see something: a signed-in person or an anonymous visitor.
Viewer: TypeAlias = User | AnonymousUser
