"""Selectors of evaluation: what several topics share"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from actions import access as action_access
from actions.models import CollectiveAction, Programme
from core import french
from core.types import Viewer

from ..models import Indicator, Measurement, TargetStep
from ..status import LIVE_STATES, STATE_STYLE, TREND_SYMBOL, VERDICT_STATES, State, Trend, evaluate, trend

if TYPE_CHECKING:
    from governance.models import Meeting

LATE_DELIVERABLES_SHOWN = 15


SERIES_PERIODS = 24


def actions_for_user(user: Viewer) -> QuerySet[CollectiveAction]:
    return action_access.actions_visible_to(user).select_related("programme", "porteur")


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
    annotated: Any = indicator  # its values, from `with_latest_values`
    trajectory = indicator.trajectory(
        intermediate=steps, first_period=getattr(indicator, "first_period", None)
    )
    if trajectory.origin_value is None and getattr(indicator, "first_value", None) is not None:
        trajectory = replace(trajectory, origin_value=annotated.first_value)
    if indicator.frozen_on is not None:
        return IndicatorState(
            indicator=indicator,
            value=indicator.final_value,
            period=indicator.final_period,
            previous=annotated.previous_value,
            state=State(indicator.final_state or State.NO_DATA),
            trend=trend(annotated.previous_value, indicator.final_value, indicator.higher_is_better),
            expected=None,
            progress=indicator.final_progress,
            steps=steps,
            frozen_on=indicator.frozen_on,
        )
    value, period = annotated.latest_value, annotated.latest_period
    assessment = evaluate(trajectory, value, period, today)
    return IndicatorState(
        indicator=indicator,
        value=value,
        period=period,
        previous=annotated.previous_value,
        state=assessment.state,
        trend=trend(annotated.previous_value, value, indicator.higher_is_better),
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
        {
            "state": state,
            "label": state.label,
            "count": counter.get(state, 0),
            "style": STATE_STYLE[state],
            "verdict": state in VERDICT_STATES,
        }
        for state in shown
    ]


@dataclass
class DashboardFilters:
    start: date | None = None
    end: date | None = None
    territory: str = ""
    theme: int | None = None

    def apply_to_actions(self, qs: QuerySet[CollectiveAction]) -> QuerySet[CollectiveAction]:
        if self.territory:
            qs = qs.filter(territory=self.territory)
        if self.theme:
            qs = qs.filter(themes=self.theme)
        return qs


NEXT_MEETINGS_SHOWN = 5


def _percent_text(rate: float | None) -> str:
    return "—" if rate is None else french.pourcent(Decimal(str(rate)) * 100)


def governance_section(
    *,
    programme: Programme | None = None,
    action: CollectiveAction | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[dict[str, Any] | None, list[Meeting]]:
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
