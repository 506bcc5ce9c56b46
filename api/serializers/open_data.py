"""Serializers of api: open data"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from evaluation.models import Indicator
from evaluation.status import State


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
