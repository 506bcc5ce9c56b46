"""Who may GET and POST each URL of `actions`, and how to reach it from the data set.

Actions, deliverables, participations, programmes.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Actions: the pilot of the action (its team) reads and writes; the committee member (member
  of the action's COPIL) reads, and gets 403 on writes; the pilot of another action and the
  service staff get 404.
- Programmes: read by who takes part in one of its actions (the other pilot runs an action in
  it) and by service staff; editing is for its managers (nobody but the admin here).
  Creating an action is for programme managers (admin here), others 403.
"""

from actions.models import ActionPhase, CollectiveAction
from tests.fuzz.entries import Entry, Page
from tests.permissions.helpers import ADMIN, PILOT, none, pk


def _programme_query(d):
    return f"?programme={d['programme'].pk}"


def _in_phase(number):
    """The action moved on to phase `number` (earlier phases done): the page shows its form."""

    def setup(d):
        action = d["action"]
        action.phases.filter(number__lt=number).update(status=ActionPhase.Status.DONE)
        action.phases.filter(number=number).update(status=ActionPhase.Status.IN_PROGRESS)
        action.phases.filter(number__gt=number).update(status=ActionPhase.Status.NOT_STARTED)
        CollectiveAction.objects.filter(pk=action.pk).update(current_phase_number=number)

    return setup


def _fiche_rewritten(d):
    """The fiche's texts changed since it was created: its first version can be restored."""
    from actions.services import action_update

    action_update(action=d["action"], by=None, needs="Besoins réécrits depuis la création")


def _closed(d):
    """The action was closed: the page reopening it shows its form."""
    _in_phase(7)(d)
    d["action"].phases.filter(number=7).update(status=ActionPhase.Status.DONE)
    CollectiveAction.objects.filter(pk=d["action"].pk).update(status=CollectiveAction.Status.CLOSED)


# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "actions:action_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "actions:action_create": ("  L 404 403 403 403 403 200", "  L 404 403 403 403 403 200"),
    "actions:action_detail": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "actions:action_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:action_history": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "actions:action_restore": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "actions:action_follow": ("  L 404 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "actions:phase_advance": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "actions:phase_reopen": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:action_close": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:action_reopen": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:phase_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "actions:action_fiche_pdf": ("  L 404 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "actions:deliverable_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:deliverable_detail": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "actions:deliverable_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:deliverable_upload": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "actions:deliverable_status": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "actions:deliverable_validate": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "actions:deliverable_publish": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "actions:deliverable_download": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "actions:participation_list": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "actions:participation_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:participation_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:participation_import": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:participation_template": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "actions:programme_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "actions:programme_create": ("  L 404 403 403 200 200 200", "  L 404 403 403 200 200 200"),
    "actions:programme_detail": ("  L 404 200 404 200 200 200", "  L 404 405 405 405 405 405"),
    "actions:programme_edit": ("  L 404 403 404 403 403 200", "  L 404 403 404 403 403 200"),
    "actions:programme_matrix": ("  L 404 200 404 200 200 200", "  L 404 405 405 405 405 405"),
    "actions:programme_recap": ("  L 404 200 404 200 200 200", "  L 404 405 405 405 405 405"),
    "actions:programme_recap_pdf": ("  L 404 405 405 405 405 405", "  L 404 302 404 302 302 302"),
}

KWARGS = {
    "actions:action_list": none,
    "actions:action_create": none,
    "actions:action_detail": pk("action"),
    "actions:action_edit": pk("action"),
    "actions:action_history": pk("action"),
    "actions:action_restore": lambda d: {
        "pk": d["action"].pk,
        "history_id": d["action"].history.earliest().history_id,
    },
    "actions:action_follow": pk("action"),
    "actions:phase_advance": pk("action"),
    "actions:phase_reopen": pk("action"),
    "actions:action_close": pk("action"),
    "actions:action_reopen": pk("action"),
    "actions:phase_edit": lambda d: {"pk": d["action"].pk, "number": 1},
    "actions:action_fiche_pdf": pk("action"),
    "actions:deliverable_create": pk("action"),
    "actions:deliverable_detail": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:deliverable_edit": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:deliverable_upload": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:deliverable_status": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:deliverable_validate": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:deliverable_publish": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:deliverable_download": lambda d: {"pk": d["action"].pk, "deliverable_pk": d["deliverable"].pk},
    "actions:participation_list": pk("action"),
    "actions:participation_create": pk("action"),
    "actions:participation_edit": lambda d: {"pk": d["action"].pk, "participation_pk": d["participation"].pk},
    "actions:participation_import": pk("action"),
    "actions:participation_template": pk("action"),
    "actions:programme_list": none,
    "actions:programme_create": none,
    "actions:programme_detail": pk("programme"),
    "actions:programme_edit": pk("programme"),
    "actions:programme_matrix": pk("programme"),
    "actions:programme_recap": pk("programme"),
    "actions:programme_recap_pdf": pk("programme"),
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "actions:action_create": Entry(ADMIN, Page(query=_programme_query)),
    "actions:action_edit": Entry(PILOT),
    "actions:action_restore": Entry(PILOT, setup=_fiche_rewritten),
    "actions:action_follow": Entry(PILOT, Page(host="actions:action_detail")),
    "actions:phase_advance": Entry(PILOT),
    "actions:phase_reopen": Entry(PILOT, setup=_in_phase(2)),
    "actions:action_close": Entry(PILOT, setup=_in_phase(7)),
    "actions:action_reopen": Entry(PILOT, setup=_closed),
    "actions:phase_edit": Entry(PILOT),
    "actions:action_fiche_pdf": Entry(PILOT, Page(host="actions:action_detail")),
    "actions:deliverable_create": Entry(PILOT),
    "actions:deliverable_edit": Entry(PILOT),
    "actions:deliverable_upload": Entry(PILOT, Page(host="actions:deliverable_detail")),
    "actions:deliverable_status": Entry(
        PILOT, Page(host="actions:deliverable_detail", context="status_form")
    ),
    "actions:deliverable_validate": Entry(
        PILOT, Page(host="actions:deliverable_detail", context="validate_form")
    ),
    "actions:deliverable_publish": Entry(PILOT, Page(host="actions:deliverable_detail")),
    "actions:participation_create": Entry(PILOT),
    "actions:participation_edit": Entry(PILOT),
    "actions:participation_import": Entry(PILOT),  # the file itself: test_imports.py
    "actions:programme_create": Entry(PILOT),
    "actions:programme_edit": Entry(ADMIN),
    "actions:programme_recap_pdf": Entry(PILOT, Page(host="actions:programme_detail")),
}
