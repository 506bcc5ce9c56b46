"""Selectors of adherents: complaints."""

from __future__ import annotations

from core.types import Viewer

from .. import access


def complaints_for_user(user: Viewer):
    return access.complaints_visible_to(user).select_related(
        "adherent__organisation", "handled_by", "service"
    )


def applications_for_user(user: Viewer):
    return access.applications_visible_to(user).select_related("service", "adherent")
