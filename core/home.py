"""« Mon tableau de bord »: the sections of the home page, contributed by the domain apps.

`core` imports no domain app: each app registers its sections from its own `home.py`
module (autodiscovered at start-up by `core.apps`). A section's `collect(user, today)`
returns None when the section does not apply to the user, else a `SectionContent`.
Each collector runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .types import Viewer

# How many lines a section shows before « et N autres ».
LINE_LIMIT = 8
# How far ahead « à venir » looks.
HORIZON_DAYS = 14


@dataclass(frozen=True)
class HomeLine:
    label: str
    url: str
    when: date | datetime | None = None
    late: bool = False

    @property
    def sort_key(self) -> tuple[bool, date]:
        when = self.when
        if isinstance(when, datetime):
            when = when.date()
        return (not self.late, when or date.max)


@dataclass
class SectionContent:
    lines: list[HomeLine] = field(default_factory=list)
    # How many lines there are in all (may exceed the lines given).
    total: int | None = None
    more_url: str = ""
    # Keep the collector's order (e.g. newest first) instead of « late first, then by date ».
    keep_order: bool = False

    def __post_init__(self) -> None:
        if self.total is None:
            self.total = len(self.lines)


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: str | Promise
    order: int
    collect: Callable[[object, date], SectionContent | None]
    empty: str | Promise = _("Nothing to do.")  # noqa: RUF009 — a lazy text, translated when shown
    icon: str = "bi-check2-square"


_sections: dict[str, HomeSection] = {}


def register(section: HomeSection) -> HomeSection:
    _sections[section.key] = section
    return section


def sections() -> list[HomeSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


@dataclass
class ShownSection:
    section: HomeSection
    lines: list[HomeLine]
    more: int
    more_url: str


def sections_for(user: Viewer, today: date) -> list[ShownSection]:
    shown = []
    for section in sections():
        content = section.collect(user, today)
        if content is None:
            continue
        lines = content.lines if content.keep_order else sorted(content.lines, key=lambda line: line.sort_key)
        lines = lines[:LINE_LIMIT]
        shown.append(
            ShownSection(section, lines, max((content.total or 0) - len(lines), 0), content.more_url)
        )
    return shown


def autodiscover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("home")
