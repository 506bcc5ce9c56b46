"""Calls for applications.

Public pages (no account): the call, its application form, the private link of an
application. They show the call and the visitor's own application, nothing else.
Staff pages: the programme's managers run the call; the selection committee reads and
scores the submitted applications. Others get a 404.

A package by topic; every name stays importable from here."""

from ._common import (  # noqa: F401
    PRIVATE_LINK_RATE,
    PUBLIC_FORM_RATE,
    _private_headers,
)
from .applications import (  # noqa: F401
    _application_page,
    _score_form,
    application_complement,
    application_detail,
    application_eligibility,
    application_pdf,
    application_score,
)
from .calls import (  # noqa: F401
    _call_form_view,
    _criteria_formsets,
    call_create,
    call_detail,
    call_edit,
    call_list,
    call_publish,
)
from .public import (  # noqa: F401
    _application_submitted_view,
    _render_application_form,
    application_edit,
    apply,
    public_call,
)
from .selection import (  # noqa: F401
    _posted_version,
    _render_selection,
    call_selection,
    call_selection_pdf,
    call_selection_reopen,
)
