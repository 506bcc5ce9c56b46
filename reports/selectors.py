"""Reads on PDF documents (who may read them: `reports.access`)."""

from core.types import Viewer

from . import access


def documents_for_user(user: Viewer):
    """The user's own documents, newest first (the « Mes documents » page)."""
    return access.documents_requested_by(user).select_related("requested_by")
