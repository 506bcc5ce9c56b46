from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DigestPreference, ProgrammeFollow, Publication


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "doc_type", "audience", "is_published", "published_at", "view_count",
                    "download_count"]
    list_filter = ["is_published", "audience", "doc_type", "programme"]
    search_fields = ["title", "summary"]
    readonly_fields = ["source", "content_type", "object_id", "view_count", "download_count"]
    exclude = ["search_vector"]


@admin.register(ProgrammeFollow)
class ProgrammeFollowAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "created_at"]


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "weekly_digest", "last_week_sent", "unsubscribed_at"]
