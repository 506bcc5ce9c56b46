"""Programmes, actions and their deliverables."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from actions.access import actions_visible_to, programmes_visible_to
from actions.models import ActionPhase, CollectiveAction, Deliverable, ProgrammeAxis, ProgrammeStep, QvtTheme
from core.access import object_for

from ..filters import ActionFilter
from ..serializers import ActionSerializer, DeliverableSerializer, ProgrammeSerializer
from .base import CanUseApi, ETagMixin, IdCursorPagination, ReadViewSet


@extend_schema_view(
    list=extend_schema(summary="Liste des programmes",
                       description="Les programmes que le porteur du jeton voit sur le site, avec leurs axes et étapes."),
    retrieve=extend_schema(summary="Un programme", description="Un programme visible, avec ses axes et étapes."),
)
class ProgrammeViewSet(ReadViewSet):
    """Programmes the token's owner sees on the site, with their axes and steps."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return programmes_visible_to(self.request.user).prefetch_related(
            Prefetch("axes", queryset=ProgrammeAxis.objects.order_by("number")),
            Prefetch("steps", queryset=ProgrammeStep.objects.order_by("number")),
        ).order_by("id")


@extend_schema_view(
    list=extend_schema(
        summary="Liste des actions",
        description="Les actions collectives visibles : fiche, programme, phase en cours, phases (dates prévues et "
                    "réelles), statut, thèmes, territoire. Filtres comme sur la liste des actions.",
    ),
    retrieve=extend_schema(summary="Une action", description="Une action visible, avec sa fiche et ses phases."),
)
class ActionViewSet(ReadViewSet):
    serializer_class = ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        return actions_visible_to(self.request.user).prefetch_related(
            Prefetch("themes", queryset=QvtTheme.objects.order_by("order", "code")),
            Prefetch("phases", queryset=ActionPhase.objects.order_by("number")),
        ).order_by("id")


@extend_schema(
    summary="Livrables d’une action",
    description="Les livrables d’une action visible (métadonnées) ; `file_url` seulement pour les livrables "
                "validés dont le fichier peut être téléchargé.",
)
class ActionDeliverableList(ETagMixin, generics.ListAPIView):
    serializer_class = DeliverableSerializer
    pagination_class = IdCursorPagination
    permission_classes = [CanUseApi]
    queryset = Deliverable.objects.none()  # for the schema; the real one needs the action

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        action = object_for(self.request.user, CollectiveAction, pk=self.kwargs["pk"])
        return Deliverable.objects.filter(action=action).select_related("phase").order_by("id")
