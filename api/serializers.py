from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import ActionPhase, CollectiveAction, Deliverable, Programme, ProgrammeAxis, ProgrammeStep
from actions.phases import phase_reference
from evaluation.models import Indicator, Measurement, TargetStep
from evaluation.selectors import indicator_state
from evaluation.status import State
from governance.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    FollowUpItem,
    Meeting,
    Membership,
    Minutes,
    MinutesItem,
)
from raci.models import Activity, Matrix
from raci.models import Role as RaciRole
from raci.validation import validate as raci_validate


class AxisSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeAxis
        fields = ["id", "number", "title", "description"]


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeStep
        fields = ["id", "number", "title", "description", "period"]


class ProgrammeSerializer(serializers.ModelSerializer):
    axes = AxisSerializer(many=True, read_only=True, help_text=_("The programme's axes."))
    steps = StepSerializer(many=True, read_only=True, help_text=_("The programme's steps."))

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "territory",
            "start_date",
            "end_date",
            "description",
            "updated_at",
            "axes",
            "steps",
        ]


class TargetStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetStep
        fields = ["period", "value"]


class MeasurementReadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["period", "value", "source", "is_computed", "updated_at"]


class IndicatorStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=State.choices, help_text=_("State as the dashboards show it."))
    label = serializers.CharField(help_text=_("The state, in French."))
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text=_("Latest value (final value once frozen)."),
    )
    period = serializers.DateField(allow_null=True, help_text=_("Period of that value."))
    expected = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text=_("Value expected for that period.")
    )
    progress = serializers.IntegerField(
        allow_null=True, help_text=_("Progress from the baseline to the target, in %.")
    )
    frozen_on = serializers.DateField(allow_null=True, help_text=_("Day its action closed, if it did."))


class IndicatorSerializer(serializers.ModelSerializer):
    target_steps = TargetStepSerializer(many=True, read_only=True, help_text=_("Intermediate targets."))
    measurements = MeasurementReadSerializer(
        many=True, read_only=True, help_text=_("Values measured, by period.")
    )
    state = serializers.SerializerMethodField(help_text=_("Its state, computed as on the dashboards."))

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "programme",
            "action",
            "kind",
            "unit",
            "direction",
            "periodicity",
            "baseline",
            "baseline_date",
            "target",
            "target_date",
            "is_active",
            "updated_at",
            "state",
            "target_steps",
            "measurements",
        ]

    @extend_schema_field(IndicatorStateSerializer)
    def get_state(self, indicator) -> dict:
        return state_of(indicator)


def state_of(indicator) -> dict:
    """The dashboards' state of an indicator from `indicators_with_state` (prefetched target steps)."""
    steps = {step.period: step.value for step in indicator.target_steps.all()}
    computed = indicator_state(indicator, steps)
    return IndicatorStateSerializer(
        {
            "state": computed.state.value,
            "label": str(computed.state.label),
            "value": computed.value,
            "period": computed.period,
            "expected": computed.expected,
            "progress": computed.progress,
            "frozen_on": computed.frozen_on,
        }
    ).data


class MeasurementLineSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text=_("Indicator id."))
    period = serializers.DateField(help_text=_("First day of the period measured."))
    value = serializers.DecimalField(max_digits=14, decimal_places=2, help_text=_("Value measured."))
    source = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Where the value comes from."),
    )


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("Values recorded."))
    updated = serializers.IntegerField(help_text=_("Values corrected."))
    unchanged = serializers.IntegerField(help_text=_("Values already identical."))


# --- Actions ------------------------------------------------------------------------------
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


# --- Governance -----------------------------------------------------------------------------
class MemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=_("First and last name."))

    class Meta:
        model = Membership
        fields = ["name", "college", "role", "start_date", "end_date"]

    def get_name(self, membership) -> str:
        return f"{membership.person.first_name} {membership.person.last_name}".strip()


class CommitteeSerializer(serializers.ModelSerializer):
    members = MemberSerializer(source="memberships", many=True, read_only=True, help_text=_("Its members."))

    class Meta:
        model = Committee
        fields = ["id", "name", "kind", "programme", "action", "mandate", "updated_at", "members"]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "description", "duration_minutes", "status"]


class AttendanceCountsSerializer(serializers.Serializer):
    invited = serializers.IntegerField(help_text=_("Invited, no answer recorded."))
    present = serializers.IntegerField(help_text=_("Present."))
    excused = serializers.IntegerField(help_text=_("Excused."))
    absent = serializers.IntegerField(help_text=_("Absent."))
    represented = serializers.IntegerField(help_text=_("Represented by a proxy."))


class MinutesItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = MinutesItem
        fields = ["agenda_item", "text"]


class ApprovedMinutesSerializer(serializers.ModelSerializer):
    items = MinutesItemSerializer(many=True, read_only=True, help_text=_("The minutes of each agenda item."))

    class Meta:
        model = Minutes
        fields = ["version", "approved_at", "summary", "items"]


class MeetingSerializer(serializers.ModelSerializer):
    agenda = AgendaItemSerializer(
        source="agenda_items", many=True, read_only=True, help_text=_("Its agenda.")
    )
    attendance = serializers.SerializerMethodField(help_text=_("How many people, by answer."))
    approved_minutes = serializers.SerializerMethodField(help_text=_("The last approved minutes, if any."))

    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "number",
            "title",
            "starts_at",
            "duration_minutes",
            "place",
            "status",
            "updated_at",
            "agenda",
            "attendance",
            "approved_minutes",
        ]

    @extend_schema_field(AttendanceCountsSerializer)
    def get_attendance(self, meeting) -> dict:
        return {status: getattr(meeting, f"attendance_{status}") for status in ATTENDANCE_COUNTS}

    @extend_schema_field(ApprovedMinutesSerializer(allow_null=True))
    def get_approved_minutes(self, meeting) -> dict | None:
        approved = meeting.api_approved_minutes
        return ApprovedMinutesSerializer(approved[0]).data if approved else None


