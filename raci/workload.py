"""Workload of a matrix: hours per role (where it is R, C or I) and per step. Pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

COUNTED_LETTERS = frozenset("RCI")


def summarise_untimed(texts: list[str]) -> str:
    """["Travaux intersession", "Travaux intersession", "Déploiement"] → "2 × Travaux intersession, Déploiement"."""
    return ", ".join(f"{count} × {text}" if count > 1 else text for text, count in Counter(texts).items())


@dataclass(kw_only=True)
class _Load:
    hours: Decimal = Decimal(0)
    activities: int = 0
    """Activities counted (for a role: where it is R, C or I)."""
    untimed: list[str] = field(default_factory=list)
    """The text workloads (« Travaux intersession ») of those activities, not counted in hours."""

    @property
    def untimed_summary(self) -> str:
        return summarise_untimed(self.untimed)


@dataclass(kw_only=True)
class RoleLoad(_Load):
    role: Any


@dataclass(kw_only=True)
class StepLoad(_Load):
    axis: str
    step: str


@dataclass
class Workload:
    roles: list[RoleLoad]
    steps: list[StepLoad]

    @property
    def total_hours(self) -> Decimal:
        return sum((step.hours for step in self.steps), Decimal(0))

    @property
    def untimed_count(self) -> int:
        return sum(len(step.untimed) for step in self.steps)


def compute(
    activities: Sequence[Any], roles: Sequence[Any], cells: Mapping[tuple[Any, Any], str]
) -> Workload:
    """`activities` carry `pk`, `axis`, `step`, `workload_hours` (Decimal or None), `workload_text`."""
    role_loads = [RoleLoad(role=role) for role in roles]
    step_loads: dict[tuple[str, str], StepLoad] = {}
    for activity in activities:
        key = (activity.axis, activity.step)
        step = step_loads.get(key)
        if step is None:
            step = step_loads[key] = StepLoad(axis=activity.axis, step=activity.step)
        step.activities += 1
        if activity.workload_hours is not None:
            step.hours += activity.workload_hours
        elif activity.workload_text:
            step.untimed.append(activity.workload_text)
        for load in role_loads:
            letters = cells.get((activity.pk, load.role.pk), "")
            if not COUNTED_LETTERS.intersection(letters):
                continue
            load.activities += 1
            if activity.workload_hours is not None:
                load.hours += activity.workload_hours
            elif activity.workload_text:
                load.untimed.append(activity.workload_text)
    return Workload(roles=role_loads, steps=list(step_loads.values()))
