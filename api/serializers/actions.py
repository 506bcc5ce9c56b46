"""Serializers of api: actions"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import ActionPhase, CollectiveAction, Deliverable
from actions.phases import phase_reference


class PhaseSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=_("Name of the phase in the ANACT reference."))

    class Meta:
        model = ActionPhase
        fields = ["number", "name", "status", "planned_start", "planned_end", "actual_start", "actual_end"]

    def get_name(self, phase) -> str:
        return str(phase_reference(phase.number).name)


class CurrentPhaseSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("Number of the phase (1 to 7)."))
    name = serializers.CharField(help_text=_("Name of the phase in the ANACT reference."))


class ActionSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code", help_text=_("Codes of its QVT themes.")
    )
    current_phase = serializers.SerializerMethodField(help_text=_("The phase the action is in."))
    phases = PhaseSerializer(many=True, read_only=True, help_text=_("Its phases, planned and actual dates."))

    class Meta:
        model = CollectiveAction
        fields = [
            "id",
            "programme",
            "axis",
            "code",
            "title",
            "status",
            "current_phase",
            "themes",
            "territory",
            "porteur",
            "start_date",
            "end_date",
            "needs",
            "description",
            "objectives",
            "means",
            "governance_composition",
            "pilotage",
            "budget_min_keur",
            "budget_max_keur",
            "budget_note",
            "steps",
            "preparation_months",
            "deployment_months",
            "duration_note",
            "evaluation_criteria",
            "technical_support",
            "pertinence",
            "feasibility",
            "target_sizes",
            "target_sectors",
            "public_summary",
            "updated_at",
            "phases",
        ]

    @extend_schema_field(CurrentPhaseSerializer)
    def get_current_phase(self, action) -> dict:
        number = action.current_phase_number
        return {"number": number, "name": str(phase_reference(number).name)}


class DeliverableSerializer(serializers.ModelSerializer):
    phase = serializers.IntegerField(
        source="phase.number", read_only=True, help_text=_("Number of its phase.")
    )
    file_url = serializers.SerializerMethodField(
        help_text=_("Where to download the validated file with the same token (validated deliverables only).")
    )

    class Meta:
        model = Deliverable
        fields = [
            "id",
            "action",
            "phase",
            "title",
            "description",
            "is_required",
            "due_date",
            "status",
            "validated_at",
            "file_kind",
            "file_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, deliverable) -> str | None:
        if deliverable.status != Deliverable.Status.VALIDATED or not deliverable.validated_file:
            return None
        url = reverse("api:deliverable-file", args=[deliverable.action_id, deliverable.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url
