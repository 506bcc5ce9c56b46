"""The evaluation part of the home page: the values to enter, one line per month to fill in.

The rule is the reminder's (`evaluation/reminders.py`): for each periodicity, the last closed period;
an active indicator entered by hand, that existed when that period ended, without a value for it, is
due the day after the period closed. The lines are grouped by the month the period closed in, and each
leads to « Les valeurs du mois » for that month, where all of them are entered in one form. A period
still running is not due: its value is only shown once it closes within the next 14 days.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy, ngettext

from actions.models import CollectiveAction
from core.home import HORIZON_DAYS, LINE_LIMIT, HomeLine, HomeSection, SectionContent, register

from .access import indicators_enterable_by
from .models import Indicator, Measurement
from .periods import Periodicity, last_closed_period, period_end, period_start

NAMES_SHOWN = 3


def _due_periods(today) -> list[tuple[str, object, object]]:
    """(periodicity, period, end) for the last closed period and a current one closing soon."""
    periods = []
    for periodicity in Periodicity.values:
        closed = last_closed_period(today, periodicity)
        periods.append((periodicity, closed, period_end(closed, periodicity)))
        current = period_start(today, periodicity)
        end = period_end(current, periodicity)
        if end <= today + timedelta(days=HORIZON_DAYS) and current != closed:
            periods.append((periodicity, current, end))
    return periods


def _label(count: int, month, names: list[str]) -> str:
    shown = ", ".join(f"«\u00a0{name}\u00a0»" for name in names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += "…"
    return ngettext(
        "%(count)s value of %(month)s to enter: %(names)s",
        "%(count)s values of %(month)s to enter: %(names)s",
        count,
    ) % {"count": count, "month": f"{MONTHS[month.month]} {month.year}", "names": shown}


def collect(user, today):
    enterable = indicators_enterable_by(user).filter(is_active=True, computation="")
    if not enterable.exists():
        return None
    candidates = list(
        Indicator.objects.filter(pk__in=enterable.values("pk"))
        .exclude(action__status__in=[CollectiveAction.Status.CLOSED, CollectiveAction.Status.ABANDONED])
        .only("pk", "name", "periodicity", "created_at")
        .order_by("name", "pk")
    )
    periods = _due_periods(today)
    wanted = [
        (indicator, period, end)
        for indicator in candidates
        for periodicity, period, end in periods
        if periodicity == indicator.periodicity and indicator.created_at.date() <= end
    ]
    entered = set(
        Measurement.objects.filter(
            indicator_id__in=[i.pk for i, _p, _e in wanted], period__in={p for _i, p, _e in wanted}
        ).values_list("indicator_id", "period")
    )
    by_end: dict = defaultdict(list)
    for indicator, period, end in wanted:
        if (indicator.pk, period) not in entered:
            by_end[end].append(indicator.name)
    monthly_entry = reverse("evaluation:monthly_entry")
    lines = []
    for end, names in sorted(by_end.items()):
        due_on = end + timedelta(days=1)
        lines.append(
            HomeLine(
                label=_label(len(names), end, list(dict.fromkeys(names))),
                url=f"{monthly_entry}?mois={end:%Y-%m}",
                when=due_on,
                # The values of a period are entered in the weeks after it closes: late once a
                # fortnight has passed, as the other late lines of the page.
                late=due_on < today - timedelta(days=HORIZON_DAYS),
            )
        )
    return SectionContent(lines[:LINE_LIMIT], total=len(lines), more_url=monthly_entry)


register(
    HomeSection(
        key="evaluation",
        title=gettext_lazy("Indicators to enter"),
        order=30,
        collect=collect,
        icon="bi-graph-up",
        empty=gettext_lazy("Every indicator has its value for the last closed period."),
    )
)
