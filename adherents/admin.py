from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "service", "order")
    list_filter = ("service",)
    search_fields = ("name",)


@admin.register(models.HealthUnit)
class HealthUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "service", "sector", "physician", "prevention_visit_delay_days")
    list_filter = ("service", "sector")
    search_fields = ("name", "physician")


class StepInstanceInline(admin.TabularInline):
    model = models.StepInstance
    extra = 0
    fields = ("step", "started_on", "due_on", "completed_on", "completed_by", "assignee")
    raw_id_fields = ("step", "completed_by", "assignee")


@admin.register(models.Adherent)
class AdherentAdmin(SimpleHistoryAdmin):
    list_display = (
        "organisation",
        "membership_number",
        "service",
        "sector",
        "unit",
        "validated_on",
        "unreachable",
    )
    list_filter = ("service", "sector", "unit", "accounting_firm", "unreachable")
    search_fields = ("organisation__name", "membership_number", "sign_name")
    raw_id_fields = ("organisation", "referent")
    list_select_related = ("organisation", "service", "sector", "unit")
    inlines = [StepInstanceInline]


class TrajectoryStepInline(admin.TabularInline):
    model = models.TrajectoryStep
    extra = 0


@admin.register(models.TrajectoryTemplate)
class TrajectoryTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "service", "is_default")
    list_filter = ("kind", "is_default")
    inlines = [TrajectoryStepInline]


@admin.register(models.TrajectoryStep)
class TrajectoryStepAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "portal_label",
        "template",
        "order",
        "phase",
        "responsible",
        "reference",
        "delay_days",
        "kind",
    )
    list_filter = ("template", "phase", "responsible")


@admin.register(models.StepInstance)
class StepInstanceAdmin(admin.ModelAdmin):
    list_display = ("adherent", "step", "due_on", "completed_on", "assignee")
    list_filter = ("step__template", "step")
    raw_id_fields = ("adherent", "completed_by", "assignee")
    list_select_related = ("adherent__organisation", "step", "assignee")
    date_hierarchy = "due_on"


@admin.register(models.ContactAttempt)
class ContactAttemptAdmin(admin.ModelAdmin):
    list_display = ("adherent", "happened_at", "channel", "outcome", "by")
    list_filter = ("channel", "outcome")
    raw_id_fields = ("adherent", "step", "by")
    list_select_related = ("adherent__organisation", "by")


class WorkUnitInline(admin.StackedInline):
    model = models.WorkUnit
    extra = 0


@admin.register(models.PreventionVisit)
class PreventionVisitAdmin(SimpleHistoryAdmin):
    list_display = ("adherent", "status", "planned_on", "done_on", "performed_by", "restitution_sent_on")
    list_filter = ("status",)
    raw_id_fields = ("adherent", "step", "performed_by")
    list_select_related = ("adherent__organisation", "performed_by")
    inlines = [WorkUnitInline]


class IdentifiedHazardInline(admin.TabularInline):
    model = models.IdentifiedHazard
    extra = 0


class WorkUnitPhotoInline(admin.TabularInline):
    model = models.WorkUnitPhoto
    extra = 0


@admin.register(models.WorkUnit)
class WorkUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "visit", "order")
    raw_id_fields = ("visit",)
    inlines = [IdentifiedHazardInline, WorkUnitPhotoInline]


@admin.register(models.IdentifiedHazard)
class IdentifiedHazardAdmin(admin.ModelAdmin):
    list_display = ("family", "work_unit", "is_priority")
    list_filter = ("family", "is_priority")
    raw_id_fields = ("work_unit",)


@admin.register(models.WorkUnitPhoto)
class WorkUnitPhotoAdmin(admin.ModelAdmin):
    list_display = ("caption", "work_unit", "positive")
    raw_id_fields = ("work_unit",)


@admin.register(models.ActionPlanItem)
class ActionPlanItemAdmin(admin.ModelAdmin):
    list_display = ("title", "adherent", "who", "due_on", "status")
    list_filter = ("status", "hazard")
    raw_id_fields = ("adherent", "visit")


class SurveyQuestionInline(admin.TabularInline):
    model = models.SurveyQuestion
    extra = 0
    raw_id_fields = ("asked_if",)


@admin.register(models.Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "service", "mode", "opens_on", "closes_on", "is_open")
    list_filter = ("mode", "is_open", "service")
    inlines = [SurveyQuestionInline]


class SurveyChoiceInline(admin.TabularInline):
    model = models.SurveyChoice
    extra = 0


@admin.register(models.SurveyQuestion)
class SurveyQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "survey", "order", "kind", "measures_satisfaction")
    list_filter = ("survey", "kind")
    raw_id_fields = ("asked_if",)
    inlines = [SurveyChoiceInline]


@admin.register(models.SurveyChoice)
class SurveyChoiceAdmin(admin.ModelAdmin):
    list_display = ("label", "question", "order", "satisfied")
    raw_id_fields = ("question",)


class SurveyAnswerInline(admin.TabularInline):
    model = models.SurveyAnswer
    extra = 0
    raw_id_fields = ("question", "choice")


@admin.register(models.SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ("adherent", "survey", "reached", "answered_on", "recorded_by")
    list_filter = ("survey", "reached")
    raw_id_fields = ("adherent", "recorded_by")
    list_select_related = ("adherent__organisation", "survey", "recorded_by")
    inlines = [SurveyAnswerInline]


@admin.register(models.SurveyAnswer)
class SurveyAnswerAdmin(admin.ModelAdmin):
    list_display = ("response", "question", "choice", "rating")
    raw_id_fields = ("response", "question", "choice")


@admin.register(models.Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ("subject", "adherent", "received_on", "channel", "cause", "status", "closed_on")
    list_filter = ("status", "cause", "channel", "is_non_conformity")
    raw_id_fields = ("adherent", "handled_by")
    search_fields = ("subject", "description")


@admin.register(models.StaffNote)
class StaffNoteAdmin(admin.ModelAdmin):
    list_display = ("adherent", "author", "created_at")
    raw_id_fields = ("adherent", "author")


@admin.register(models.MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ("company_name", "service", "status", "applicant", "submitted_at")
    list_filter = ("status", "applicant", "service")
    search_fields = ("company_name", "siret", "contact_email")
    raw_id_fields = ("adherent", "reviewed_by")
