"""The filters of the log of who read member files."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation

from .models import ReadKind, ReadLogEntry


class ReadLogFilter(django_filters.FilterSet):
    company = django_filters.CharFilter(label=_("Member company or file number"), method="filter_company")
    reader = django_filters.CharFilter(label=_("Read by"), method="filter_reader")
    kind = django_filters.ChoiceFilter(label=_("What"), choices=ReadKind.choices, empty_label=_("All"))
    service = django_filters.ModelChoiceFilter(
        label=_("Service"), queryset=Organisation.objects.none(), empty_label=_("All")
    )
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="read_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("To"),
        field_name="read_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ReadLogEntry
        fields = ["company", "reader", "kind", "service", "since", "until"]

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        if services is None:  # one service only: nothing to choose
            del self.filters["service"]
        else:
            self.filters["service"].queryset = services
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    def filter_company(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():  # a file's number (the link from a member file)
            return queryset.filter(member_file_id=int(value))
        return queryset.filter(subject__icontains=value)

    def filter_reader(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= (
                Q(reader__first_name__icontains=word)
                | Q(reader__last_name__icontains=word)
                | Q(reader__username__icontains=word)
            )
        return queryset.filter(query)
