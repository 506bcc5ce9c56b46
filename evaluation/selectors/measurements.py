"""Selectors of evaluation: measurements"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from actions.models import CollectiveAction, Programme
from core.types import Viewer

from .. import access
from ..models import Indicator, Measurement


def measurements_for_export(
    user: Viewer,
    *,
    programme: Programme | None = None,
    action: CollectiveAction | None = None,
    indicator: Indicator | None = None,
) -> QuerySet[Measurement]:
    qs = access.measurements_visible_to(user).select_related(
        "indicator__programme", "indicator__action__programme", "indicator__service", "entered_by"
    )
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    if action is not None:
        qs = qs.filter(indicator__action=action)
    if programme is not None:
        qs = qs.filter(Q(indicator__programme=programme) | Q(indicator__action__programme=programme))
    return qs.order_by("indicator__name", "indicator_id", "period")


def budget_totals(actions: Iterable[CollectiveAction]) -> dict[str, Decimal | None]:
    return CollectiveAction.objects.filter(pk__in=[a.pk for a in actions]).aggregate(
        min=Sum("budget_min_keur"), max=Sum("budget_max_keur")
    )
