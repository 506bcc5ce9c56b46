"""Views of evaluation: what several topics share."""

from __future__ import annotations

from dataclasses import replace as dataclass_replace
from decimal import Decimal

from core.conflicts import EditConflict

from .. import selectors
from ..forms import DashboardFilterForm
from ..models import Indicator, format_number

#: What the dashboards and reports show of a programme or an action.
PROGRAMME_RELATED = ("porteur",)


ACTION_RELATED = ("programme", "porteur")


def _filters(request, territories=(), with_actions_filters=True):
    form = DashboardFilterForm(
        request.GET or None, territories=territories, with_actions_filters=with_actions_filters
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.DashboardFilters(
        start=data.get("start"),
        end=data.get("end"),
        territory=data.get("territory") or "",
        theme=data["theme"].pk if data.get("theme") else None,
    )
    return form, filters


#: Stands for the approach form's one-time token in the cached body of the action dashboard.
APPROACH_TOKEN = "approach-form-token-of-the-answer-7d2b"


def _in_french(conflict: EditConflict, indicator: Indicator | None = None) -> EditConflict:
    """The numbers of a conflict as the pages write them (« 12,5 », a measurement with its unit)."""
    conflict.fields = [
        dataclass_replace(
            item,
            theirs_display=indicator.format_value(item.theirs)
            if indicator is not None and item.name == "value"
            else format_number(item.theirs),
        )
        if isinstance(item.theirs, Decimal)
        else item
        for item in conflict.fields
    ]
    return conflict
