"""The action list's filters; every dropdown lists only what the user may see."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Person

from .models import CollectiveAction, Programme, QvtTheme
from .phases import PHASES


class SearchInput(forms.TextInput):
    input_type = "search"


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=SearchInput(attrs={"placeholder": _("Code, title, needs, description")}),
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=_("All")
    )
    phase = django_filters.ChoiceFilter(
        label=_("Phase"),
        field_name="current_phase_number",
        choices=[(p.number, f"{p.number}. {p.name}") for p in PHASES],
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CollectiveAction.Status.choices, empty_label=_("All")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=QvtTheme.objects.all(), empty_label=_("All")
    )
    territory = django_filters.ChoiceFilter(label=_("Territory"), choices=[], empty_label=_("All"))
    porteur = django_filters.ModelChoiceFilter(
        label=_("Porteur"), queryset=Organisation.objects.none(), empty_label=_("All")
    )
    pilot = django_filters.ModelChoiceFilter(
        label=_("Pilot"), queryset=Person.objects.none(), method="filter_pilot", empty_label=_("All")
    )
    tri = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("code", "code"),
            ("title", "titre"),
            ("programme__name", "programme"),
            ("current_phase_number", "phase"),
            ("status", "statut"),
            ("pertinence", "pertinence"),
            ("feasibility", "faisabilite"),
            ("budget_max_keur", "budget"),
            ("updated_at", "modification"),
        ),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = CollectiveAction
        fields = ["q", "programme", "phase", "status", "theme", "territory", "porteur", "pilot"]

    def __init__(self, *args, visible=None, **kwargs):
        super().__init__(*args, **kwargs)
        visible = visible if visible is not None else CollectiveAction.objects.none()
        ids = visible.values("pk")
        self.filters["programme"].queryset = (
            Programme.objects.filter(actions__in=ids).distinct().order_by("name")
        )
        self.filters["porteur"].queryset = (
            Organisation.objects.filter(actions_carried__in=ids).distinct().order_by("name")
        )
        self.filters["pilot"].queryset = (
            Person.objects.filter(action_roles__action__in=ids, action_roles__role="pilote")
            .distinct()
            .order_by("last_name", "first_name")
        )
        territories = (
            CollectiveAction.objects.filter(pk__in=ids)
            .exclude(territory="")
            .order_by("territory")
            .values_list("territory", flat=True)
            .distinct()
        )
        self.filters["territory"].extra["choices"] = [(t, t) for t in territories]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value)
            | Q(title__icontains=value)
            | Q(needs__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_pilot(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            pk__in=CollectiveAction.objects.filter(team__person=value, team__role="pilote").values("pk")
        )

    def filter_queryset(self, queryset):
        # themes is a many-to-many: keep each action once, and a stable order for paging.
        queryset = super().filter_queryset(queryset).distinct()
        ordering = list(queryset.query.order_by) or ["programme__name", "code"]
        return queryset.order_by(*ordering, "pk")
