"""The status rule: where an indicator's latest value stands against what was promised.

The rule, shown to users on every dashboard (`RULE_TEXT`):

1. No value yet, or no target set → « sans donnée ».
2. The latest value reaches the final target (at least the target when higher is
   better, at most when lower is better) → « atteint ».
3. Otherwise the value is compared with the value expected for its period: the
   intermediate target of that period when one was set, else the straight line from the
   baseline (at its date, or the first period measured) to the target at its date.
   Reaching the expected value → « en bonne voie »; falling short → « en retard ».
   Without a baseline, the trajectory starts from the first value measured; with no
   target date, only the final target counts and a value short of it is « en bonne voie »
   until the target date (if any) has passed.
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


# Icon and a text pattern, so a state never relies on colour alone.
STATE_STYLE = {
    State.ACHIEVED: {"icon": "bi-check-circle-fill", "css": "success", "symbol": "✔", "color": "#1e6b34"},
    State.ON_TRACK: {"icon": "bi-arrow-up-right-circle", "css": "primary", "symbol": "↗", "color": "#1f4e79"},
    State.LATE: {"icon": "bi-exclamation-triangle-fill", "css": "danger", "symbol": "⚠", "color": "#a61b1b"},
    State.NO_DATA: {"icon": "bi-dash-circle", "css": "secondary", "symbol": "—", "color": "#6c757d"},
}

RULE_ITEMS = (
    _("No data: no value has been entered yet, or the indicator has no target."),
    _("Achieved: the latest value reaches the final target (at least the target when higher is better, at most when lower is better)."),
    _(
        "On track: the target is not reached yet, but the latest value reaches the value expected for its period — "
        "the intermediate target of that period when one was set, otherwise the straight line from the baseline to the "
        "target at its date (without a baseline, from the first value measured)."
    ),
    _("Behind: the latest value falls short of the value expected for its period, or the target date has passed without the target being reached."),
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


def assess(trajectory: Trajectory, value: Decimal | None, period: date | None, today: date) -> State:
    if value is None or period is None or trajectory.target is None:
        return State.NO_DATA
    if meets(value, trajectory.target, trajectory.higher_is_better):
        return State.ACHIEVED
    expected = trajectory.expected(period)
    if expected is None:
        if trajectory.target_date is not None and trajectory.target_date < today:
            return State.LATE
        return State.ON_TRACK
    return State.ON_TRACK if meets(value, expected, trajectory.higher_is_better) else State.LATE


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
