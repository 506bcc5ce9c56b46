from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionPhase,
    CollectiveAction,
    Deliverable,
    FinancingLine,
    Participation,
    PhaseTransition,
    Programme,
    ProgrammeAxis,
    ProgrammeStep,
    QvtTheme,
    SuccessCondition,
    TeamMember,
)

#: A phase transition is a record of what happened: read only, in the admin as on the site.
TRANSITION_FIELDS = [
    "kind",
    "from_number",
    "to_number",
    "by",
    "at",
    "override_reason",
    "missing_deliverables",
    "reason",
]


@admin.register(QvtTheme)
class QvtThemeAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "code"]
    list_display_links = ["name"]


class _Inline(admin.TabularInline):
    """The lines of a programme or an action, without empty rows to fill."""

    extra = 0


class AxisInline(_Inline):
    model = ProgrammeAxis


class StepInline(_Inline):
    model = ProgrammeStep


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "porteur", "territory", "start_date", "end_date"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "territory"]
    autocomplete_fields = ["porteur", "managers"]
    inlines = [AxisInline, StepInline]


@admin.register(ProgrammeAxis)
class ProgrammeAxisAdmin(admin.ModelAdmin):
    list_display = ["programme", "number", "title"]
    list_filter = ["programme"]


@admin.register(ProgrammeStep)
class ProgrammeStepAdmin(admin.ModelAdmin):
    list_display = ["programme", "number", "title", "period"]
    list_filter = ["programme"]


class TeamInline(_Inline):
    model = TeamMember
    autocomplete_fields = ["person"]


class PhaseInline(_Inline):
    model = ActionPhase
    fields = ["number", "status", "planned_start", "planned_end", "actual_start", "actual_end"]


class SuccessConditionInline(_Inline):
    model = SuccessCondition


class FinancingLineInline(_Inline):
    model = FinancingLine
    autocomplete_fields = ["funder"]


class ParticipationInline(_Inline):
    model = Participation
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "status", "group", "du_formalised_on", "action_plan_on", "prevention_system_on"]


class TransitionInline(_Inline):
    model = PhaseTransition
    readonly_fields = TRANSITION_FIELDS
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CollectiveAction)
class CollectiveActionAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "title",
        "programme",
        "status",
        "current_phase_number",
        "pertinence",
        "feasibility",
    ]
    list_filter = ["programme", "status", "current_phase_number", "themes"]
    search_fields = ["code", "title", "needs"]
    autocomplete_fields = ["porteur"]
    filter_horizontal = ["themes", "followers"]
    inlines = [
        TeamInline,
        PhaseInline,
        SuccessConditionInline,
        FinancingLineInline,
        ParticipationInline,
        TransitionInline,
    ]


@admin.register(ActionPhase)
class ActionPhaseAdmin(SimpleHistoryAdmin):
    list_display = [
        "action",
        "number",
        "status",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
    ]
    list_filter = ["status", "number"]
    search_fields = ["action__code", "action__title"]


@admin.register(Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    list_display = ["title", "action", "phase", "status", "due_date", "validated_at", "published_at"]
    list_filter = ["status", "is_required"]
    search_fields = ["title", "action__code", "action__title"]
    readonly_fields = [
        "file_kind",
        "original_filename",
        "uploaded_by",
        "uploaded_at",
        "validated_by",
        "validated_at",
    ]
    # The file is replaced through the application (type checked from the content), not here.
    exclude = ["file"]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = [
        "organisation",
        "action",
        "status",
        "group",
        "du_formalised_on",
        "action_plan_on",
        "prevention_system_on",
    ]
    list_filter = ["status"]
    search_fields = ["organisation__name", "action__code"]
    autocomplete_fields = ["organisation"]


@admin.register(FinancingLine)
class FinancingLineAdmin(SimpleHistoryAdmin):
    list_display = ["action", "funder", "amount_eur", "share_percent", "status"]
    list_filter = ["status"]


@admin.register(TeamMember)
class TeamMemberAdmin(SimpleHistoryAdmin):
    list_display = ["action", "person", "role"]
    list_filter = ["role"]


@admin.register(SuccessCondition)
class SuccessConditionAdmin(admin.ModelAdmin):
    list_display = ["action", "order", "title"]


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(admin.ModelAdmin):
    list_display = ["action", "kind", "from_number", "to_number", "by", "at", "override_reason", "reason"]
    readonly_fields = ["action", *TRANSITION_FIELDS]
