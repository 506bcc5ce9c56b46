"""The kinds of PDF document each app declares in its own `documents.py`.

`reports` imports no domain app: an app registers a `DocumentKind` saying which
template to render, how to build its context from the document's target, who may
ask for it and read it. The modules are discovered at start-up, as `admin.py` is.
"""

from __future__ import annotations

import re
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
    """The storage-safe name of the stored file (a slug: storage may add a suffix to keep it unique)."""
    download_name: Callable[[Any], str] | None = None
    """The name the reader gets, from the content (« Fiche-action 01 — Prévenir les TMS »);
    the document's title when not given. Made safe for every OS by `safe_filename`."""
    sender: Callable[[Any], Any] | None = None
    """Receives the Document; returns the Organisation that sends it (its name heads the PDF), or None."""
    archive: bool | Callable[[Any, dict], bool] = False
    """A record kept for years: rendered as PDF/A-3 (tagged) instead of PDF/UA-1. True, or a function of
    (document, context) when only some documents of the kind are records (approved minutes)."""
    attachments: Callable[[Any, dict], list] | None = None
    """Receives (document, context) — the context the template renders — and returns the data files
    (`reports.pdf.PdfAttachment`) an archive PDF carries (its figures as CSV); none otherwise."""

    def is_archive(self, document, context: dict) -> bool:
        return bool(self.archive(document, context) if callable(self.archive) else self.archive)

    def attachments_for(self, document, context: dict) -> list:
        """The files embedded in this document's PDF: only an archive (PDF/A-3) carries any."""
        if self.attachments is None or not self.is_archive(document, context):
            return []
        return list(self.attachments(document, context))


_UNSAFE_CHARACTERS = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_MAX_NAME_LENGTH = 150


def safe_filename(text: str, *, extension: str = ".pdf") -> str:
    """`text` as a file name every OS accepts: / \\ : * ? " < > | and control characters removed,
    accents and spaces kept, no leading or trailing dot or space, `extension` added."""
    name = " ".join(_UNSAFE_CHARACTERS.sub(" ", str(text)).split()).strip(" .")
    name = name[:_MAX_NAME_LENGTH].rstrip(" .") or "document"
    if extension and not name.lower().endswith(extension.lower()):
        name += extension
    return name


def download_name(document) -> str:
    """The name a downloaded document is saved under, from its content."""
    try:
        kind = get_kind(document.kind)
    except LookupError:
        kind = None
    name = kind.download_name(document) if kind is not None and kind.download_name is not None else ""
    return safe_filename(name or document.title)


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
