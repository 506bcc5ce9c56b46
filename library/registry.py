"""What can be published in the library: each domain app registers its sources.

A source knows how to list the objects a user may publish, whether a user may publish
one, and how to describe one (title, text, programme, file…). The library stores only
a generic reference, so it depends on no domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SourceItem:
    title: str
    programme: Any
    year: int
    summary: str = ""
    text: str = ""
    file: Any = None  # a FieldFile, or None
    file_kind: str = ""
    themes: list = field(default_factory=list)
    sector: str = ""
    url: str = ""


@dataclass(frozen=True)
class PublishableSource:
    key: str
    label: str
    doc_type: str
    model: str  # "app_label.ModelName", resolved lazily
    candidates: Callable[[Any], Any]
    """(user) -> queryset of the objects this user may publish."""
    describe: Callable[[Any], SourceItem]
    on_publish: Callable[[Any, Any], None] | None = None
    """(obj, published_at or None) -> None: lets the source record it (e.g. Deliverable.published_at)."""
    row_label: Callable[[Any], str] = str
    """(obj) -> how the object reads in a list of candidates (cheap: from the candidates' joins)."""
    readable: Callable[[Any], Any] | None = None
    """(user) -> queryset of the objects whose page this user may open; by default the model's access policy."""

    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.model)

    def can_publish(self, user, obj) -> bool:
        return self.candidates(user).filter(pk=obj.pk).exists()

    def can_open(self, user, obj) -> bool:
        """May `user` open the source's own page (« Voir dans son action »…)?"""
        from core.access import visible_to

        readable = self.readable(user) if self.readable else visible_to(user, self.model_class())
        return readable.filter(pk=obj.pk).exists()


_sources: dict[str, PublishableSource] = {}


def register(source: PublishableSource) -> PublishableSource:
    _sources[source.key] = source
    return source


def get_source(key: str) -> PublishableSource:
    try:
        return _sources[key]
    except KeyError as exc:
        raise LookupError(f"Unknown publishable source: {key}") from exc


def all_sources() -> list[PublishableSource]:
    return list(_sources.values())


def unregister(key: str) -> None:
    _sources.pop(key, None)
