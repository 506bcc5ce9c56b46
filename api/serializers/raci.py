"""Serializers of api: raci"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raci.models import Activity, Matrix
from raci.models import Role as RaciRole
from raci.validation import validate as raci_validate


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
