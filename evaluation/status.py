"""The status rule: where an indicator's latest value stands against what was promised.

One function, `evaluate()`, gives the state and the progress together, so that no page,
PDF or export can show them disagreeing. The rule, shown to users on every dashboard
(`RULE_ITEMS`) and summed up in docs/conventions.md (« Indicator state and progress »):

1. No value yet, or no target set → « sans donnée », no progress.
2. The latest value reaches the final target (at least the target when higher is
   better, at most when lower is better) → « atteint », progress 100 %.
3. The target date has passed and the target is not reached → « en retard ».
4. Otherwise the value is compared with the value expected for its period: the
   intermediate target of that period when one was set, else the straight line from the
   origin (the baseline at its date, or else the first value measured) to the target at
   its date. Reaching the expected value → « en bonne voie »; falling short → « en retard ».
   With no target date nor intermediate target, a value short of the target is « en bonne voie ».

Progress is the share of the way from the origin to the target, between 0 and 99 % while
the target is not reached (100 % only when « atteint »). An origin that already met the
target (a first value above it) does not count: the way then starts from 0 when higher is
better, and is unknown (no progress shown) when lower is better.

A frozen indicator (its action closed) keeps the value, state and progress it had at
closing; a value short of its target then reads « non atteint », never « en retard ».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    ACHIEVED = "atteint", _("Achieved")
    ON_TRACK = "en_bonne_voie", _("On track")
    LATE = "en_retard", _("Behind")
    NO_DATA = "sans_donnee", _("No data")
    NOT_ACHIEVED = "non_atteint", _("Not achieved")


# Icon and a text pattern, so a state never relies on colour alone.
STATE_STYLE = {
    State.ACHIEVED: {"icon": "bi-check-circle-fill", "css": "success", "symbol": "✔", "color": "#1e6b34"},
    State.ON_TRACK: {"icon": "bi-arrow-up-right-circle", "css": "primary", "symbol": "↗", "color": "#1f4e79"},
    State.LATE: {"icon": "bi-exclamation-triangle-fill", "css": "danger", "symbol": "⚠", "color": "#a61b1b"},
    State.NO_DATA: {"icon": "bi-dash-circle", "css": "secondary", "symbol": "—", "color": "#6c757d"},
    State.NOT_ACHIEVED: {"icon": "bi-x-circle", "css": "warning", "symbol": "✖", "color": "#7a4b00"},
}

#: The states of an indicator still followed (a frozen one is only « atteint » or « non atteint »).
LIVE_STATES = (State.ACHIEVED, State.ON_TRACK, State.LATE, State.NO_DATA)
# The states a final report counts on its cover: what was reached, and what was not (yet).
VERDICT_STATES = (State.ACHIEVED, State.LATE, State.NOT_ACHIEVED)

RULE_ITEMS = (
    _("No data: no value has been entered yet, or the indicator has no target."),
    _(
        "Achieved: the latest value reaches the final target (at least the target when higher is better, at most when lower is better)."
    ),
    _(
        "On track: the target is not reached yet, but the latest value reaches the value expected for its period — "
        "the intermediate target of that period when one was set, otherwise the straight line from the baseline to the "
        "target at its date (without a baseline, from the first value measured)."
    ),
    _(
        "Behind: the latest value falls short of the value expected for its period, or the target date has passed without the target being reached."
    ),
    _(
        "Progress: the share of the way from the baseline (or the first value) to the target; it is complete only once the target is reached."
    ),
    _("Once its action is closed, an indicator keeps its final value and state: achieved or not achieved."),
)


def meets(value: Decimal, reference: Decimal, higher_is_better: bool) -> bool:
    return value >= reference if higher_is_better else value <= reference


@dataclass(frozen=True)
class Trajectory:
    """What the indicator promised: where it starts, where it must arrive and when."""

    higher_is_better: bool
    target: Decimal | None
    target_date: date | None
    origin_value: Decimal | None
    origin_date: date | None
    intermediate: dict[date, Decimal]

    def expected(self, period: date) -> Decimal | None:
        """The value expected for the period starting on `period` (None: only the final target counts)."""
        if period in self.intermediate:
            return self.intermediate[period]
        if self.target is None:
            return None
        if self.target_date is None:
            return None
        if period >= self.target_date:
            return self.target
        if self.origin_value is None or self.origin_date is None or self.origin_date >= self.target_date:
            return None
        if period <= self.origin_date:
            return self.origin_value
        span = Decimal((self.target_date - self.origin_date).days)
        elapsed = Decimal((period - self.origin_date).days)
        return self.origin_value + (self.target - self.origin_value) * elapsed / span


@dataclass(frozen=True)
class Assessment:
    state: State
    progress: int | None
    """How far from the origin to the target, in % (0–99, 100 only when achieved; None: unknown)."""
    expected: Decimal | None


def progress(trajectory: Trajectory, value: Decimal, achieved: bool) -> int | None:
    if achieved:
        return 100
    target, higher = trajectory.target, trajectory.higher_is_better
    origin = trajectory.origin_value
    if origin is not None and meets(origin, target, higher):
        origin = None  # already past the target at the start: that origin measures nothing
    if origin is None:
        if not higher:
            return None
        origin = Decimal(0)
    if origin == target:
        return None
    ratio = (Decimal(value) - origin) / (target - origin)
    return max(0, min(99, int(ratio * 100)))


def evaluate(trajectory: Trajectory, value: Decimal | None, period: date | None, today: date) -> Assessment:
    """The state and the progress of a value against its trajectory: the one rule of the module docstring."""
    if value is None or period is None or trajectory.target is None:
        return Assessment(State.NO_DATA, None, None)
    value = Decimal(value)
    expected = trajectory.expected(period)
    achieved = meets(value, trajectory.target, trajectory.higher_is_better)
    if achieved:
        state = State.ACHIEVED
    elif trajectory.target_date is not None and trajectory.target_date < today:
        state = State.LATE
    elif expected is None:
        state = State.ON_TRACK
    else:
        state = State.ON_TRACK if meets(value, expected, trajectory.higher_is_better) else State.LATE
    return Assessment(state, progress(trajectory, value, achieved), expected)


def assess(trajectory: Trajectory, value: Decimal | None, period: date | None, today: date) -> State:
    """The state alone (see `evaluate`)."""
    return evaluate(trajectory, value, period, today).state


def frozen(trajectory: Trajectory, value: Decimal | None, period: date | None, on: date) -> Assessment:
    """The final state of an indicator whose action closed on `on`: achieved, not achieved, or no data."""
    assessment = evaluate(trajectory, value, period, on)
    if assessment.state in (State.ON_TRACK, State.LATE):
        return Assessment(State.NOT_ACHIEVED, assessment.progress, assessment.expected)
    return assessment


class Trend(models.TextChoices):
    BETTER = "mieux", _("Improving")
    WORSE = "moins_bien", _("Worsening")
    STABLE = "stable", _("Stable")
    UNKNOWN = "inconnue", _("Not enough values")


TREND_SYMBOL = {Trend.BETTER: "▲", Trend.WORSE: "▼", Trend.STABLE: "▶", Trend.UNKNOWN: "·"}


def trend(previous: Decimal | None, latest: Decimal | None, higher_is_better: bool) -> Trend:
    if previous is None or latest is None:
        return Trend.UNKNOWN
    if latest == previous:
        return Trend.STABLE
    return Trend.BETTER if (latest > previous) == higher_is_better else Trend.WORSE
