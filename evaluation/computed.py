"""The registry of indicators computed from the data, keyed by a code.

Each computation is a small function `(indicator, start, end) -> Decimal | None`
reading the data of the indicator's scope up to the end of the period (None: nothing
to measure yet). The other apps' selectors are imported inside the function, so this
module loads even where an app is not installed, and the dependency stays one-way.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from .models import Indicator

SCOPE_PROGRAMME = "programme"
SCOPE_ACTION = "action"
SCOPE_SERVICE = "service"
SCOPE_COMMITTEE = "committee"

Compute = Callable[[Indicator, date, date], Decimal | None]


@dataclass(frozen=True)
class ComputedIndicator:
    code: str
    label: str
    unit: str
    scopes: tuple[str, ...]
    compute: Compute
    definition: str
    requires: str = ""
    """Dotted path of the function this computation reads (another app's selector), if any."""
    params: tuple[str, ...] = ()

    def available(self) -> bool:
        if not self.requires:
            return True
        module_name, _sep, attribute = self.requires.rpartition(".")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return False
        return hasattr(module, attribute)


_registry: dict[str, ComputedIndicator] = {}


def register(**kwargs):
    def decorator(function: Compute) -> Compute:
        entry = ComputedIndicator(compute=function, **kwargs)
        _registry[entry.code] = entry
        return function

    return decorator


def get(code: str) -> ComputedIndicator | None:
    return _registry.get(code)


def all_computations() -> list[ComputedIndicator]:
    return list(_registry.values())


def choices_for_scope(scope: str | None = None) -> list[tuple[str, str]]:
    return [
        (entry.code, entry.label)
        for entry in _registry.values()
        if (scope is None or scope in entry.scopes) and entry.available()
    ]


def _percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _action_filter(indicator: Indicator, prefix: str = "") -> Q:
    """The actions in the indicator's scope: its action, or every action of its programme."""
    if indicator.action_id:
        return Q(**{f"{prefix}pk": indicator.action_id})
    return Q(**{f"{prefix}programme_id": indicator.programme_id})


def _participations(indicator: Indicator):
    from actions.models import Participation

    return Participation.objects.filter(_action_filter(indicator, "action__"))


# --- From the actions' data ---------------------------------------------------------
@register(
    code="companies_engaged",
    label=_("Companies engaged in the action"),
    unit=Indicator.Unit.NUMBER,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_("Participating companies engaged by the end of the period and not withdrawn."),
)
def companies_engaged(indicator, start, end):
    from actions.models import Participation

    return Decimal(
        _participations(indicator)
        .filter(status=Participation.Status.ENGAGED)
        .filter(Q(engaged_on__isnull=True) | Q(engaged_on__lte=end))
        .count()
    )


def _milestone_count(field: str) -> Compute:
    def compute(indicator, start, end):
        from actions.models import Participation

        return Decimal(
            _participations(indicator)
            .exclude(status=Participation.Status.WITHDRAWN)
            .filter(**{f"{field}__isnull": False, f"{field}__lte": end})
            .count()
        )

    return compute


register(
    code="companies_prevention_system",
    label=_("Companies with a structured prevention system"),
    unit=Indicator.Unit.NUMBER,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_(
        "The final criterion of the ANACT method: companies whose prevention system is organised by the end of the period."
    ),
)(_milestone_count("prevention_system_on"))
register(
    code="companies_du_formalised",
    label=_("Companies with their risk assessment (DU) formalised"),
    unit=Indicator.Unit.NUMBER,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_("Participating companies whose document unique was formalised by the end of the period."),
)(_milestone_count("du_formalised_on"))
register(
    code="companies_action_plan",
    label=_("Companies with an action plan"),
    unit=Indicator.Unit.NUMBER,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_("Participating companies whose action plan was formalised by the end of the period."),
)(_milestone_count("action_plan_on"))


@register(
    code="deliverables_on_time",
    label=_("Deliverables validated on time"),
    unit=Indicator.Unit.PERCENT,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_(
        "Among the deliverables due by the end of the period, the share validated on or before their due date."
    ),
)
def deliverables_on_time(indicator, start, end):
    from actions.models import Deliverable

    due = Deliverable.objects.filter(
        _action_filter(indicator, "action__"), due_date__isnull=False, due_date__lte=end
    )
    total = due.count()
    on_time = due.filter(
        status=Deliverable.Status.VALIDATED, validated_at__isnull=False, validated_at__date__lte=F("due_date")
    ).count()
    return _percent(on_time, total)


@register(
    code="phases_late",
    label=_("Phases late"),
    unit=Indicator.Unit.NUMBER,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_(
        "Phases whose planned end had passed at the end of the period without being finished by then."
    ),
)
def phases_late(indicator, start, end):
    from actions.models import ActionPhase

    return Decimal(
        ActionPhase.objects.filter(
            _action_filter(indicator, "action__"), planned_end__isnull=False, planned_end__lt=end
        )
        .filter(Q(actual_end__isnull=True) | Q(actual_end__gt=end))
        .count()
    )


@register(
    code="budget_engaged",
    label=_("Budget engaged against planned"),
    unit=Indicator.Unit.PERCENT,
    scopes=(SCOPE_ACTION, SCOPE_PROGRAMME),
    definition=_("Financing granted or paid, as a share of the planned budget (top of the budget range)."),
)
def budget_engaged(indicator, start, end):
    from actions.models import CollectiveAction, FinancingLine

    actions = CollectiveAction.objects.filter(_action_filter(indicator))
    planned = actions.aggregate(total=Sum("budget_max_keur"))["total"]
    if not planned:
        return None
    engaged = FinancingLine.objects.filter(
        action__in=actions, status__in=[FinancingLine.Status.GRANTED, FinancingLine.Status.PAID]
    ).aggregate(total=Sum("amount_eur"))["total"] or Decimal(0)
    return min(_percent(engaged, planned * 1000), Decimal(100))


# --- From governance ------------------------------------------------------------------
def _governance_figures(indicator, start, end) -> dict:
    from governance.selectors import governance_figures

    if indicator.action_id:
        return governance_figures(action=indicator.action, start=start, end=end)
    if indicator.programme_id:
        return governance_figures(programme=indicator.programme, start=start, end=end)
    return governance_figures(committee=indicator.committee, start=start, end=end)


def _rate_percent(rate) -> Decimal | None:
    """governance gives rates as fractions (0.75): indicators show percentages (75)."""
    if rate is None:
        return None
    return (Decimal(str(rate)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _governance_indicator(**kwargs):
    """`register` for a percentage read from governance's figures, on a committee, action or programme."""
    return register(
        unit=Indicator.Unit.PERCENT,
        scopes=(SCOPE_ACTION, SCOPE_PROGRAMME, SCOPE_COMMITTEE),
        requires="governance.selectors.governance_figures",
        **kwargs,
    )


@_governance_indicator(
    code="meetings_held",
    label=_("Meetings held against planned"),
    definition=_(
        "Meetings of the steering bodies held during the period, as a share of those planned up to now."
    ),
)
def meetings_held(indicator, start, end):
    return _rate_percent(_governance_figures(indicator, start, end)["meetings"]["held_rate"])


@_governance_indicator(
    code="attendance_rate",
    label=_("Attendance rate at meetings (by college)"),
    definition=_(
        "Members present at the meetings held during the period, as a share of the members convened; restricted to one college when one is chosen."
    ),
    params=("college",),
)
def attendance_rate(indicator, start, end):
    attendance = _governance_figures(indicator, start, end)["attendance"]
    college = (indicator.computation_params or {}).get("college")
    if college:
        return _rate_percent((attendance["by_college"].get(college) or {}).get("rate"))
    return _rate_percent(attendance["rate"])


@_governance_indicator(
    code="follow_up_on_time",
    label=_("Follow-up items done on time"),
    definition=_(
        "Follow-up items of the decisions taken during the period, already due, that were done by their due date."
    ),
)
def follow_up_on_time(indicator, start, end):
    return _rate_percent(_governance_figures(indicator, start, end)["followups"]["on_time_rate"])


# --- From the occupational health service's member files ------------------------------
def _service_figures(indicator, start, end) -> dict:
    from adherents.selectors import figures_for_service

    return figures_for_service(indicator.service, start=start, end=end)


def _service_indicator(unit=Indicator.Unit.PERCENT, **kwargs):
    """`register` for a figure of the service's member files (a percentage unless `unit` says otherwise)."""
    return register(
        unit=unit, scopes=(SCOPE_SERVICE,), requires="adherents.selectors.figures_for_service", **kwargs
    )


def _service_rate(part: str, whole: str) -> Compute:
    """The share, in %, of the service's figure `part` in its figure `whole` over the period."""

    def compute(indicator, start, end):
        figures = _service_figures(indicator, start, end)
        return _percent(figures[part], figures[whole])

    return compute


_service_indicator(
    code="members_contacted_15_days",
    label=_("New members contacted within 15 days"),
    definition=_("Members validated during the period who were reached within 15 days of their membership."),
)(_service_rate("members_contacted_within_15_days", "members_validated"))
_service_indicator(
    code="prevention_visits_in_time",
    label=_("Prevention visits within their delay"),
    definition=_("Prevention visits due during the period that took place within the delay set by the UST."),
)(_service_rate("prevention_visits_within_delay", "prevention_visits_due"))


@_service_indicator(
    code="satisfaction_rate",
    label=_("Satisfaction rate of a survey"),
    definition=_(
        "Satisfied answers among the answers to the member surveys opened during the period (or to the survey chosen)."
    ),
    params=("survey",),
)
def satisfaction_rate(indicator, start, end):
    figures = _service_figures(indicator, start, end)
    survey = (indicator.computation_params or {}).get("survey")
    if survey:
        rows = [row for row in figures["surveys"] if str(row["survey_id"]) == str(survey)]
        return _percent(sum(r["satisfied"] for r in rows), sum(r["answered"] for r in rows))
    return _percent(figures["satisfaction_satisfied"], figures["satisfaction_answered"])


_service_indicator(
    code="complaints_closed",
    label=_("Complaints closed"),
    definition=_("Complaints received during the period that were closed."),
)(_service_rate("complaints_closed", "complaints_received"))


@_service_indicator(
    code="complaints_delay",
    label=_("Average delay to close a complaint"),
    unit=Indicator.Unit.DAYS,
    definition=_(
        "Average number of days between a complaint and its closure, for the complaints received during the period."
    ),
)
def complaints_delay(indicator, start, end):
    return _decimal(_service_figures(indicator, start, end)["complaints_average_delay_days"])
