from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

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


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "organisation", "function", "college", "role", "user")
    list_filter = ("role", "college", "organisation__kind")
    search_fields = ("last_name", "first_name", "email", "organisation__name")
    autocomplete_fields = ("organisation", "user")
    list_select_related = ("organisation", "user")
