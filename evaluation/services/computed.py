"""Services of evaluation: computed"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q

from core.history import records_actor

from ..models import Indicator
from ._common import indicator_backfill, indicator_compute_now, logger


@records_actor
def compute_all_indicators(*, by: User | None, today: date | None = None) -> int:
    """Every active computed indicator not frozen: its current and last closed periods (its whole
    history if it has no value yet). Returns the values recorded."""
    count = 0
    queryset = (
        Indicator.objects.filter(is_active=True, frozen_on__isnull=True)
        .exclude(computation="")
        .select_related("action__programme", "programme", "service")
    )
    for indicator in queryset:
        try:
            if indicator.measurements.exists():
                count += len(indicator_compute_now(indicator=indicator, today=today, by=by))
            else:  # never measured (created before its history was computed): every period
                count += indicator_backfill(indicator=indicator, today=today, by=by)
        except (ValidationError, ArithmeticError):
            # One indicator whose data cannot be measured must not stop the others.
            logger.exception("Computed indicator %s could not be measured", indicator.pk)
    return count


@records_actor
def computed_refresh(
    *,
    by: User | None,
    codes: Iterable[str] | None = None,
    action_ids: Iterable[int] | None = None,
    today: date | None = None,
) -> int:
    """The current and last closed periods of the active computed indicators (of `codes`, or all;
    of these actions and their programmes, or all), except frozen ones: what
    `evaluation.receivers` runs once the data they read have changed."""
    queryset = Indicator.objects.filter(is_active=True, frozen_on__isnull=True).exclude(computation="")
    if codes is not None:
        queryset = queryset.filter(computation__in=list(codes))
    if action_ids is not None:
        from actions.models import CollectiveAction

        programmes = CollectiveAction.objects.filter(pk__in=list(action_ids)).values("programme_id")
        queryset = queryset.filter(Q(action_id__in=list(action_ids)) | Q(programme_id__in=programmes))
    count = 0
    for indicator in queryset.select_related("action__programme", "programme", "service", "committee"):
        try:
            count += len(indicator_compute_now(indicator=indicator, today=today, by=by))
        except (ValidationError, ArithmeticError):
            logger.exception("Computed indicator %s could not be measured", indicator.pk)
    return count
