"""Reads on PDF documents, scoped to the user.

A document is a snapshot built for the person who asked for it (its context may depend
on what they may see), so only they — and an administrator — may read it, and only
while they may still see its target.
"""

from .models import Document
from .registry import get_kind


def _is_admin(user) -> bool:
    # Same rule as directory.roles.is_admin; reports is infrastructure and imports no domain app.
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.is_staff))


def documents_for_user(user):
    """The user's own documents, newest first (the « Mes documents » page)."""
    if not getattr(user, "is_authenticated", False):
        return Document.objects.none()
    return Document.objects.filter(requested_by=user).select_related("requested_by")


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
    return _is_admin(user) or (getattr(user, "is_authenticated", False) and document.requested_by_id == user.pk)
