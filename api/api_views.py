"""The read endpoints: each queryset is the owning app's `access.py` one for the token's owner."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from actions.access import programmes_visible_to
from actions.models import ProgrammeAxis, ProgrammeStep
from evaluation.access import indicators_visible_to
from evaluation.models import Measurement, TargetStep

from .access import can_use_api
from .exceptions import Conflict, Unprocessable
from .models import ApiToken
from .serializers import (
    BulkResultSerializer,
    IndicatorSerializer,
    MeasurementLineSerializer,
    ProgrammeSerializer,
)
from .services import BatchRejected, line_error, measurements_batch_write


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


class ProgrammeViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Programmes the token's owner sees on the site, with their axes and steps."""

    serializer_class = ProgrammeSerializer
    pagination_class = IdCursorPagination
    permission_classes = [CanUseApi]

    def get_queryset(self):
        return programmes_visible_to(self.request.user).prefetch_related(
            Prefetch("axes", queryset=ProgrammeAxis.objects.order_by("number")),
            Prefetch("steps", queryset=ProgrammeStep.objects.order_by("number")),
        ).order_by("id")


class IndicatorViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Indicators the token's owner sees on the site, with their intermediate targets and measurements."""

    serializer_class = IndicatorSerializer
    pagination_class = IdCursorPagination
    permission_classes = [CanUseApi]
    filterset_fields = ["programme", "action", "kind", "periodicity"]

    def get_queryset(self):
        return indicators_visible_to(self.request.user).prefetch_related(
            Prefetch("target_steps", queryset=TargetStep.objects.order_by("period")),
            Prefetch("measurements", queryset=Measurement.objects.order_by("period")),
        ).order_by("id")


class CanWriteMeasurements(permissions.BasePermission):
    message = gettext_lazy("This token only reads: create a token allowed to write measurements.")

    def has_permission(self, request, view):
        token = request.auth
        return isinstance(token, ApiToken) and token.scope == ApiToken.Scope.WRITE_MEASUREMENTS


class MeasurementBulkView(APIView):
    """Values of several indicators in one batch: all written, or none (every faulty line named)."""

    permission_classes = [CanUseApi, CanWriteMeasurements]

    @extend_schema(
        request=MeasurementLineSerializer(many=True),
        responses={200: BulkResultSerializer},
        summary="Saisie groupée de mesures",
    )
    def post(self, request):
        if not isinstance(request.data, list) or not request.data:
            raise Unprocessable({"lines": [gettext("Send a non-empty list of measurements.")]})
        if len(request.data) > MAX_LINES:
            raise Unprocessable({"lines": [gettext("At most %(max)s lines per batch.") % {"max": MAX_LINES}]})
        errors, lines = [], []
        for index, raw in enumerate(request.data):
            serializer = MeasurementLineSerializer(data=raw if isinstance(raw, dict) else {})
            if not isinstance(raw, dict):
                errors.append(line_error(index, raw, gettext("Expected an object {indicator, period, value, source}.")))
            elif not serializer.is_valid():
                reason = " ".join(f"{field} : {' '.join(map(str, msgs))}" for field, msgs in serializer.errors.items())
                errors.append(line_error(index, raw, reason))
            else:
                lines.append((index, serializer.validated_data))
        try:
            result = measurements_batch_write(lines=lines, errors=errors, token=request.auth, by=request.user)
        except BatchRejected as rejected:
            return Response({"detail": gettext("Nothing was written: correct the lines named in errors."),
                             "code": "unprocessable", "errors": rejected.errors}, status=422)
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        return Response({"created": result.created, "updated": result.updated, "unchanged": result.unchanged})


MAX_LINES = 5000

