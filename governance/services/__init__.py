"""Writes on governance: each service validates, saves in one transaction and keeps history.

Business errors are raised as `ValidationError` with a French message that the views
show next to the form.
"""

from ..quorum import CollegeQuorum, Quorum, quorum_of
from .agenda import (
    agenda_item_add,
    agenda_item_carry,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    next_meeting,
)
from .attendance import (
    attendance_add_guest,
    attendance_all_present,
    attendance_invite_members,
    attendance_record,
)
from .calendar import calendar_token_get_or_create, calendar_token_revoke
from .circulation import (
    AlreadyCirculated,
    Recipient,
    minutes_circulate,
    minutes_circulation_record,
    minutes_recipients,
)
from .committees import (
    CompositionCheck,
    committee_create,
    committee_quorum_set,
    committee_rules_set,
    committee_update,
    composition_check,
    composition_rule_set,
    membership_add,
    membership_end,
    membership_update,
)
from .decisions import (
    decision_delete,
    decision_record,
    decision_text_restore,
    decisions_closed_reason,
    followup_create,
    followup_update,
)
from .meetings import (
    ConvocationResult,
    _invite_members,
    meeting_cancel,
    meeting_convene,
    meeting_create,
    meeting_mark_held,
    meeting_quorum,
    meeting_series_plan,
    meeting_update,
)
from .minutes import (
    current_minutes,
    minutes_approve,
    minutes_correct,
    minutes_item_versions,
    minutes_save,
    minutes_text_restore,
)

__all__ = [
    "AlreadyCirculated",
    "CollegeQuorum",
    "CompositionCheck",
    "ConvocationResult",
    "Quorum",
    "Recipient",
    "_invite_members",
    "agenda_item_add",
    "agenda_item_carry",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "attendance_add_guest",
    "attendance_all_present",
    "attendance_invite_members",
    "attendance_record",
    "calendar_token_get_or_create",
    "calendar_token_revoke",
    "committee_create",
    "committee_quorum_set",
    "committee_rules_set",
    "committee_update",
    "composition_check",
    "composition_rule_set",
    "current_minutes",
    "decision_delete",
    "decision_record",
    "decision_text_restore",
    "decisions_closed_reason",
    "followup_create",
    "followup_update",
    "meeting_cancel",
    "meeting_convene",
    "meeting_create",
    "meeting_mark_held",
    "meeting_quorum",
    "meeting_series_plan",
    "meeting_update",
    "membership_add",
    "membership_end",
    "membership_update",
    "minutes_approve",
    "minutes_circulate",
    "minutes_circulation_record",
    "minutes_correct",
    "minutes_item_versions",
    "minutes_recipients",
    "minutes_save",
    "minutes_text_restore",
    "next_meeting",
    "quorum_of",
]
