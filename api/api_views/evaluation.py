"""Indicators (targets, measurements, state) and the bulk entry of measurements."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from evaluation.access import indicators_visible_to
from evaluation.models import TargetStep
from evaluation.selectors import with_latest_values

from ..exceptions import Conflict, Unprocessable
from ..filters import IndicatorFilter
from ..models import ApiToken
from ..serializers import BulkResultSerializer, IndicatorSerializer, MeasurementLineSerializer
from ..services import BatchRejected, line_error, measurements_batch_write
from .base import CanUseApi, ReadViewSet


@extend_schema_view(
    list=extend_schema(
        summary="Liste des indicateurs",
        description="Les indicateurs visibles, avec leurs cibles intermédiaires, leurs mesures et leur état "
        "(atteint, en bonne voie, en retard, sans donnée, non atteint) calculé comme sur les tableaux "
        "de bord. `period_from` et `period_to` bornent les mesures listées.",
    ),
    retrieve=extend_schema(
        summary="Un indicateur", description="Un indicateur visible, ses cibles, mesures et état."
    ),
)
@extend_schema(tags=["Indicateurs"])
class IndicatorViewSet(ReadViewSet):
    """Indicators the token's owner sees on the site, with their intermediate targets and measurements."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def get_queryset(self):
        # The measurements are prefetched by IndicatorFilter (bounded by the period asked for).
        return (
            with_latest_values(indicators_visible_to(self.request.user))
            .prefetch_related(
                Prefetch("target_steps", queryset=TargetStep.objects.order_by("period")),
            )
            .order_by("id")
        )


class CanWriteMeasurements(permissions.BasePermission):
    message = gettext_lazy("This token only reads: create a token allowed to write measurements.")

    def has_permission(self, request, view):
        token = request.auth
        return isinstance(token, ApiToken) and token.scope == ApiToken.Scope.WRITE_MEASUREMENTS


MAX_LINES = 5000


@extend_schema(tags=["Mesures"])
class MeasurementBulkView(APIView):
    """Values of several indicators in one batch: all written, or none (every faulty line named)."""

    permission_classes = [CanUseApi, CanWriteMeasurements]

    @extend_schema(
        request=MeasurementLineSerializer(many=True),
        responses={200: BulkResultSerializer},
        summary="Saisie groupée de mesures",
        description="Une liste de lignes (indicateur, période, valeur, source) : tout est enregistré, ou rien "
        "(422 avec chaque ligne fautive nommée). Renvoyer le même lot ne change rien. Jeton « écriture "
        "des mesures » nécessaire.",
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
                errors.append(
                    line_error(index, raw, gettext("Expected an object {indicator, period, value, source}."))
                )
            elif not serializer.is_valid():
                reason = " ".join(
                    f"{field} : {' '.join(map(str, msgs))}" for field, msgs in serializer.errors.items()
                )
                errors.append(line_error(index, raw, reason))
            else:
                lines.append((index, serializer.validated_data))
        try:
            result = measurements_batch_write(lines=lines, errors=errors, token=request.auth, by=request.user)
        except BatchRejected as rejected:
            return Response(
                {
                    "detail": gettext("Nothing was written: correct the lines named in errors."),
                    "code": "unprocessable",
                    "errors": rejected.errors,
                },
                status=422,
            )
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        return Response({"created": result.created, "updated": result.updated, "unchanged": result.unchanged})
