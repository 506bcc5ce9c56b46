from django.contrib import admin

from .models import Notification, SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("rule", "object_key", "due_date", "recipient", "status", "attempts", "attempted_at", "sent_at")
    list_filter = ("rule", "status")
    search_fields = ("object_key", "subject", "recipient__username")
    date_hierarchy = "due_date"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
    list_filter = ("read_at",)
    search_fields = ("title", "user__username")
