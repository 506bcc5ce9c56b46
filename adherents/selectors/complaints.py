"""Selectors of adherents: complaints."""

from __future__ import annotations

from django.db.models import QuerySet

from core.types import Viewer

from .. import access
from ..models import Complaint, MembershipApplication


def complaints_for_user(user: Viewer) -> QuerySet[Complaint]:
    return access.complaints_visible_to(user).select_related(
        "adherent__organisation", "handled_by", "service"
    )


def applications_for_user(user: Viewer) -> QuerySet[MembershipApplication]:
    return access.applications_visible_to(user).select_related("service", "adherent")
