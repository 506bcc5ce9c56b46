from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Application,
    Call,
    ComplementRequest,
    EligibilityCriterion,
    PriorityCriterion,
    ProjectTeamMember,
)


class EligibilityInline(admin.TabularInline):
    model = EligibilityCriterion
    extra = 0


class PriorityInline(admin.TabularInline):
    model = PriorityCriterion
    extra = 0


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "opens_at", "closes_at", "is_published"]
    list_filter = ["is_published", "programme"]
    search_fields = ["title", "slug"]
    inlines = [EligibilityInline, PriorityInline]


class TeamInline(admin.TabularInline):
    model = ProjectTeamMember
    extra = 0


class ComplementInline(admin.TabularInline):
    model = ComplementRequest
    extra = 0


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["structure_name", "call", "status", "eligibility", "submitted_at"]
    list_filter = ["call", "status", "eligibility"]
    search_fields = ["structure_name", "managing_organisation", "siret", "finess_legal", "finess_site"]
    readonly_fields = ["token_hash"]
    inlines = [TeamInline, ComplementInline]
