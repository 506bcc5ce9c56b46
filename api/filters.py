"""The API's filters, as on the pages; a value that cannot be read answers 400 (never 500)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from actions.models import CollectiveAction
from actions.phases import PHASES
from evaluation.models import Indicator, Measurement


class ActionFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme_id", label=_("Programme id."))
    phase = django_filters.TypedChoiceFilter(
        field_name="current_phase_number",
        choices=[(p.number, str(p.number)) for p in PHASES],
        coerce=int,
        label=_("Number of the current phase (1 to 7)."),
    )
    status = django_filters.ChoiceFilter(choices=CollectiveAction.Status.choices, label=_("Status."))
    theme = django_filters.CharFilter(field_name="themes__code", label=_("Code of a QVT theme."))
    territory = django_filters.CharFilter(field_name="territory", label=_("Territory, exactly as written."))
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed since (ISO 8601 date and time)."),
    )

    class Meta:
        model = CollectiveAction
        fields = ["programme", "phase", "status", "theme", "territory", "updated_since"]


class IndicatorFilter(django_filters.FilterSet):
    """`period_from` / `period_to` bound the measurements listed with each indicator."""

    programme = django_filters.NumberFilter(field_name="programme_id", label=_("Programme id."))
    action = django_filters.NumberFilter(field_name="action_id", label=_("Action id."))
    kind = django_filters.ChoiceFilter(choices=Indicator.Kind.choices, label=_("Kind."))
    periodicity = django_filters.ChoiceFilter(
        choices=Indicator._meta.get_field("periodicity").choices,
        label=_("Periodicity."),
    )
    period_from = django_filters.DateFilter(
        method="keep", label=_("Measurements from this period on (YYYY-MM-DD).")
    )
    period_to = django_filters.DateFilter(
        method="keep", label=_("Measurements up to this period (YYYY-MM-DD).")
    )

    class Meta:
        model = Indicator
        fields = ["programme", "action", "kind", "periodicity", "period_from", "period_to"]

    def keep(self, queryset, name, value):
        return queryset  # applied to the measurements in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        measurements = Measurement.objects.order_by("period")
        if self.form.cleaned_data.get("period_from"):
            measurements = measurements.filter(period__gte=self.form.cleaned_data["period_from"])
        if self.form.cleaned_data.get("period_to"):
            measurements = measurements.filter(period__lte=self.form.cleaned_data["period_to"])
        return queryset.prefetch_related(Prefetch("measurements", queryset=measurements))
