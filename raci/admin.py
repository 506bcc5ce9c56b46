from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Assignment, Matrix, Role


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    fields = ["order", "name", "organisation", "person"]
    autocomplete_fields = ["organisation", "person"]


@admin.register(Matrix)
class MatrixAdmin(SimpleHistoryAdmin):
    list_display = ["title", "action", "programme", "is_template", "status", "updated_at"]
    list_filter = ["is_template", "status"]
    search_fields = ["title", "action__title", "action__code", "programme__name"]
    raw_id_fields = ["action", "programme", "source", "validated_by", "created_by"]
    inlines = [RoleInline]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["label", "matrix", "axis", "step", "order", "workload_display"]
    search_fields = ["name", "description", "matrix__title"]
    raw_id_fields = ["matrix"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "role", "letters"]
    raw_id_fields = ["activity", "role"]
