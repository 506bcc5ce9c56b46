"""Who may read a PDF document.

A document is a snapshot built for the person who asked for it (its context may depend on
what they may see), so only they — and an administrator — may read it, and only while they
may still see its target (each document kind answers that, in `reports.registry`).

- Ask for a document: whoever the kind lets see the target.
- Read it, download it: its requester while they still see the target; administrators.
  Anybody else: nothing, not even that it exists (404).
- Retry a failed one: its requester; administrators.
- Read the technical error of a failed one: who reads documents in the Django admin.

`reports` is infrastructure and imports no domain app, the directory included: it keeps
its own administrator check, the same rule as `directory.access.is_admin`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from core import access as core_access

from .models import Document
from .registry import get_kind


def _is_admin(user) -> bool:
    # Same rule as directory.access.is_admin; reports is infrastructure and imports no domain app.
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.is_staff))


def documents_requested_by(user) -> QuerySet[Document]:
    """The user's own documents (the « Mes documents » page: an administrator's own too)."""
    if not getattr(user, "is_authenticated", False):
        return Document.objects.none()
    return Document.objects.filter(requested_by=user)


def documents_visible_to(user) -> QuerySet[Document]:
    """The documents the user may open by their address, before the check of their target."""
    if _is_admin(user):
        return Document.objects.all()
    return documents_requested_by(user)


def can_request_document(user, kind: str, target) -> bool:
    return bool(get_kind(kind).can_view(user, target))


def can_read_document(user, document: Document) -> bool:
    if _is_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or document.requested_by_id != user.pk:
        return False
    if document.target_type_id is None:
        return True  # A document about no particular object (an export of a list…).
    try:
        kind = get_kind(document.kind)
    except LookupError:
        return False
    target = document.target
    return target is not None and bool(kind.can_view(user, target))


def can_retry_document(user, document: Document) -> bool:
    return _is_admin(user) or (
        getattr(user, "is_authenticated", False) and document.requested_by_id == user.pk
    )


def can_read_errors(user) -> bool:
    """The traceback of a failed document is for who reads documents in the Django admin."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("reports.view_document")


core_access.register(Document, visible=documents_visible_to, retry=can_retry_document)
