"""Writes on calls and applications: each function validates, saves in one transaction,
and sends its e-mails once the transaction is committed.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    APPLICATION_FIELDS,
    REQUIRED_FIELDS,
    _copil_for,
    _list_conflict,
    _local,
    _mail,
    _organisation_for,
    _theirs,
    absolute,
    private_link,
    selection_errors,
)
from .applications import (  # noqa: F401
    _NULLABLE,
    _save_application,
    _set_application,
    _team_lines,
    _write_application,
    application_missing,
    application_save_draft,
    application_start,
    application_submit,
    complement_answer,
)
from .calls import (  # noqa: F401
    PriorityInput,
    _criteria_lines,
    call_publish,
    call_save,
)
from .instruction import (  # noqa: F401
    ScoreInput,
    _require_instructable,
    application_check_eligibility,
    complement_request,
    score_set,
    scores_set,
)
from .selection import (  # noqa: F401
    SelectionAlreadyDecided,
    SelectionChanged,
    SelectionLine,
    SelectionPlan,
    _carry_out,
    _plan_line,
    _previous_result,
    call_select,
    call_selection_reopen,
    decision_subject,
    selection_plan,
    selection_version,
)
