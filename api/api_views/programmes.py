"""Programmes, actions and their deliverables."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.views import APIView

from actions.access import actions_visible_to, programmes_visible_to
from actions.models import ActionPhase, CollectiveAction, Deliverable, ProgrammeAxis, ProgrammeStep, QvtTheme
from actions.storage import file_download
from core.access import get_visible_or_404, object_for

from ..filters import ActionFilter
from ..serializers import ActionSerializer, DeliverableSerializer, ProgrammeSerializer
from .base import CanUseApi, ETagMixin, IdCursorPagination, ReadViewSet


@extend_schema_view(
    list=extend_schema(
        summary="Liste des programmes",
        description="Les programmes que le porteur du jeton voit sur le site, avec leurs axes et étapes.",
    ),
    retrieve=extend_schema(
        summary="Un programme", description="Un programme visible, avec ses axes et étapes."
    ),
)
@extend_schema(tags=["Programmes"])
class ProgrammeViewSet(ReadViewSet):
    """Programmes the token's owner sees on the site, with their axes and steps."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return (
            programmes_visible_to(self.request.user)
            .prefetch_related(
                Prefetch("axes", queryset=ProgrammeAxis.objects.order_by("number")),
                Prefetch("steps", queryset=ProgrammeStep.objects.order_by("number")),
            )
            .order_by("id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Liste des actions",
        description="Les actions collectives visibles : fiche, programme, phase en cours, phases (dates prévues et "
        "réelles), statut, thèmes, territoire. Filtres comme sur la liste des actions.",
    ),
    retrieve=extend_schema(
        summary="Une action", description="Une action visible, avec sa fiche et ses phases."
    ),
)
@extend_schema(tags=["Actions"])
class ActionViewSet(ReadViewSet):
    serializer_class = ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        return (
            actions_visible_to(self.request.user)
            .prefetch_related(
                Prefetch("themes", queryset=QvtTheme.objects.order_by("order", "code")),
                Prefetch("phases", queryset=ActionPhase.objects.order_by("number")),
            )
            .order_by("id")
        )


@extend_schema(
    tags=["Actions"],
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


@extend_schema(
    tags=["Actions"],
    summary="Fichier validé d’un livrable",
    description="Le fichier de la version validée d’un livrable d’une action visible (pièce jointe). 404 si le "
    "livrable n’est pas validé ou n’a pas de fichier.",
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
)
class DeliverableFileView(APIView):
    """The validated version of a deliverable's file: what the library and the committees read."""

    permission_classes = [CanUseApi]

    def get(self, request, pk, deliverable_pk):
        action = object_for(request.user, CollectiveAction, pk=pk)
        deliverable = get_visible_or_404(
            Deliverable.objects.filter(action=action, status=Deliverable.Status.VALIDATED), pk=deliverable_pk
        )
        return file_download(
            deliverable.validated_file, kind=deliverable.validated_file_kind, stem=deliverable.file_stem
        )
