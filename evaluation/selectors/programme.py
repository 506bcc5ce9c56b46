"""Selectors of evaluation: dashboard filters, programme dashboard"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.db.models import Count, Q
from django.utils import timezone

from actions.models import CollectiveAction, Deliverable, Participation, Programme
from actions.phases import PHASES, PhaseReference
from core.types import Viewer

from ..models import Indicator
from ..status import STATE_STYLE, State
from ._common import (
    LATE_DELIVERABLES_SHOWN,
    DashboardFilters,
    IndicatorState,
    actions_for_user,
    governance_section,
    indicator_states,
    series_for,
    state_counts,
)


@dataclass
class ActionRow:
    action: CollectiveAction
    states: Counter = field(default_factory=Counter)
    late_deliverables: int = 0
    engaged: int = 0

    @property
    def phase(self) -> PhaseReference:
        return PHASES[self.action.current_phase_number - 1]

    def state_list(self) -> list[dict[str, Any]]:
        return [{"state": s, "count": self.states.get(s, 0), "style": STATE_STYLE[s]} for s in State]


@dataclass
class ProgrammeDashboard:
    programme: Programme
    filters: DashboardFilters
    actions: list[ActionRow]
    by_phase: list[dict]
    by_status: list[dict]
    indicators: list[IndicatorState]
    series: dict
    action_indicator_counts: list[dict]
    all_counts: list[dict]
    late_deliverables: list
    late_deliverables_total: int
    companies: dict
    governance: dict | None
    next_meetings: list


def programme_dashboard(
    programme: Programme, user: Viewer, filters: DashboardFilters, today: date | None = None
) -> ProgrammeDashboard:
    today = today or timezone.localdate()
    until = filters.end
    actions_qs = filters.apply_to_actions(actions_for_user(user).filter(programme=programme)).distinct()
    action_ids = list(actions_qs.values_list("pk", flat=True))
    actions = list(
        CollectiveAction.objects.filter(pk__in=action_ids).select_related("porteur").order_by("code")
    )
    late_q = Q(due_date__lt=today) & ~Q(status=Deliverable.Status.VALIDATED)
    late_by_action = dict(
        Deliverable.objects.filter(late_q, action_id__in=action_ids)
        .values("action_id")
        .annotate(n=Count("pk"))
        .values_list("action_id", "n")
    )
    engaged_by_action = dict(
        Participation.objects.filter(action_id__in=action_ids, status=Participation.Status.ENGAGED)
        .values("action_id")
        .annotate(n=Count("pk"))
        .values_list("action_id", "n")
    )
    companies = (
        Participation.objects.filter(action_id__in=action_ids)
        .exclude(status=Participation.Status.WITHDRAWN)
        .aggregate(
            total=Count("pk"),
            engaged=Count("pk", filter=Q(status=Participation.Status.ENGAGED)),
            du=Count("pk", filter=Q(du_formalised_on__isnull=False)),
            plan=Count("pk", filter=Q(action_plan_on__isnull=False)),
            system=Count("pk", filter=Q(prevention_system_on__isnull=False)),
        )
    )
    # Indicators: the programme's own (charted) and the actions' (counted per action).
    programme_states = indicator_states(
        Indicator.objects.filter(Q(programme=programme) | Q(committee__programme=programme), is_active=True)
        .select_related("committee")
        .order_by("kind", "name"),
        until,
        today,
    )
    action_states = indicator_states(
        Indicator.objects.filter(action_id__in=action_ids, is_active=True).only(
            "pk",
            "action_id",
            "target",
            "target_date",
            "baseline",
            "baseline_date",
            "direction",
            "periodicity",
            "unit",
            "name",
            "kind",
            "scale_max",
            "frozen_on",
            "final_value",
            "final_period",
            "final_state",
            "final_progress",
        ),
        until,
        today,
    )
    rows = {
        a.pk: ActionRow(
            action=a, late_deliverables=late_by_action.get(a.pk, 0), engaged=engaged_by_action.get(a.pk, 0)
        )
        for a in actions
    }
    for s in action_states:
        rows[cast(int, s.indicator.action_id)].states[s.state] += 1  # the actions' indicators
    phase_counter = Counter(a.current_phase_number for a in actions)
    status_counter = Counter(a.status for a in actions)
    late_deliverables = list(
        Deliverable.objects.filter(late_q, action_id__in=action_ids)
        .select_related("action", "phase")
        .order_by("due_date")[:LATE_DELIVERABLES_SHOWN]
    )
    governance, meetings = governance_section(programme=programme, start=filters.start, end=filters.end)
    return ProgrammeDashboard(
        programme=programme,
        filters=filters,
        actions=list(rows.values()),
        by_phase=[
            {"number": p.number, "label": p.name, "count": phase_counter.get(p.number, 0)} for p in PHASES
        ],
        by_status=[
            {"status": value, "label": label, "count": status_counter.get(value, 0)}
            for value, label in CollectiveAction.Status.choices
        ],
        indicators=programme_states,
        series=series_for([s.indicator for s in programme_states], filters.start, until),
        action_indicator_counts=state_counts(action_states),
        all_counts=state_counts(programme_states + action_states),
        late_deliverables=late_deliverables,
        late_deliverables_total=sum(late_by_action.values()),
        companies=companies,
        governance=governance,
        next_meetings=meetings,
    )
