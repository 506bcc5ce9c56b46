"""The navigation bar and the section menus, declared by each app in its own `navigation.py` (found at
start-up, like `admin.py`).

An app registers the area it opens (`register(Area(...))`) with who is shown it; the bar lists the areas
the user is shown, by group and order. An app whose pages form sections (governance's committees, calendar,
follow-up board…; a programme's overview, matrix and recap) registers their menu (`register_menu`): the
pages show it with `{% section_menu "name" %}`, the page being shown marked current. A name that does not
reverse fails at start-up (`core.checks`), not silently on a page. Being shown an area or a section is a
convenience: access is still decided per object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


@dataclass(frozen=True)
class Section:
    """One page of a section menu: it is the current one on its own page and on the pages `current_on` names."""

    url_name: str
    label: str | Promise
    icon: str = ""  # a Bootstrap Icons class, e.g. "bi-calendar3"
    current_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Menu:
    name: str
    label: str | Promise  # what the menu is, for screen readers: « Rubriques de la gouvernance »
    sections: tuple[Section, ...]


_menus: dict[str, Menu] = {}


def register(area: Area) -> Area:
    if area.group not in GROUPS:
        raise ValueError(f"Unknown navigation group {area.group!r} for {area.url_name}.")
    _areas[area.url_name] = area
    return area


def register_menu(name: str, label: str | Promise, sections: Iterable[Section]) -> Menu:
    menu = Menu(name, label, tuple(sections))
    _menus[name] = menu
    return menu


def menu_items(name: str, view_name: str, args: Iterable[Any] = ()) -> tuple[Menu, list[dict[str, Any]]]:
    """Menu `name` as shown on the page `view_name` (`args`: what its addresses take, e.g. a programme's pk)."""
    menu = _menus[name]
    return menu, [
        {
            "url": reverse(section.url_name, args=list(args)),
            "label": section.label,
            "icon": section.icon,
            "current": view_name in (section.url_name, *section.current_on),
        }
        for section in menu.sections
    ]


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
    """The registered names that do not reverse (checked at start-up): an area's takes nothing, a section's
    nothing or one object's key."""
    from django.urls import NoReverseMatch

    def reverses(name: str, *arguments: list[Any]) -> bool:
        for args in arguments:
            try:
                reverse(name, args=args)
            except NoReverseMatch:
                continue
            return True
        return False

    names = [area.url_name for area in areas() if not reverses(area.url_name, [])]
    for menu in _menus.values():
        for section in menu.sections:
            names += [name for name in (section.url_name, *section.current_on) if not reverses(name, [], [1])]
    return names


def autodiscover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("navigation")
