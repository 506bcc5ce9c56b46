"""The directory's filters: what the list pages, the CSV and the PDF export share."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.collation import FrenchOrder

from .models import College, Organisation, Person


def _distinct_values(field: str) -> list[tuple[str, str]]:
    """Choices for a free-text field: the values actually used."""
    values = (
        Organisation.objects.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
    )
    return [(value, value) for value in values]


ALL = pgettext_lazy("filter choice", "All")
ALL_FEMININE = pgettext_lazy("filter choice, feminine", "All")
# Sorted without regard to case (« Anact » among the « A »), whatever the database.
TEXT_SORTS = {"name", "last_name", "first_name", "function", "organisation__name"}


class SearchInput(forms.TextInput):
    input_type = "search"


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=SearchInput(attrs={"placeholder": _("Name, acronym, SIRET or city")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices, empty_label=ALL)
    territory = django_filters.ChoiceFilter(label=_("Territory"), choices=[], empty_label=ALL)
    sector = django_filters.ChoiceFilter(label=_("Business sector"), choices=[], empty_label=ALL)
    tri = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name", "nom"),
            ("kind", "type"),
            ("territory", "territoire"),
            ("headcount", "effectif"),
            ("people_count", "personnes"),
        ),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "territory", "sector"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once per request (a callable would be re-run at validation and at rendering).
        for name in ("territory", "sector"):
            self.filters[name].extra["choices"] = _distinct_values(name)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value) | Q(acronym__icontains=value) | Q(city__icontains=value)
        compact = "".join(value.split())
        if compact.isdigit():
            condition |= Q(siret__contains=compact) | Q(postal_code__startswith=compact)
        return queryset.filter(condition)

    def filter_queryset(self, queryset):
        return ordered(super().filter_queryset(queryset), self, default="name")


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=SearchInput(attrs={"placeholder": _("Name, function, e-mail or organisation")}),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), empty_label=ALL_FEMININE
    )
    college = django_filters.ChoiceFilter(label=_("College"), choices=College.choices, empty_label=ALL)
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Person.Role.choices, empty_label=ALL)
    tri = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("last_name", "nom"),
            ("organisation__name", "organisation"),
            ("function", "fonction"),
            ("college", "college"),
        ),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Person
        fields = ["q", "organisation", "college", "role"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for word in value.split()[:5]:
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(function__icontains=word)
                | Q(email__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__acronym__icontains=word)
            )
        return queryset.filter(condition)

    def filter_queryset(self, queryset):
        return ordered(super().filter_queryset(queryset), self, default="last_name", then=["first_name"])


def ordered(queryset, filterset: django_filters.FilterSet, *, default: str, then=()):
    """Apply the column chosen in `tri` (validated by the OrderingFilter), then a stable tie-break
    so that pages never repeat or skip a row."""
    choice = next(iter(filterset.form.cleaned_data.get("tri") or []), "") or default
    field = filterset.filters["tri"].get_ordering_value(choice)
    descending = field.startswith("-")
    names = [field.lstrip("-"), *then]
    expressions = []
    for name in names:
        expression = FrenchOrder(name) if name in TEXT_SORTS else F(name)
        expressions.append(
            expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        )
    return queryset.order_by(*expressions, "pk")


def active_filters(filterset: django_filters.FilterSet) -> list[tuple[str, str]]:
    """(label, shown value) of each filter in use, for the export's heading."""
    shown = []
    if not filterset.is_bound:
        return shown
    filterset.form.is_valid()  # Invalid values are ignored by the list: they are not shown either.
    for name, value in filterset.form.cleaned_data.items():
        if name == "tri" or value in (None, "", []):
            continue
        field = filterset.form.fields[name]
        choices = dict(getattr(field, "choices", []) or [])
        display = choices.get(value, value) if not hasattr(value, "pk") else str(value)
        shown.append((str(field.label), str(display)))
    return shown
