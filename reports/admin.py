from django.contrib import admin

from .models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "page_count", "requested_by", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "error")
    readonly_fields = ("created_at", "queued_at", "started_at", "finished_at", "attempts")
