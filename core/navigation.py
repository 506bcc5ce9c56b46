"""The navigation bar, declared by each app in its own `navigation.py` (found at start-up, like `admin.py`).

An app registers the area it opens (`register(Area(...))`) with who is shown it; the bar lists the areas
the user is shown, by group and order. A name that does not reverse fails at start-up (`core.checks`), not
silently on a page. Being shown an area is a convenience: access is still decided per object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.urls import reverse
from django.utils.functional import Promise

Group = Literal["main", "more", "portal"]
GROUPS: tuple[Group, ...] = ("main", "more", "portal")


@dataclass(frozen=True)
class Area:
    url_name: str
    label: str | Promise
    icon: str  # a Bootstrap Icons class, e.g. "bi-kanban"
    shown_to: Callable[[Any], bool]
    group: Group = "main"
    order: int = 100
    # The area is the home page of those shown it (a member company's contact lands in their member space).
    is_home: bool = False

    @property
    def key(self) -> str:
        return self.url_name.split(":")[0]


_areas: dict[str, Area] = {}


def register(area: Area) -> Area:
    if area.group not in GROUPS:
        raise ValueError(f"Unknown navigation group {area.group!r} for {area.url_name}.")
    _areas[area.url_name] = area
    return area


def areas() -> list[Area]:
    return sorted(_areas.values(), key=lambda area: (GROUPS.index(area.group), area.order, area.url_name))


def areas_for(user: Any) -> dict[Group, list[dict[str, str]]]:
    """For each group, the areas `user` is shown: url, label, icon and the key marking the current one."""
    shown: dict[Group, list[dict[str, str]]] = {group: [] for group in GROUPS}
    for area in areas():
        if area.shown_to(user):
            shown[area.group].append(
                {"url": reverse(area.url_name), "label": str(area.label), "icon": area.icon, "key": area.key}
            )
    return shown


def is_portal_only(user: Any) -> bool:
    """A portal-only account: shown a « portal » area (a member company's contact). It reaches nothing else."""
    return any(area.shown_to(user) for area in areas() if area.group == "portal")


def home_for(user: Any) -> str | None:
    """The address of the area that is `user`'s home page instead of the dashboard of the day, if any."""
    for area in areas():
        if area.is_home and area.shown_to(user):
            return reverse(area.url_name)
    return None


def unreversible() -> list[str]:
    """The registered names that do not reverse (checked at start-up)."""
    from django.urls import NoReverseMatch

    missing = []
    for area in areas():
        try:
            reverse(area.url_name)
        except NoReverseMatch:
            missing.append(area.url_name)
    return missing


def autodiscover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("navigation")
