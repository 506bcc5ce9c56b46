from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .models import Notification, NotificationPreference, OutgoingEmail, SentReminder
from .services import outgoing_email_resend


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = (
        "rule",
        "object_key",
        "due_date",
        "recipient",
        "status",
        "attempts",
        "attempted_at",
        "sent_at",
    )
    list_filter = ("rule", "status")
    search_fields = ("object_key", "subject", "recipient__username")
    date_hierarchy = "due_date"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "kind", "about_label", "created_at", "read_at", "digested_at")
    list_filter = ("read_at", "kind", "digest_due")
    search_fields = ("title", "about_label", "user__username")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(SimpleHistoryAdmin):
    list_display = ("user", "delivery", "updated_at")
    list_filter = ("delivery",)
    search_fields = ("user__username",)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "to", "status", "attempts", "created_at", "attempted_at", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    readonly_fields = (
        "to",
        "subject",
        "body",
        "attachment_names",
        "status",
        "attempts",
        "error",
        "created_at",
        "attempted_at",
        "sent_at",
    )
    exclude = ("attachments",)
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("attachments"))
    def attachment_names(self, email):
        return ", ".join(file["filename"] for file in email.attachments) or "—"

    @admin.action(description=_("Send the selected failed e-mails again"))
    def resend(self, request, queryset):
        failed = list(queryset.filter(status=OutgoingEmail.Status.FAILED))
        for email in failed:
            outgoing_email_resend(email=email)
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", len(failed))
            % {"count": len(failed)},
            messages.SUCCESS,
        )
