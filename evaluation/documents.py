"""PDF documents of the evaluation: the final evaluation report of an action and the programme synthesis."""

from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from actions import access as action_access
from actions.documents import action_sender, programme_sender
from reports.attachments import csv_attachment
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
    return {
        "programme": programme,
        "dashboard": dashboard,
        "rule_items": RULE_ITEMS,
        "today": timezone.localdate(),
    }


def indicator_figures_csv(dashboard, *, name: str):
    """The indicators' figures the document shows (its table and charts), one row per indicator and
    period, from the same dashboard the template renders: a reader reuses them without retyping."""
    headers = [
        gettext("Indicator"),
        gettext("Unit"),
        gettext("Period"),
        gettext("Start of the period"),
        gettext("Value"),
        gettext("Baseline"),
        gettext("Target"),
        gettext("Target date"),
        gettext("State"),
    ]
    rows = []
    for state in dashboard.indicators:
        indicator = state.indicator
        common = [indicator.baseline, indicator.target, indicator.target_date, str(state.state.label)]
        series = dashboard.series.get(indicator.pk, []) if isinstance(dashboard.series, dict) else []
        for period, value in series:
            rows.append(
                [
                    indicator.name,
                    indicator.get_unit_display(),
                    indicator.period_label(period),
                    period,
                    value,
                    *common,
                ]
            )
        if not series:
            rows.append([indicator.name, indicator.get_unit_display(), "", None, None, *common])
    return csv_attachment(
        name,
        headers,
        rows,
        description=pgettext("pdf attachment", "Figures of the indicators (CSV, semicolon, French decimals)"),
    )


register(
    DocumentKind(
        key="evaluation.action_report",
        label=_("Final evaluation report"),
        template="evaluation/pdf/action_report.html",
        build_context=_action_report_context,
        can_view=access.can_view_action_evaluation,
        filename=lambda document: f"compte-rendu-final-evaluation-{document.target.code}.pdf",
        sender=lambda document: action_sender(document.target),
        archive=True,
        attachments=lambda document, context: [
            indicator_figures_csv(context["dashboard"], name=f"indicateurs-{document.target.code}.csv"),
        ],
    )
)

register(
    DocumentKind(
        key="evaluation.programme_synthesis",
        label=_("Programme synthesis"),
        template="evaluation/pdf/programme_synthesis.html",
        build_context=_programme_synthesis_context,
        can_view=lambda user, programme: action_access.can_view_programme(user, programme),
        filename=lambda document: f"synthese-{document.target.code}.pdf",
        sender=lambda document: programme_sender(document.target),
        archive=True,
        attachments=lambda document, context: [
            indicator_figures_csv(context["dashboard"], name=f"indicateurs-{document.target.code}.csv"),
        ],
    )
)
