from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(models.Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "programme", "action"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [MembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    fk_name = "meeting"
    raw_id_fields = ["presenter", "carried_from"]


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "starts_at", "status"]
    list_filter = ["status", "committee__kind"]
    search_fields = ["title", "committee__name"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, AttendanceInline]


class MinutesItemInline(admin.StackedInline):
    model = models.MinutesItem
    extra = 0
    raw_id_fields = ["agenda_item"]


@admin.register(models.Minutes)
class MinutesAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "version", "status", "approved_at"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "approved_at_meeting"]
    inlines = [MinutesItemInline]


class MinutesRecipientInline(admin.TabularInline):
    model = models.MinutesRecipient
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.MinutesCirculation)
class MinutesCirculationAdmin(SimpleHistoryAdmin):
    list_display = ["minutes", "circulated_at", "circulated_by"]
    raw_id_fields = ["minutes", "circulated_by"]
    inlines = [MinutesRecipientInline]


@admin.register(models.Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "created_at"]
    raw_id_fields = ["meeting", "agenda_item"]
    search_fields = ["text"]


@admin.register(models.FollowUpItem)
class FollowUpItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "due_date", "status", "done_on"]
    list_filter = ["status"]
    raw_id_fields = ["decision", "owner", "action", "phase", "deliverable"]
    search_fields = ["title"]


@admin.register(models.CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at", "last_used_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["token_hash"]