ATTENDANCE_COUNTS = {
    "invited": Attendance.Status.INVITED,
    "present": Attendance.Status.PRESENT,
    "excused": Attendance.Status.EXCUSED,
    "absent": Attendance.Status.ABSENT,
    "represented": Attendance.Status.REPRESENTED,
}


class FollowUpSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(help_text=_("Who carries it: first and last name."))

    class Meta:
        model = FollowUpItem
        fields = ["id", "title", "owner", "due_date", "status", "done_on", "action"]

    def get_owner(self, item) -> str:
        return f"{item.owner.first_name} {item.owner.last_name}".strip()


class DecisionSerializer(serializers.ModelSerializer):
    committee = serializers.IntegerField(
        source="meeting.committee_id", read_only=True, help_text=_("Committee id.")
    )
    followups = FollowUpSerializer(many=True, read_only=True, help_text=_("What was decided to follow up."))

    class Meta:
        model = Decision
        fields = ["id", "committee", "meeting", "agenda_item", "text", "created_at", "followups"]


# --- RACI ----------------------------------------------------------------------------------
class RaciRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RaciRole
        fields = ["id", "name"]


class RaciCellSerializer(serializers.Serializer):
    role = serializers.IntegerField(help_text=_("Role id."))
    letters = serializers.CharField(help_text=_("R, A, C, I letters of the role for the activity."))


class RaciActivitySerializer(serializers.ModelSerializer):
    cells = serializers.SerializerMethodField(help_text=_("The letters of each role (non-empty cells only)."))

    class Meta:
        model = Activity
        fields = ["id", "axis", "step", "name", "description", "cells"]

    @extend_schema_field(RaciCellSerializer(many=True))
    def get_cells(self, activity) -> list:
        return [
            {"role": cell.role_id, "letters": cell.letters}
            for cell in activity.assignments.all()
            if cell.letters
        ]


class RaciIssueSerializer(serializers.Serializer):
    level = serializers.CharField(help_text=_("error or warning."))
    code = serializers.CharField(help_text=_("Which rule."))
    message = serializers.CharField(help_text=_("The issue, in French."))
    activity = serializers.IntegerField(allow_null=True, help_text=_("Activity id, if about one."))
    role = serializers.IntegerField(allow_null=True, help_text=_("Role id, if about one."))


class RaciValidationSerializer(serializers.Serializer):
    can_be_validated = serializers.BooleanField(help_text=_("No error: the matrix may be validated."))
    issues = RaciIssueSerializer(many=True, help_text=_("What the checks found."))


class MatrixSerializer(serializers.ModelSerializer):
    roles = RaciRoleSerializer(many=True, read_only=True, help_text=_("Its columns."))
    activities = RaciActivitySerializer(
        many=True, read_only=True, help_text=_("Its rows, with their letters.")
    )
    validation = serializers.SerializerMethodField(help_text=_("The result of the matrix's checks."))

    class Meta:
        model = Matrix
        fields = [
            "id",
            "title",
            "description",
            "programme",
            "action",
            "is_template",
            "status",
            "validated_at",
            "updated_at",
            "roles",
            "activities",
            "validation",
        ]

    @extend_schema_field(RaciValidationSerializer)
    def get_validation(self, matrix) -> dict:
        activities = list(matrix.activities.all())
        for position, activity in enumerate(activities, start=1):
            activity.position = position
        roles = list(matrix.roles.all())
        cells = {
            (cell.activity_id, cell.role_id): cell.letters for a in activities for cell in a.assignments.all()
        }
        report = raci_validate(activities, roles, cells)
        return {
            "can_be_validated": report.can_be_validated,
            "issues": [
                {
                    "level": issue.level,
                    "code": issue.code,
                    "message": str(issue.message),
                    "activity": issue.activity.pk if issue.activity is not None else None,
                    "role": issue.role.pk if issue.role is not None else None,
                }
                for issue in report.issues
            ],
        }


# --- Open data ----------------------------------------------------------------------------
class OpenProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Programme id."))
    code = serializers.CharField(help_text=_("Short code."))
    name = serializers.CharField(help_text=_("Name."))


class OpenMeasurementSerializer(serializers.Serializer):
    period = serializers.DateField(help_text=_("First day of the period measured."))
    value = serializers.DecimalField(max_digits=14, decimal_places=2, help_text=_("Value measured."))


class OpenIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Indicator id."))
    name = serializers.CharField(help_text=_("Name."))
    unit = serializers.ChoiceField(choices=Indicator.Unit.choices, help_text=_("Unit."))
    direction = serializers.ChoiceField(
        choices=Indicator.Direction.choices, help_text=_("Whether higher is better.")
    )
    periodicity = serializers.CharField(help_text=_("Periodicity."))
    baseline = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text=_("Baseline.")
    )
    baseline_date = serializers.DateField(allow_null=True, help_text=_("Baseline date."))
    target = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text=_("Target.")
    )
    target_date = serializers.DateField(allow_null=True, help_text=_("Target date."))
    state = serializers.ChoiceField(choices=State.choices, help_text=_("State as the dashboards show it."))
    measurements = OpenMeasurementSerializer(many=True, help_text=_("Values measured, by period."))


class OpenDataSerializer(serializers.Serializer):
    programme = OpenProgrammeSerializer(help_text=_("The programme."))
    licence = serializers.CharField(help_text=_("Licence of the data."))
    licence_url = serializers.URLField(help_text=_("Text of the licence."))
    indicators = OpenIndicatorSerializer(many=True, help_text=_("Its public indicators."))
