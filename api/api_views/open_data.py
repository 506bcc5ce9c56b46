"""Open data: a programme's public indicators, without a token, under the Licence Ouverte 2.0.

Two decisions publish an indicator: its programme's public page is open (`Programme.showcase_enabled`,
switched on by its managers) and the indicator itself is marked « publié en données ouvertes »
(`Indicator.is_public`, on its form, by those who manage it). Active programme-level indicators only.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from actions.models import Programme
from evaluation.models import Indicator, Measurement, TargetStep
from evaluation.selectors import with_latest_values

from ..serializers import OpenDataSerializer, state_of
from ..throttling import OpenDataRateThrottle
from .base import ETagMixin

LICENCE = "Licence Ouverte 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
CSV_COLUMNS = [
    "programme",
    "indicateur_id",
    "indicateur",
    "unite",
    "periodicite",
    "cible",
    "date_cible",
    "periode",
    "valeur",
    "etat",
    "licence",
    "licence_url",
]


def public_programme(pk) -> Programme:
    programme = Programme.objects.filter(pk=pk, showcase_enabled=True).first()
    if programme is None:
        raise Http404
    return programme


def public_indicators(programme: Programme) -> list[Indicator]:
    measurements = Measurement.objects.order_by("period").only("indicator_id", "period", "value")
    return list(
        with_latest_values(Indicator.objects.filter(programme=programme, is_active=True, is_public=True))
        .prefetch_related(
            Prefetch("target_steps", queryset=TargetStep.objects.order_by("period")),
            Prefetch("measurements", queryset=measurements),
        )
        .order_by("id")
    )


def open_data(programme: Programme) -> dict:
    return {
        "programme": {"id": programme.pk, "code": programme.code, "name": programme.name},
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "indicators": [
            {
                "id": indicator.pk,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "periodicity": indicator.periodicity,
                "baseline": indicator.baseline,
                "baseline_date": indicator.baseline_date,
                "target": indicator.target,
                "target_date": indicator.target_date,
                "state": state_of(indicator)["state"],
                "measurements": [
                    {"period": m.period, "value": m.value} for m in indicator.measurements.all()
                ],
            }
            for indicator in public_indicators(programme)
        ],
    }


class OpenDataView(APIView):
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [OpenDataRateThrottle]


@extend_schema(tags=["Données ouvertes"])
class OpenIndicatorsJson(ETagMixin, OpenDataView):
    @extend_schema(
        operation_id="open_programme_indicators_json",
        summary="Données ouvertes : indicateurs publics (JSON)",
        description="Sans jeton. Les indicateurs actifs d’un programme dont la vitrine publique est ouverte, avec "
        "leurs mesures, sous Licence Ouverte 2.0.",
        responses={200: OpenDataSerializer},
    )
    def get(self, request, pk):
        return Response(OpenDataSerializer(open_data(public_programme(pk))).data)


@extend_schema(tags=["Données ouvertes"])
class OpenIndicatorsCsv(OpenDataView):
    @extend_schema(
        operation_id="open_programme_indicators_csv",
        summary="Données ouvertes : indicateurs publics (CSV)",
        description="Sans jeton. Une ligne par mesure, séparateur « ; », UTF-8 avec BOM (tableurs français), "
        "sous Licence Ouverte 2.0.",
        responses={(200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="CSV")},
    )
    def get(self, request, pk):
        data = OpenDataSerializer(open_data(public_programme(pk))).data
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for indicator in data["indicators"]:
            for measurement in indicator["measurements"] or [{"period": "", "value": ""}]:
                writer.writerow(
                    [
                        data["programme"]["code"],
                        indicator["id"],
                        indicator["name"],
                        indicator["unit"],
                        indicator["periodicity"],
                        _decimal(indicator["target"]),
                        indicator["target_date"] or "",
                        measurement["period"],
                        _decimal(measurement["value"]),
                        indicator["state"],
                        LICENCE,
                        LICENCE_URL,
                    ]
                )
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="indicateurs-{data["programme"]["code"]}.csv"'
        )
        return response


def _decimal(value) -> str:
    """« 12,50 » as French spreadsheets read it."""
    return "" if value in (None, "") else str(value).replace(".", ",")
