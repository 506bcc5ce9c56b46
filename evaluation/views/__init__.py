"""evaluation/views: a package by topic."""

from ._common import (  # noqa: F401
    ACTION_RELATED,
    APPROACH_TOKEN,
    PROGRAMME_RELATED,
    _filters,
    _in_french,
)
from .approach import (  # noqa: F401
    approach_entry_add,
    assessment_edit,
)
from .dashboards import (  # noqa: F401
    EXPORT_HEADERS,
    action_dashboard,
    action_report,
    dashboard_index,
    measurements_export,
    programme_dashboard,
    programme_synthesis,
)
from .indicators import (  # noqa: F401
    _month_rows_have_errors,
    _scope_from_request,
    _show_month_conflicts,
    indicator_compute,
    indicator_create,
    indicator_detail,
    indicator_edit,
    indicator_list,
    measurement_add,
    measurement_edit,
    monthly_entry,
)
