from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import RetentionRule, RetentionRun

PERIOD_REQUIRED = _("Give a retention period of at least one month.")


class RetentionRuleForm(forms.ModelForm):
    months = forms.IntegerField(
        label=_("retention period (months)"),
        error_messages={"required": PERIOD_REQUIRED, "invalid": PERIOD_REQUIRED},
        help_text=RetentionRule._meta.get_field("months").help_text,
    )

    class Meta:
        model = RetentionRule
        fields = ("months",)

    def clean_months(self):
        months = self.cleaned_data["months"]
        if months < 1:
            raise forms.ValidationError(PERIOD_REQUIRED)
        return months


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    """Every kind has its row (created with the documented defaults): only the period is changed here."""

    form = RetentionRuleForm
    list_display = ("kind", "months")
    readonly_fields = ("kind",)
    fields = ("kind", "months")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "finished_at", "by", "total")
    readonly_fields = ("started_at", "finished_at", "by", "results")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("rows deleted or anonymised"))
    def total(self, run):
        return run.total
