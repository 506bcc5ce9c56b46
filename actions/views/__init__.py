"""Programme and action pages.

Who sees what: an action's team and its programme's managers edit it; readers granted
by other apps (committee members through governance) read it; anybody else gets a
404. A reader who posts gets a 403.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    PAGE_SIZE,
    line_changes,
)
from .actions import (  # noqa: F401
    _fiche_formsets,
    action_create,
    action_detail,
    action_edit,
    action_fiche_pdf,
    action_follow,
    action_history,
    action_list,
    action_restore,
    programme_recap_pdf,
)
from .deliverables import (  # noqa: F401
    _deliverable,
    _deliverable_page,
    _hides_status_forms,
    deliverable_create,
    deliverable_detail,
    deliverable_download,
    deliverable_edit,
    deliverable_publish,
    deliverable_status,
    deliverable_upload,
    deliverable_validate,
)
from .participations import (  # noqa: F401
    participation_create,
    participation_edit,
    participation_import,
    participation_list,
    participation_template,
)
from .phases import (  # noqa: F401
    _move_back,
    _move_forward,
    _posted_reason,
    action_close,
    action_reopen,
    phase_advance,
    phase_edit,
    phase_reopen,
)
from .programmes import (  # noqa: F401
    _programme_formsets,
    programme_create,
    programme_detail,
    programme_edit,
    programme_list,
    programme_matrix,
    programme_recap,
)
