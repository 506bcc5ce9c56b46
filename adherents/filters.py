import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Adherent, HealthUnit, Sector, StepInstance


class AdherentFilter(django_filters.FilterSet):
    """The staff list's filters; the dropdowns list only the user's service's sectors and USTs."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.none(), empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("UST"), queryset=HealthUnit.objects.none(), empty_label=_("All")
    )
    situation = django_filters.ChoiceFilter(
        label=_("Situation"),
        method="filter_situation",
        empty_label=_("All"),
        choices=[
            ("late", _("A step is late")),
            ("not_contacted", _("Not yet contacted")),
            ("unreachable", _("Unreachable")),
        ],
    )
    accounting_firm = django_filters.BooleanFilter(
        label=_("Accounting firm"),
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Handled by a firm")), ("false", _("Not by a firm"))]
        ),
    )

    class Meta:
        model = Adherent
        fields = ["q", "sector", "unit", "situation", "accounting_firm"]

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if services is not None:
            self.filters["sector"].queryset = Sector.objects.filter(service__in=services)
            self.filters["unit"].queryset = HealthUnit.objects.filter(service__in=services)
        for field in self.form.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(organisation__name__icontains=value)
            | Q(sign_name__icontains=value)
            | Q(membership_number__icontains=value)
            | Q(organisation__siret__icontains=value.replace(" ", ""))
            | Q(organisation__city__icontains=value)
        )

    def filter_situation(self, queryset, name, value):
        if value == "late":
            late = StepInstance.objects.filter(completed_on__isnull=True, due_on__lt=timezone.localdate())
            return queryset.filter(pk__in=late.values("adherent"))
        if value == "not_contacted":
            return queryset.filter(first_reached_at__isnull=True, left_on__isnull=True)
        if value == "unreachable":
            return queryset.filter(unreachable=True)
        return queryset
