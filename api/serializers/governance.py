"""Serializers of api: governance"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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
