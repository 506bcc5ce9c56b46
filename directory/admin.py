"""The Django admin of the directory: where administrators change the data that decides access.

Correcting a member contact's company, a staff member's service, a role, an account or the kind
of a service is an administrator's explicit act: it happens here, and every save goes through
`directory.services` like any other, so the history names the administrator and, for an access
change, says so — and the services concerned are told (`directory.signals.person_access_changed`).
"""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Organisation, Person


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ("first_name", "last_name", "function", "email", "phone", "college", "role")
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "acronym", "kind", "siret", "headcount", "sector", "territory")
    list_filter = ("kind", "territory")
    search_fields = ("name", "acronym", "siret", "city")
    inlines = [PersonInline]

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj, by=request.user)

    def delete_model(self, request, obj):
        services.organisation_delete(organisation=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for organisation in queryset:
            services.organisation_delete(organisation=organisation, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Person:
            return super().save_formset(request, form, formset, change)
        people = formset.save(commit=False)
        for person in formset.deleted_objects:
            person.delete()
        for person in people:
            services.person_save(person=person, by=request.user)
        formset.save_m2m()


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "organisation", "function", "college", "role", "user")
    list_filter = ("role", "college", "organisation__kind")
    search_fields = ("last_name", "first_name", "email", "organisation__name")
    autocomplete_fields = ("organisation", "user")
    list_select_related = ("organisation", "user")

    def save_model(self, request, obj, form, change):
        services.person_save(person=obj, by=request.user)
