"""Reads of the evaluation: the shaping of what `evaluation.access` lets the user see —
indicators with their latest state, the dashboards.

Every dashboard is built with a fixed number of queries whatever the number of actions,
indicators and measurements: the latest, previous and first values of each indicator
come as subqueries of one indicator query (served by the (indicator, -period) index),
the series of the charted indicators in one more, and counts are aggregated in SQL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from actions import access as action_access
from actions.models import CollectiveAction, Deliverable, Participation, Programme
from actions.phases import PHASES
from core import french
from core.types import Viewer

from . import access
from .models import Indicator, Measurement, TargetStep
from .status import LIVE_STATES, STATE_STYLE, TREND_SYMBOL, State, Trend, evaluate, trend

LATE_DELIVERABLES_SHOWN = 15
SERIES_PERIODS = 24


# --- Scoped querysets -------------------------------------------------------------------
#: What every page showing an indicator shows of its scope.
INDICATOR_RELATED = ("programme", "action__programme", "service", "committee")


def indicators_for_user(user: Viewer) -> QuerySet[Indicator]:
    return access.indicators_visible_to(user).select_related(*INDICATOR_RELATED)


def enterable_indicators(user: Viewer) -> QuerySet[Indicator]:
    """The active manual indicators whose values the user enters."""
    return access.indicators_enterable_by(user).filter(is_active=True).select_related(*INDICATOR_RELATED)


FINISHED_ACTION_STATUSES = (CollectiveAction.Status.CLOSED, CollectiveAction.Status.ABANDONED)


def indicators_to_fill(user: Viewer) -> QuerySet[Indicator]:
    """What a person fills in each month: their manual indicators, except those of finished actions."""
    return enterable_indicators(user).exclude(action__status__in=FINISHED_ACTION_STATUSES)


def programmes_for_user(user: Viewer) -> QuerySet[Programme]:
    return action_access.programmes_visible_to(user).select_related("porteur")


def actions_for_user(user: Viewer) -> QuerySet[CollectiveAction]:
    return action_access.actions_visible_to(user).select_related("programme", "porteur")


# --- Indicator states --------------------------------------------------------------------
def with_latest_values(qs: QuerySet[Indicator], until: date | None = None) -> QuerySet[Indicator]:
    """Annotate each indicator with its latest, previous and first values (up to `until`)."""
    measurements = Measurement.objects.filter(indicator=OuterRef("pk"))
    if until is not None:
        measurements = measurements.filter(period__lte=until)
    newest = measurements.order_by("-period")
    oldest = measurements.order_by("period")
    return qs.annotate(
        latest_value=Subquery(newest.values("value")[:1]),
        latest_period=Subquery(newest.values("period")[:1]),
        previous_value=Subquery(newest.values("value")[1:2]),
        first_value=Subquery(oldest.values("value")[:1]),
        first_period=Subquery(oldest.values("period")[:1]),
    )


@dataclass
class IndicatorState:
    indicator: Indicator
    value: Decimal | None
    period: date | None
    previous: Decimal | None
    state: State
    trend: Trend
    expected: Decimal | None
    progress: int | None
    """How far from the baseline (or first value) to the target, in % (0–100)."""
    steps: dict = field(default_factory=dict)
    """The intermediate targets: {period: value}."""
    frozen_on: date | None = None
    """Set when its action closed: value, state and progress are the final ones of that day."""

    @property
    def style(self) -> dict:
        return STATE_STYLE[self.state]

    @property
    def trend_symbol(self) -> str:
        return TREND_SYMBOL[self.trend]

    @property
    def period_label(self) -> str:
        return self.indicator.period_label(self.period) if self.period else "—"

    @property
    def short_period_label(self) -> str:
        return self.indicator.period_label(self.period, short=True) if self.period else "—"

    @property
    def formatted_value(self) -> str:
        return self.indicator.format_value(self.value)

    @property
    def final_label(self) -> str:
        """« Valeur finale au 4 déc. 2026 » for a frozen indicator, else empty."""
        if self.frozen_on is None:
            return ""
        return _("Final value on %(date)s") % {"date": french.jour_court(self.frozen_on)}

    @property
    def formatted_target(self) -> str:
        return self.indicator.format_value(self.indicator.target)

    @property
    def formatted_expected(self) -> str:
        return self.indicator.format_value(self.expected)


def indicator_state(indicator: Indicator, steps: dict, today: date | None = None) -> IndicatorState:
    """Needs an indicator from `with_latest_values`, and its intermediate targets {period: value}.
    State and progress come together from `status.evaluate` (frozen: as stored at closing)."""
    today = today or timezone.localdate()
    trajectory = indicator.trajectory(
        intermediate=steps, first_period=getattr(indicator, "first_period", None)
    )
    if trajectory.origin_value is None and getattr(indicator, "first_value", None) is not None:
        trajectory = replace(trajectory, origin_value=indicator.first_value)
    if indicator.frozen_on is not None:
        return IndicatorState(
            indicator=indicator,
            value=indicator.final_value,
            period=indicator.final_period,
            previous=indicator.previous_value,
            state=State(indicator.final_state or State.NO_DATA),
            trend=trend(indicator.previous_value, indicator.final_value, indicator.higher_is_better),
            expected=None,
            progress=indicator.final_progress,
            steps=steps,
            frozen_on=indicator.frozen_on,
        )
    value, period = indicator.latest_value, indicator.latest_period
    assessment = evaluate(trajectory, value, period, today)
    return IndicatorState(
        indicator=indicator,
        value=value,
        period=period,
        previous=indicator.previous_value,
        state=assessment.state,
        trend=trend(indicator.previous_value, value, indicator.higher_is_better),
        expected=assessment.expected,
        progress=assessment.progress,
        steps=steps,
    )


def indicator_states(
    qs: QuerySet[Indicator], until: date | None = None, today: date | None = None
) -> list[IndicatorState]:
    """The states of the indicators of `qs`, in two queries whatever their number."""
    indicators = list(with_latest_values(qs, until))
    steps: dict[int, dict] = defaultdict(dict)
    rows = TargetStep.objects.filter(indicator__in=[i.pk for i in indicators]).order_by("period")
    for indicator_id, period, value in rows.values_list("indicator_id", "period", "value"):
        steps[indicator_id][period] = value
    return [indicator_state(indicator, steps.get(indicator.pk, {}), today) for indicator in indicators]


def series_for(
    indicators: list[Indicator], since: date | None = None, until: date | None = None
) -> dict[int, list]:
    """{indicator id: [(period, value), …]} in one query."""
    measurements = Measurement.objects.filter(indicator__in=[i.pk for i in indicators])
    if since:
        measurements = measurements.filter(period__gte=since)
    if until:
        measurements = measurements.filter(period__lte=until)
    series: dict[int, list] = defaultdict(list)
    for indicator_id, period, value in measurements.order_by("period").values_list(
        "indicator_id", "period", "value"
    ):
        series[indicator_id].append((period, value))
    # Charts show the most recent periods only.
    return {key: values[-SERIES_PERIODS:] for key, values in series.items()}


def state_counts(states: list[IndicatorState]) -> list[dict]:
    counter = Counter(s.state for s in states)
    shown = [*LIVE_STATES, *([State.NOT_ACHIEVED] if counter.get(State.NOT_ACHIEVED) else [])]
    return [
        {"state": state, "label": state.label, "count": counter.get(state, 0), "style": STATE_STYLE[state]}
        for state in shown
    ]


# --- Dashboard filters ------------------------------------------------------------------
@dataclass
class DashboardFilters:
    start: date | None = None
    end: date | None = None
    territory: str = ""
    theme: int | None = None

    def apply_to_actions(self, qs):
        if self.territory:
            qs = qs.filter(territory=self.territory)
        if self.theme:
            qs = qs.filter(themes=self.theme)
        return qs


# --- Programme dashboard ----------------------------------------------------------------
@dataclass
class ActionRow:
    action: CollectiveAction
    states: Counter = field(default_factory=Counter)
    late_deliverables: int = 0
    engaged: int = 0

    @property
    def phase(self):
        return PHASES[self.action.current_phase_number - 1]

    def state_list(self):
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
        rows[s.indicator.action_id].states[s.state] += 1
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


NEXT_MEETINGS_SHOWN = 5


def _percent_text(rate) -> str:
    return "—" if rate is None else french.pourcent(Decimal(str(rate)) * 100)


def governance_section(*, programme=None, action=None, start=None, end=None) -> tuple[dict | None, list]:
    """Governance figures of the committees steering the scope, and their next meetings (2 queries + figures)."""
    from governance.models import Committee, Meeting
    from governance.selectors import governance_figures

    committees = Committee.objects.all()
    if action is not None:
        committees = committees.filter(action=action)
    else:
        committees = committees.filter(Q(programme=programme) | Q(action__programme=programme))
    meetings = list(
        Meeting.objects.filter(
            committee__in=committees,
            starts_at__gte=timezone.now(),
            status__in=[Meeting.Status.PLANNED, Meeting.Status.CONVENED],
        )
        .select_related("committee")
        .order_by("starts_at")[:NEXT_MEETINGS_SHOWN]
    )
    figures = governance_figures(programme=programme, action=action, start=start, end=end)
    m, a, f = figures["meetings"], figures["attendance"], figures["followups"]
    if not (m["planned"] or f["total"]) and not meetings:
        return None, []
    rows = [
        {"label": _("Meetings planned in the period"), "value": m["planned"]},
        {"label": _("Meetings held"), "value": m["held"]},
        {"label": _("Meetings held against those due"), "value": _percent_text(m["held_rate"])},
        {"label": _("Attendance rate (all colleges)"), "value": _percent_text(a["rate"])},
    ]
    rows += [
        {
            "label": _("Attendance rate — %(college)s") % {"college": row["label"]},
            "value": _percent_text(row["rate"]),
        }
        for row in a["by_college"].values()
    ]
    rows += [
        {"label": _("Decisions taken"), "value": figures["decisions"]["count"]},
        {"label": _("Follow-up items done on time"), "value": _percent_text(f["on_time_rate"])},
        {"label": _("Follow-up items overdue"), "value": f["overdue"]},
    ]
    return {"rows": rows, "figures": figures}, meetings


# --- Action dashboard -------------------------------------------------------------------
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


def _delay(phase, today: date) -> int | None:
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
    from .models import ActionAssessment

    today = today or timezone.localdate()
    phases = [
        PhaseRow(phase=p, reference=p.reference, delay_days=_delay(p, today), is_late=p.is_late(today))
        for p in action.phases.order_by("number")
    ]
    deliverables = list(
        action.deliverables.select_related("phase").order_by("phase__number", "due_date", "pk")
    )
    for d in deliverables:
        d.late = d.is_late(today)
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


# --- Measurements ----------------------------------------------------------------------
def measurements_for_export(
    user: Viewer, *, programme=None, action=None, indicator=None
) -> QuerySet[Measurement]:
    qs = access.measurements_visible_to(user).select_related(
        "indicator__programme", "indicator__action__programme", "indicator__service", "entered_by"
    )
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    if action is not None:
        qs = qs.filter(indicator__action=action)
    if programme is not None:
        qs = qs.filter(Q(indicator__programme=programme) | Q(indicator__action__programme=programme))
    return qs.order_by("indicator__name", "indicator_id", "period")


def budget_totals(actions) -> dict:
    return CollectiveAction.objects.filter(pk__in=[a.pk for a in actions]).aggregate(
        min=Sum("budget_min_keur"), max=Sum("budget_max_keur")
    )
