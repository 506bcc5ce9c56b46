from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import DigestPreference, ProgrammeFollow, Publication


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "programme",
        "doc_type",
        "audience",
        "is_published",
        "published_at",
        "view_count",
        "download_count",
    ]
    list_filter = ["is_published", "audience", "doc_type", "programme"]
    search_fields = ["title", "summary"]
    readonly_fields = ["source", "content_type", "object_id", "view_count", "download_count"]
    exclude = ["search_vector"]


@admin.register(ProgrammeFollow)
class ProgrammeFollowAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "created_at"]


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "weekly_digest",
        "last_week_sent",
        "unsubscribed_at",
        "unsubscribe_links_revoked_at",
    ]
    readonly_fields = ["unsubscribe_links_revoked_at"]
    actions = ["revoke_unsubscribe_links"]

    @admin.action(description=_("Revoke the unsubscribe links already sent"))
    def revoke_unsubscribe_links(self, request, queryset):
        count = services.digest_unsubscribe_links_revoke(preferences=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "The unsubscribe links sent to %(count)d person no longer work.",
                "The unsubscribe links sent to %(count)d people no longer work.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
