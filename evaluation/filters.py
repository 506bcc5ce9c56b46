import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actions.access import programmes_visible_to
from actions.models import Programme

from .models import Indicator


def _programmes(request):
    """The programmes the user reads: a filter offers nothing they may not see."""
    if request is None:
        return Programme.objects.none()
    return programmes_visible_to(request.user).order_by("name")


class IndicatorFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name contains"), lookup_expr="icontains")
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=_programmes, method="filter_programme", empty_label=_("All programmes")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Indicator.Kind.choices, empty_label=_("All kinds")
    )
    evaluation = django_filters.ChoiceFilter(
        label=_("Evaluation"), choices=Indicator.Evaluation.choices, empty_label=_("Internal and external")
    )
    computed = django_filters.BooleanFilter(label=_("Computed from the data"), method="filter_computed")

    class Meta:
        model = Indicator
        fields = ["name", "programme", "kind", "evaluation"]

    def filter_programme(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(programme=value) | Q(action__programme=value))

    def filter_computed(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(computation="") if value else queryset.filter(computation="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = hasattr(field.widget, "choices")
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if is_select else "form-control form-control-sm"
            )
