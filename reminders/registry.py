"""Reminder rules, declared by each app in its own `reminders.py` (discovered at start-up).

A rule is a function that receives today's date (Europe/Paris) and yields the
reminders due on or before that day. The engine sends each (rule, object, due date,
recipient) once, whatever how often the scan runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class DueReminder:
    obj: Any
    due_date: date
    recipients: list
    subject: str
    message: str
    url: str = ""
    object_key: str = ""
    about: Any = None
    """The object the notice is grouped under (an action for its late deliverables); `obj` when None."""

    def key(self) -> str:
        if self.object_key:
            return self.object_key
        meta = self.obj._meta
        return f"{meta.app_label}.{meta.model_name}:{self.obj.pk}"


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    collect: Callable[[date], Iterable[DueReminder]]
    description: str = field(default="")


_rules: dict[str, Rule] = {}


def register(key: str, label: str, description: str = ""):
    """Decorator: `@register("actions.phase_late", "Phase en retard")` on a collect function."""

    def decorator(collect: Callable[[date], Iterable[DueReminder]]):
        _rules[key] = Rule(key=key, label=label, collect=collect, description=description)
        return collect

    return decorator


def unregister(key: str) -> None:
    _rules.pop(key, None)


def rule_label(key: str) -> str:
    rule = _rules.get(key)
    return str(rule.label) if rule else ""


def all_rules() -> list[Rule]:
    return list(_rules.values())
