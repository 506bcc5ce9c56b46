"""What every read endpoint shares: the API's gate, cursor pagination and ETags."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext_lazy
from rest_framework import permissions, viewsets
from rest_framework.pagination import CursorPagination

from ..access import can_use_api


class CanUseApi(permissions.BasePermission):
    message = gettext_lazy("API access is for internal accounts.")

    def has_permission(self, request, view):
        return can_use_api(request.user)


class IdCursorPagination(CursorPagination):
    ordering = "id"
    page_size = 50
    max_page_size = 500
    page_size_query_param = "page_size"


class ETagMixin:
    """ETag = sha256 of the rendered data; If-None-Match matching it → 304 without a body.

    Hashing the serialized data (rather than max(updated_at)) catches every visible change —
    a child row, a permission change narrowing the queryset, a deletion — at the cost of
    serializing; the query count stays the same as a 200.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and response.data is not None:
            payload = json.dumps(response.data, sort_keys=True, default=str).encode()
            etag = '"' + hashlib.sha256(payload).hexdigest()[:32] + '"'
            response["ETag"] = etag
            sent = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
            if etag in sent or "*" in sent:
                response.status_code = 304
                response.data = None
        return response


class ReadViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail, paginated by id, for the token owner's access queryset."""

    pagination_class = IdCursorPagination
    permission_classes = [CanUseApi]
