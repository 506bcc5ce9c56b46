"""Writes on programmes, actions, phases, deliverables and participations.

Each service validates, saves in one transaction (history is kept by
django-simple-history) and schedules side effects with `transaction.on_commit`.
Access is checked by the views, which call these with the acting user in `by`.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    DEPLOYMENT_WEIGHTS,
    PREPARATION_WEIGHTS,
    LineChanges,
    _action_audience,
    _tell_the_team,
)
from .actions import (  # noqa: F401
    FICHE_TEXT_FIELDS,
    action_create,
    action_fiche_save,
    action_text_restore,
    action_update,
    planned_phase_dates,
)
from .closing import (  # noqa: F401
    action_close,
    action_reopen,
)
from .deliverables import (  # noqa: F401
    action_follow,
    deliverable_create,
    deliverable_publish,
    deliverable_set_status,
    deliverable_update,
    deliverable_upload,
    deliverable_validate,
    success_condition_delete,
    success_condition_save,
    success_conditions_renumber,
)
from .participations import (  # noqa: F401
    _IMPORT_TEXT_LIMITS,
    DATE_COLUMNS,
    IMPORT_COLUMN_LABELS,
    IMPORT_COLUMNS,
    _parse_date,
    _status_from_label,
    participation_import,
    participation_save,
)
from .phases import (  # noqa: F401
    AlreadyMoved,
    _check_deliverables,
    _missing_required,
    _refuse_if_not_movable,
    _refuse_if_stale,
    _written_reason,
    back_blocker,
    forward_blocker,
    phase_advance,
    phase_reopen,
    phase_update,
    reopen_blocker,
)
from .programmes import (  # noqa: F401
    programme_axis_delete,
    programme_axis_save,
    programme_create,
    programme_step_delete,
    programme_step_save,
    programme_update,
)
