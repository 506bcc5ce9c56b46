"""Writes of the evaluation: indicators, measurements (manual and computed), the approach of an action.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    HISTORY_MAX_PERIODS,
    HISTORY_YEARS,
    INDICATOR_FIELDS,
    _action_indicators,
    _backfill_safely,
    history_start,
    indicator_backfill,
    indicator_compute,
    indicator_compute_now,
    logger,
)
from .approach import (  # noqa: F401
    approach_entry_add,
    assessment_update,
)
from .closing import (  # noqa: F401
    indicators_freeze,
    indicators_thaw,
)
from .computed import (  # noqa: F401
    compute_all_indicators,
    computed_refresh,
)
from .indicators import (  # noqa: F401
    _validate_computation,
    indicator_create,
    indicator_update,
    target_steps_set,
)
from .measurements import (  # noqa: F401
    MonthEntryResult,
    _month_values,
    duplicate_message,
    measurement_check,
    measurement_record,
    measurement_update,
    measurements_enter_month,
    measurements_record_many,
)
