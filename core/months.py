"""Month arithmetic, on python-dateutil's relativedelta: one way for plans, periods and timelines."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` (negative: back); the 31st becomes the month's last day (31 Jan + 1 → 28/29 Feb)."""
    return day + relativedelta(months=months)


def month_start(day: date) -> date:
    return day.replace(day=1)
