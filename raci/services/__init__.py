"""Writes on RACI matrices. Each one checks, saves in one transaction and records who did it.

Every change of content (a cell, a row, a column) brings a validated matrix back to
draft: « validée » is a statement about the content that was checked.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    INITIAL_CONTENT,
    SHIFTED,
    _content_changed,
    _with_user,
)
from .cells import (  # noqa: F401
    CellChange,
    Overwritten,
    _overwritten,
    cell_set,
    cell_toggle,
)
from .matrices import (  # noqa: F401
    ANNEXE2_FILE,
    ANNEXE2_SOURCE,
    ANNEXE2_TEMPLATES,
    _copy_content,
    annexe2_data,
    matrix_clone,
    matrix_create,
    matrix_create_from_data,
    matrix_delete,
    matrix_reopen,
    matrix_update,
    matrix_validate,
    templates_install,
)
from .rows import (  # noqa: F401
    _check_activity_version,
    _check_role_name,
    _move,
    _reorder,
    _shift_after,
    _workload_text,
    activity_delete,
    activity_move,
    activity_save,
    role_delete,
    role_move,
    role_save,
)
