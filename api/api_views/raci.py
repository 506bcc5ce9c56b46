"""RACI matrices: activities × roles × letters, and the result of their checks."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from raci.access import matrices_visible_to
from raci.models import Activity, Assignment, Role

from ..serializers import MatrixSerializer
from .base import ReadViewSet


@extend_schema_view(
    list=extend_schema(
        summary="Liste des matrices RACI",
        description="Les matrices visibles : activités × rôles × lettres, et le résultat de leur vérification.",
    ),
    retrieve=extend_schema(summary="Une matrice RACI", description="Une matrice visible et sa vérification."),
)
@extend_schema(tags=["Matrices RACI"])
class MatrixViewSet(ReadViewSet):
    serializer_class = MatrixSerializer

    def get_queryset(self):
        return (
            matrices_visible_to(self.request.user)
            .prefetch_related(
                Prefetch("roles", queryset=Role.objects.order_by("order", "pk")),
                Prefetch(
                    "activities",
                    queryset=Activity.objects.order_by("order", "pk").prefetch_related(
                        Prefetch(
                            "assignments", queryset=Assignment.objects.order_by("role__order", "role_id")
                        )
                    ),
                ),
            )
            .order_by("id")
        )
