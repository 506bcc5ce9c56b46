"""The kinds of PDF document each app declares in its own `documents.py`.

`reports` imports no domain app: an app registers a `DocumentKind` saying which
template to render, how to build its context from the document's target, who may
ask for it and read it. The modules are discovered at start-up, as `admin.py` is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_kinds: dict[str, DocumentKind] = {}


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str
    template: str
    build_context: Callable[[Any], dict]
    """Receives the Document; returns the template context (the target is `document.target`)."""
    can_view: Callable[[Any, Any], bool]
    """Receives (user, target): may this user request and read documents of this target?"""
    filename: Callable[[Any], str] = field(default=lambda document: f"document-{document.pk}.pdf")


def register(kind: DocumentKind) -> DocumentKind:
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> DocumentKind:
    try:
        return _kinds[key]
    except KeyError as exc:
        raise LookupError(f"Unknown document kind: {key}") from exc


def all_kinds() -> dict[str, DocumentKind]:
    return dict(_kinds)


def unregister(key: str) -> None:
    """Forget a kind (tests register their own and remove them afterwards)."""
    _kinds.pop(key, None)
