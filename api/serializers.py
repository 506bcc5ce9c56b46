from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actions.models import Programme, ProgrammeAxis, ProgrammeStep
from evaluation.models import Indicator, Measurement, TargetStep


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
        fields = ["id", "code", "name", "kind", "territory", "start_date", "end_date", "description",
                  "updated_at", "axes", "steps"]


class TargetStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetStep
        fields = ["period", "value"]


class MeasurementReadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["period", "value", "source", "is_computed", "updated_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    target_steps = TargetStepSerializer(many=True, read_only=True, help_text=_("Intermediate targets."))
    measurements = MeasurementReadSerializer(many=True, read_only=True, help_text=_("Values measured, by period."))

    class Meta:
        model = Indicator
        fields = ["id", "name", "programme", "action", "kind", "unit", "direction", "periodicity", "baseline",
                  "baseline_date", "target", "target_date", "is_active", "updated_at", "target_steps", "measurements"]


class MeasurementLineSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text=_("Indicator id."))
    period = serializers.DateField(help_text=_("First day of the period measured."))
    value = serializers.DecimalField(max_digits=14, decimal_places=2, help_text=_("Value measured."))
    source = serializers.CharField(max_length=255, required=False, allow_blank=True, default="",
                                   help_text=_("Where the value comes from."))


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("Values recorded."))
    updated = serializers.IntegerField(help_text=_("Values corrected."))
    unchanged = serializers.IntegerField(help_text=_("Values already identical."))
