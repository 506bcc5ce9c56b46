"""The views of governance, by topic; `urls.py` imports them from here."""

from .agenda import (  # noqa: F401
    agenda_item_action,
    agenda_item_add,
    agenda_item_edit,
)
from .attendance import (  # noqa: F401
    attendance_edit,
    guest_add,
)
from .committees import (  # noqa: F401
    committee_create,
    committee_detail,
    committee_edit,
    committee_list,
    composition_rule_edit,
    membership_add,
    membership_edit,
    membership_end,
)
from .decisions import (  # noqa: F401
    decision_add,
    decision_delete,
    decision_register,
    followup_add,
    followup_board,
    followup_edit,
)
from .histories import (  # noqa: F401
    decision_history,
    decision_restore,
    minutes_history,
    minutes_restore,
)
from .meetings import (  # noqa: F401
    attendance_invite,
    committee_register_pdf,
    meeting_cancel,
    meeting_convene,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_held,
    meeting_ics,
    meeting_pdf,
    meeting_series,
)
from .minutes import (  # noqa: F401
    minutes_approve,
    minutes_circulate,
    minutes_correct,
    minutes_edit,
    minutes_version,
)
from .planning import (  # noqa: F401
    calendar_feed,
    calendar_token,
    calendar_view,
    programme_plan,
)
