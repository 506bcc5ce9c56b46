"""Filters of the follow-up board, the decision register and the committee list."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Committee, Decision, FollowUpItem


def _bootstrap(form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class BootstrapFilterSet(django_filters.FilterSet):
    @property
    def form(self):
        form = super().form
        _bootstrap(form)
        return form


class CommitteeFilter(BootstrapFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Committee.Kind.choices, empty_label=_("All"))

    class Meta:
        model = Committee
        fields = ["kind"]


class FollowUpFilter(BootstrapFilterSet):
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"),
        field_name="decision__meeting__committee",
        queryset=Committee.objects.none(),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=FollowUpItem.Status.choices, empty_label=_("All")
    )
    mine = django_filters.BooleanFilter(
        label=_("Only mine"),
        method="filter_mine",
        widget=forms.CheckboxInput,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue"), method="filter_overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = FollowUpItem
        fields = ["committee", "status"]

    def __init__(self, *args, user, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["committee"].queryset = committees

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner__user=self.user) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=FollowUpItem.OPEN_STATUSES, due_date__lt=timezone.localdate())


class DecisionFilter(BootstrapFilterSet):
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"),
        field_name="meeting__committee",
        queryset=Committee.objects.none(),
        empty_label=_("All"),
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Decision
        fields = ["committee"]

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["committee"].queryset = committees

    def search(self, queryset, name, value):
        return queryset.filter(Q(text__icontains=value) | Q(followups__title__icontains=value)).distinct()
