"""Views of adherents: what several topics share."""

from __future__ import annotations

from django.http import Http404

from .. import access


def _staff_only(request) -> None:
    """The staff side exists only for service staff and administrators: others get a 404."""
    if not access.can_use_staff_side(request.user):
        raise Http404


def _posted(request):
    """The POST data of a POST (even empty, so that a blank form shows its errors), else None."""
    return request.POST if request.method == "POST" else None
