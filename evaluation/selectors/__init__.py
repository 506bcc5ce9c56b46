"""Reads of the evaluation: the shaping of what `evaluation.access` lets the user see —
indicators with their latest state, the dashboards.

Every dashboard is built with a fixed number of queries whatever the number of actions,
indicators and measurements: the latest, previous and first values of each indicator
come as subqueries of one indicator query (served by the (indicator, -period) index),
the series of the charted indicators in one more, and counts are aggregated in SQL.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    LATE_DELIVERABLES_SHOWN,
    NEXT_MEETINGS_SHOWN,
    SERIES_PERIODS,
    DashboardFilters,
    IndicatorState,
    _percent_text,
    actions_for_user,
    governance_section,
    indicator_state,
    indicator_states,
    series_for,
    state_counts,
    with_latest_values,
)
from .action import (  # noqa: F401
    ActionDashboard,
    PhaseRow,
    _delay,
    action_dashboard,
)
from .measurements import (  # noqa: F401
    budget_totals,
    measurements_for_export,
)
from .programme import (  # noqa: F401
    ActionRow,
    ProgrammeDashboard,
    programme_dashboard,
)
from .states import (  # noqa: F401
    FINISHED_ACTION_STATUSES,
    INDICATOR_RELATED,
    enterable_indicators,
    indicators_for_user,
    indicators_to_fill,
    programmes_for_user,
)
