"""Reads on PDF documents (who may read them: `reports.access`)."""

from __future__ import annotations

from django.db.models import QuerySet

from core.types import Viewer

from . import access
from .models import Document


def documents_for_user(user: Viewer) -> QuerySet[Document]:
    """The user's own documents, newest first (the « Mes documents » page)."""
    return access.documents_requested_by(user).select_related("requested_by")
