"""Selectors of evaluation: action dashboard"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from actions.models import ActionPhase, CollectiveAction, Participation

from ..models import Indicator
from ._common import (
    DashboardFilters,
    IndicatorState,
    governance_section,
    indicator_states,
    series_for,
    state_counts,
)


@dataclass
class PhaseRow:
    phase: object
    reference: object
    delay_days: int | None
    is_late: bool


@dataclass
class ActionDashboard:
    action: CollectiveAction
    filters: DashboardFilters
    phases: list[PhaseRow]
    deliverables: list
    participations: list
    companies: dict
    indicators: list[IndicatorState]
    series: dict
    counts: list[dict]
    financing: list
    budget: dict
    approach: list
    assessment: object
    governance: dict | None
    next_meetings: list


def _delay(phase: ActionPhase, today: date) -> int | None:
    """Days between the planned and the actual (or, if still open, today's) end of a phase."""
    if phase.planned_end is None:
        return None
    if phase.actual_end is not None:
        return (phase.actual_end - phase.planned_end).days
    if phase.planned_end < today:
        return (today - phase.planned_end).days
    return None


def action_dashboard(
    action: CollectiveAction, filters: DashboardFilters, today: date | None = None
) -> ActionDashboard:
    from ..models import ActionAssessment

    today = today or timezone.localdate()
    phases = [
        PhaseRow(phase=p, reference=p.reference, delay_days=_delay(p, today), is_late=p.is_late(today))
        for p in action.phases.order_by("number")
    ]
    deliverables = list(
        action.deliverables.select_related("phase").order_by("phase__number", "due_date", "pk")
    )
    for d in deliverables:
        setattr(d, "late", d.is_late(today))  # noqa: B010 — read by the dashboard template
    participations = list(
        action.participations.select_related("organisation").order_by("group", "organisation__name")
    )
    active = [p for p in participations if p.status != Participation.Status.WITHDRAWN]
    companies = {
        "total": len(participations),
        "active": len(active),
        "by_status": [
            {"label": label, "count": sum(1 for p in participations if p.status == value)}
            for value, label in Participation.Status.choices
        ],
        "du": sum(1 for p in active if p.du_formalised_on),
        "plan": sum(1 for p in active if p.action_plan_on),
        "system": sum(1 for p in active if p.prevention_system_on),
    }
    states = indicator_states(
        Indicator.objects.filter(Q(action=action) | Q(committee__action=action), is_active=True)
        .select_related("committee")
        .order_by("kind", "name"),
        filters.end,
        today,
    )
    financing = list(action.financing_lines.select_related("funder"))
    engaged = sum((f.amount_eur or 0) for f in financing if f.status != f.Status.REQUESTED)
    assessment = ActionAssessment.objects.filter(action=action).first()
    budget = {
        "min": action.budget_min_keur,
        "max": action.budget_max_keur,
        "financing_engaged_keur": (Decimal(engaged) / 1000).quantize(Decimal("0.1"))
        if engaged
        else Decimal(0),
        "engaged_keur": assessment.budget_engaged_keur if assessment else None,
        "planned_days": assessment.planned_days if assessment else None,
        "days_spent": assessment.days_spent if assessment else None,
    }
    governance, meetings = governance_section(action=action, start=filters.start, end=filters.end)
    return ActionDashboard(
        action=action,
        filters=filters,
        phases=phases,
        deliverables=deliverables,
        participations=participations,
        companies=companies,
        indicators=states,
        series=series_for([s.indicator for s in states], filters.start, filters.end),
        counts=state_counts(states),
        financing=financing,
        budget=budget,
        approach=list(action.approach_entries.select_related("author")),
        assessment=assessment,
        governance=governance,
        next_meetings=meetings,
    )
