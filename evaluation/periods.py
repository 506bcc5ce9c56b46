"""Periods of measurement: a period is identified by its first day, aligned on its periodicity.

A monthly indicator is measured for "mars 2026" (2026-03-01), a quarterly one for
"T2 2026" (2026-04-01), a half-yearly one for "S2 2026" (2026-07-01), a yearly one for
"2026" (2026-01-01). Keeping the first day as the key makes "one value per indicator
and period" a plain unique constraint.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.translation import gettext_lazy as _

from core.months import add_months, month_start


class Periodicity(models.TextChoices):
    MONTHLY = "mensuelle", _("Monthly")
    QUARTERLY = "trimestrielle", _("Quarterly")
    HALF_YEARLY = "semestrielle", _("Half-yearly")
    YEARLY = "annuelle", _("Yearly")


MONTHS_PER_PERIOD = {
    Periodicity.MONTHLY: 1,
    Periodicity.QUARTERLY: 3,
    Periodicity.HALF_YEARLY: 6,
    Periodicity.YEARLY: 12,
}


def period_start(day: date, periodicity: str) -> date:
    """The first day of the period that contains `day`."""
    step = MONTHS_PER_PERIOD[Periodicity(periodicity)]
    month = ((day.month - 1) // step) * step + 1
    return date(day.year, month, 1)


def add_periods(start: date, periodicity: str, count: int) -> date:
    return add_months(month_start(start), MONTHS_PER_PERIOD[Periodicity(periodicity)] * count)


def period_end(start: date, periodicity: str) -> date:
    return add_periods(period_start(start, periodicity), periodicity, 1) - timedelta(days=1)


def is_period_start(day: date, periodicity: str) -> bool:
    return period_start(day, periodicity) == day


def periods_between(first: date, last: date, periodicity: str) -> list[date]:
    """Every period start from the period of `first` to the period of `last`, both included."""
    current = period_start(first, periodicity)
    stop = period_start(last, periodicity)
    result = []
    while current <= stop:
        result.append(current)
        current = add_periods(current, periodicity, 1)
    return result


def last_closed_period(today: date, periodicity: str) -> date:
    """The most recent period that ended before today."""
    return add_periods(period_start(today, periodicity), periodicity, -1)


def period_label(start: date, periodicity: str, short: bool = False) -> str:
    periodicity = Periodicity(periodicity)
    if periodicity == Periodicity.MONTHLY:
        if short:
            return f"{MONTHS_AP[start.month]} {start.year % 100:02d}"
        return f"{MONTHS[start.month]} {start.year}"
    if periodicity == Periodicity.QUARTERLY:
        return _("Q%(number)s %(year)s") % {"number": (start.month - 1) // 3 + 1, "year": start.year}
    if periodicity == Periodicity.HALF_YEARLY:
        return _("H%(number)s %(year)s") % {"number": (start.month - 1) // 6 + 1, "year": start.year}
    return str(start.year)
