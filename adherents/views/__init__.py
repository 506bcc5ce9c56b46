"""Thin views: fetch through core's lookup from `adherents.access` (404 outside the user's
reach, 403 seen but not allowed), validate a form, call one service, redirect with a French message.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    _posted,
    _staff_only,
)
from .applications import (  # noqa: F401
    APPLICATIONS_RATE,
    application_detail,
    application_list,
    membership_apply,
    membership_apply_thanks,
)
from .complaints import (  # noqa: F401
    _complaint_page,
    complaint_create,
    complaint_edit,
    complaint_list,
)
from .members import (  # noqa: F401
    adherent_detail,
    adherent_edit,
    adherent_list,
    contact_create,
    note_create,
    step_complete,
    step_reopen,
)
from .portal import (  # noqa: F401
    portal_contacts,
    portal_home,
    portal_restitution_pdf,
    portal_survey,
)
from .surveys import (  # noqa: F401
    survey_list,
    survey_record,
    survey_results,
    survey_results_pdf,
    survey_results_xlsx,
)
from .visits import (  # noqa: F401
    _action_page,
    _work_unit_page,
    action_create,
    action_edit,
    restitution_sent,
    visit_create,
    visit_detail,
    visit_document,
    visit_edit,
    visit_photo,
    work_unit_create,
    work_unit_edit,
)
