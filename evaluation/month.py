"""The month's entry: which indicators a person fills in for a given month."""

from __future__ import annotations

from datetime import date

from django.utils.dates import MONTHS

from .models import Indicator, Measurement
from .periods import add_periods, period_end, period_start

MONTHS_OFFERED = 12


def parse_month(value: str | None, today: date) -> date:
    """`2026-03` → 2026-03-01; anything else → the previous month (the one whose values are due)."""
    default = add_periods(period_start(today, "mensuelle"), "mensuelle", -1)
    if not value:
        return default
    try:
        year, month = (int(part) for part in value.split("-", 1))
        chosen = date(year, month, 1)
    except (TypeError, ValueError):
        return default
    return chosen if chosen <= today else default


def month_choices(today: date) -> list[tuple[str, str]]:
    current = period_start(today, "mensuelle")
    months = [add_periods(current, "mensuelle", -i) for i in range(MONTHS_OFFERED)]
    return [(f"{m:%Y-%m}", f"{MONTHS[m.month]} {m.year}") for m in months]


def period_closing_in(indicator: Indicator, month: date) -> date | None:
    """The period of the indicator that ends with `month` (monthly: the month itself), or None."""
    start = period_start(month, indicator.periodicity)
    end = period_end(start, indicator.periodicity)
    return start if (end.year, end.month) == (month.year, month.month) else None


def month_rows(indicators: list[Indicator], month: date) -> list[dict]:
    """One row per indicator whose period closes this month, with the value already entered (one query)."""
    rows = []
    for indicator in indicators:
        period = period_closing_in(indicator, month)
        if period is not None:
            rows.append({"indicator": indicator, "period": period, "measurement": None})
    existing = Measurement.objects.filter(
        indicator__in=[r["indicator"].pk for r in rows], period__in={r["period"] for r in rows}
    )
    by_key = {(m.indicator_id, m.period): m for m in existing}
    for row in rows:
        row["measurement"] = by_key.get((row["indicator"].pk, row["period"]))
    return rows
