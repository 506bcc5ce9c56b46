"""Committees and their members, meetings, decisions and their follow-up."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view

from governance.access import committees_visible_to, decisions_visible_to, meetings_visible_to
from governance.models import AgendaItem, FollowUpItem, Membership, Minutes, MinutesItem

from ..serializers import ATTENDANCE_COUNTS, CommitteeSerializer, DecisionSerializer, MeetingSerializer
from .base import ReadViewSet


@extend_schema_view(
    list=extend_schema(
        summary="Liste des instances",
        description="Les instances visibles et leurs membres (nom, collège, rôle).",
    ),
    retrieve=extend_schema(summary="Une instance", description="Une instance visible et ses membres."),
)
@extend_schema(tags=["Instances"])
class CommitteeViewSet(ReadViewSet):
    serializer_class = CommitteeSerializer

    def get_queryset(self):
        members = Membership.objects.select_related("person").order_by("college", "person__last_name", "pk")
        return (
            committees_visible_to(self.request.user)
            .prefetch_related(Prefetch("memberships", queryset=members))
            .order_by("id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Liste des réunions",
        description="Les réunions des instances visibles : date, ordre du jour, nombres de présents, excusés, "
        "absents, représentés, et le compte rendu approuvé.",
    ),
    retrieve=extend_schema(summary="Une réunion", description="Une réunion visible."),
)
@extend_schema(tags=["Réunions"])
class MeetingViewSet(ReadViewSet):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        counts = {
            f"attendance_{key}": Count("attendances", filter=Q(attendances__status=status))
            for key, status in ATTENDANCE_COUNTS.items()
        }
        approved = (
            Minutes.objects.filter(status=Minutes.Status.APPROVED)
            .order_by("-version")
            .prefetch_related(
                Prefetch(
                    "items", queryset=MinutesItem.objects.order_by("agenda_item__order", "agenda_item_id")
                )
            )
        )
        return (
            meetings_visible_to(self.request.user)
            .annotate(**counts)
            .prefetch_related(
                Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")),
                Prefetch("minutes_versions", queryset=approved, to_attr="api_approved_minutes"),
            )
            .order_by("id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Liste des décisions",
        description="Les décisions des instances visibles et les suites à donner.",
    ),
    retrieve=extend_schema(
        summary="Une décision", description="Une décision visible et ses suites à donner."
    ),
)
@extend_schema(tags=["Décisions"])
class DecisionViewSet(ReadViewSet):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        followups = FollowUpItem.objects.select_related("owner").order_by("due_date", "pk")
        return (
            decisions_visible_to(self.request.user)
            .select_related("meeting")
            .prefetch_related(Prefetch("followups", queryset=followups))
            .order_by("id")
        )
