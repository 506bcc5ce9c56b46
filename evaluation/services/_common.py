"""Services of evaluation: what several topics share"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.history import records_actor
from core.types import Actor

from .. import computed
from ..models import Indicator, Measurement
from ..periods import add_periods, last_closed_period, period_end, period_start, periods_between

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from actions.models import CollectiveAction, Programme


# What the indicator services accept from a form or an import (the rest is set by the services).
INDICATOR_FIELDS = frozenset(
    {
        "baseline",
        "baseline_date",
        "computation",
        "computation_params",
        "definition",
        "direction",
        "evaluation",
        "is_active",
        "kind",
        "name",
        "periodicity",
        "scale_max",
        "source",
        "target",
        "target_date",
        "unit",
    }
)


@records_actor
def indicator_compute(*, indicator: Indicator, period: date, by: User | None) -> Measurement | None:
    """Record (or refresh) the computed value of one period; None when there is nothing to measure."""
    entry = computed.get(indicator.computation)
    if entry is None or not entry.available():
        return None
    start = period_start(period, indicator.periodicity)
    value = entry.compute(indicator, start, period_end(start, indicator.periodicity))
    if value is None:
        return None
    indicator.validate_value(value)
    with transaction.atomic():
        measurement, created = Measurement.objects.select_for_update().get_or_create(
            indicator=indicator,
            period=start,
            defaults={"value": value, "is_computed": True, "source": str(entry.label)},
        )
        if not created and measurement.value != value:
            measurement.value = value
            measurement.is_computed = True
            measurement.save(update_fields=["value", "is_computed", "updated_at"])
    return measurement


@records_actor
def indicator_compute_now(
    *, indicator: Indicator, by: User | None, today: date | None = None
) -> list[Measurement]:
    """The current period (value so far) and the last closed one, as the nightly task does."""
    today = today or timezone.localdate()
    results = []
    for period in (
        last_closed_period(today, indicator.periodicity),
        period_start(today, indicator.periodicity),
    ):
        measurement = indicator_compute(indicator=indicator, period=period, by=by)
        if measurement is not None:
            results.append(measurement)
    return results


#: How far back a computed indicator's history goes when nothing dates its start.
HISTORY_YEARS = 6


HISTORY_MAX_PERIODS = 72


def history_start(indicator: Indicator, today: date) -> date:
    """Where a computed indicator's history starts: its baseline date, or else the start of its
    action or programme; a committee's or a service's indicator reads all their data of the last
    6 years (a committee may have met before its programme started). 72 periods at most."""
    scope_start = None
    if indicator.action_id:
        scope_start = cast("CollectiveAction", indicator.action).start_date
    elif indicator.programme_id:
        scope_start = cast("Programme", indicator.programme).start_date
    start = indicator.baseline_date or scope_start or date(today.year - HISTORY_YEARS, 1, 1)
    oldest = add_periods(
        period_start(today, indicator.periodicity), indicator.periodicity, -(HISTORY_MAX_PERIODS - 1)
    )
    return min(max(start, oldest), today)


@records_actor
def indicator_backfill(*, indicator: Indicator, by: User | None, today: date | None = None) -> int:
    """Every period of a computed indicator, from `history_start` to the current one: the values
    wherever the data exist. Returns the values recorded."""
    today = today or timezone.localdate()
    count = 0
    for period in periods_between(history_start(indicator, today), today, indicator.periodicity):
        if indicator_compute(indicator=indicator, period=period, by=by) is not None:
            count += 1
    return count


def _backfill_safely(indicator_id: int, *, by: Actor) -> None:
    indicator = Indicator.objects.filter(pk=indicator_id, is_active=True, frozen_on__isnull=True).first()
    if indicator is None or not indicator.is_computed:
        return
    try:
        indicator_backfill(indicator=indicator, by=by)
    except (ValidationError, ArithmeticError):
        logger.exception("Computed indicator %s could not be measured", indicator_id)


def _action_indicators(action: CollectiveAction) -> QuerySet[Indicator]:
    return Indicator.objects.filter(Q(action=action) | Q(committee__action=action))
