from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionAssessment, ApproachEntry, Indicator, Measurement, TargetStep


class TargetStepInline(admin.TabularInline):
    model = TargetStep
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "kind",
        "unit",
        "periodicity",
        "programme",
        "action",
        "service",
        "computation",
        "is_active",
    )
    list_filter = ("kind", "evaluation", "unit", "periodicity", "is_active")
    search_fields = ("name", "definition")
    autocomplete_fields = ("responsible",)
    raw_id_fields = ("programme", "action", "service")
    inlines = [TargetStepInline]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period", "value", "is_computed", "entered_by", "updated_at")
    list_filter = ("is_computed",)
    search_fields = ("indicator__name",)
    raw_id_fields = ("indicator", "entered_by")
    date_hierarchy = "period"


@admin.register(ApproachEntry)
class ApproachEntryAdmin(SimpleHistoryAdmin):
    list_display = ("action", "date", "kind")
    list_filter = ("kind",)
    raw_id_fields = ("action", "author")


@admin.register(ActionAssessment)
class ActionAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("action", "copil_validated_on", "updated_at")
    raw_id_fields = ("action",)
