"""Serializers of api: what several topics share"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Programme, ProgrammeAxis, ProgrammeStep
from evaluation.models import Indicator, Measurement, TargetStep
from evaluation.selectors import indicator_state
from evaluation.status import State


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
