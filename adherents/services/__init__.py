"""Writes on member files: each function validates, saves in one transaction and
schedules its side effects (e-mails) after the commit.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    _due_dates,
    _open_step_of_kind,
    _reschedule,
    default_template,
    step_complete,
    step_delay,
    trajectory_start,
)
from .applications import (  # noqa: F401
    _next_membership_number,
    application_acknowledgement_queue,
    application_reject,
    application_submit,
    application_validate,
)
from .complaints import (  # noqa: F401
    _complaint_saved,
    complaint_save,
)
from .members import (  # noqa: F401
    adherent_update,
    contact_log,
    portal_contacts_update,
    staff_note_add,
    step_reopen,
)
from .surveys import (  # noqa: F401
    _answer_rows,
    survey_response_record,
)
from .visits import (  # noqa: F401
    _hazard_key,
    _hazards_checked,
    _hazards_display,
    action_item_save,
    restitution_issue,
    restitution_mark_sent,
    visit_save,
    work_unit_save,
)
