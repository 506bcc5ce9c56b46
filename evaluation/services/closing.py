"""Services of evaluation: closing"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import records_actor

from ..models import Indicator
from ._common import _action_indicators, _backfill_safely, indicator_compute_now, logger

if TYPE_CHECKING:
    from actions.models import CollectiveAction


#: What freezing an indicator at the close of its action writes, and what thawing it clears.
FROZEN_FIELDS = ["frozen_on", "final_value", "final_period", "final_state", "final_progress", "updated_at"]


@records_actor
@transaction.atomic
def indicators_freeze(*, action: CollectiveAction, by: User | None, on: date | None = None) -> int:
    """Store the final value, state and progress of the action's indicators, as they stand on `on`
    (the closing day): shown as « Valeur finale au … », never « en retard » afterwards."""
    from ..selectors import indicator_states
    from ..status import frozen

    on = on or timezone.localdate()
    computed_ids = list(
        _action_indicators(action).exclude(computation="").filter(is_active=True).values_list("pk", flat=True)
    )
    for indicator in Indicator.objects.filter(pk__in=computed_ids).select_related("action", "committee"):
        try:
            indicator_compute_now(indicator=indicator, today=on, by=by)
        except (ValidationError, ArithmeticError):
            logger.exception("Computed indicator %s could not be measured", indicator.pk)
    # The values of the periods started by the closing day (a later one is not part of the action).
    states = indicator_states(_action_indicators(action).filter(frozen_on__isnull=True), until=on, today=on)
    for s in states:
        indicator = s.indicator
        trajectory = indicator.trajectory(
            intermediate=s.steps, first_period=getattr(indicator, "first_period", None)
        )
        annotated: Any = indicator  # its values, from `indicator_states`
        if trajectory.origin_value is None and annotated.first_value is not None:
            trajectory = replace(trajectory, origin_value=annotated.first_value)
        final = frozen(trajectory, s.value, s.period, on)
        indicator.frozen_on = on
        indicator.final_value = s.value
        indicator.final_period = s.period
        indicator.final_state = final.state
        indicator.final_progress = final.progress
        indicator.save(update_fields=FROZEN_FIELDS)
    return len(states)


@records_actor
@transaction.atomic
def indicators_thaw(*, action: CollectiveAction, by: User | None) -> int:
    """The action reopened: its indicators follow their data again."""
    count = 0
    for indicator in _action_indicators(action).filter(frozen_on__isnull=False):
        indicator.frozen_on = indicator.final_period = indicator.final_value = indicator.final_progress = None
        indicator.final_state = ""
        indicator.save(update_fields=FROZEN_FIELDS)
        count += 1
    for indicator in _action_indicators(action).exclude(computation="").filter(is_active=True):
        transaction.on_commit(cast(Callable[[], None], lambda pk=indicator.pk: _backfill_safely(pk, by=by)))
    return count
