"""PDF documents of the evaluation: the final evaluation report of an action and the programme synthesis."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions import access as action_access
from actions.documents import action_sender, programme_sender
from reports.registry import DocumentKind, register

from . import access, selectors
from .status import RULE_ITEMS


def _action_report_context(document) -> dict:
    action = document.target
    dashboard = selectors.action_dashboard(action, selectors.DashboardFilters())
    return {
        "action": action,
        "dashboard": dashboard,
        "success_conditions": list(action.success_conditions.all()),
        "rule_items": RULE_ITEMS,
    }


def _programme_synthesis_context(document) -> dict:
    programme = document.target
    # The synthesis is the CROCT's view: every action of the programme that the requester may read.
    dashboard = selectors.programme_dashboard(programme, document.requested_by, selectors.DashboardFilters())
    return {"programme": programme, "dashboard": dashboard, "rule_items": RULE_ITEMS, "today": timezone.localdate()}


register(DocumentKind(
    key="evaluation.action_report",
    label=_("Final evaluation report"),
    template="evaluation/pdf/action_report.html",
    build_context=_action_report_context,
    can_view=access.can_view_action_evaluation,
    filename=lambda document: f"compte-rendu-final-evaluation-{document.target.code}.pdf",
    sender=lambda document: action_sender(document.target),
))

register(DocumentKind(
    key="evaluation.programme_synthesis",
    label=_("Programme synthesis"),
    template="evaluation/pdf/programme_synthesis.html",
    build_context=_programme_synthesis_context,
    can_view=lambda user, programme: action_access.can_view_programme(user, programme),
    filename=lambda document: f"synthese-{document.target.code}.pdf",
    sender=lambda document: programme_sender(document.target),
))
