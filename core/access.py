"""Helpers every view uses to enforce access on the server.

The rule of the house: fetch through a queryset already scoped to the user (so what
they may not see is a 404), then check the write permission on the object (a
read-only user who tries to write gets a 403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


def get_visible_or_404(queryset, **lookup):
    """Return the object from a user-scoped queryset, or 404 (never reveal it exists)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def require_perm(user, perm: str, obj=None) -> None:
    """403 unless `user` has the django-rules permission `perm` on `obj`."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
