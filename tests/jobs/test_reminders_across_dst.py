"""Reminders go out exactly once across the daylight-saving changes of Europe/Paris.

Two parts of the chain can go wrong on those nights: beat, which could run the daily
07:00 scan twice (or skip it) on the day that has 23 or 25 hours, and the scan, which
could see the wrong day or send twice when the same local hour happens twice. Both are
exercised with Celery's own crontab code and the real engine, on a simulated clock.
"""

from __future__ import annotations

from copy import copy
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from reminders.models import Notification, SentReminder
from reminders.services import reminders_scan
from tests.factories import OrganisationFactory, UserFactory
from tests.reminders.conftest import deadline_rule  # noqa: F401 — the fixture

PARIS = ZoneInfo("Europe/Paris")
SPRING = (datetime(2026, 3, 27, 22, 0, tzinfo=UTC), datetime(2026, 4, 1, 0, 0, tzinfo=UTC))  # 29 March: 23 h
AUTUMN = (
    datetime(2026, 10, 23, 22, 0, tzinfo=UTC),
    datetime(2026, 10, 28, 0, 0, tzinfo=UTC),
)  # 25 October: 25 h


def beat_runs(task: str, start: datetime, end: datetime) -> list[datetime]:
    """The moments beat starts `task` between start and end, minute by minute, as beat's tick does."""
    from config.celery import app

    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == task)
    clock = [start]
    schedule = copy(entry["schedule"])
    schedule.nowfun = lambda: clock[0]
    schedule.app = app
    last_run, runs = start, []
    while clock[0] < end:
        is_due, _next_check = schedule.is_due(last_run)
        if is_due:
            runs.append(clock[0])
            last_run = clock[0]
        clock[0] += timedelta(minutes=1)
    return runs


@pytest.mark.parametrize(("start", "end"), [SPRING, AUTUMN], ids=["printemps", "automne"])
def test_beat_starts_the_daily_scan_once_a_day_at_seven_in_paris(start, end):
    runs = beat_runs("reminders.tasks.scan_reminders", start, end)
    local = [run.astimezone(PARIS) for run in runs]
    days = [moment.date() for moment in local]
    assert len(days) == len(set(days)) == (end - start).days, local
    assert all((moment.hour, moment.minute) == (7, 0) for moment in local), local
    # The UTC hour moves with the change: the scan follows the French clock, not UTC.
    assert len({run.hour for run in runs}) == 2


@pytest.mark.parametrize(("start", "end"), [SPRING, AUTUMN], ids=["printemps", "automne"])
def test_the_scans_beat_starts_send_each_reminder_once_on_its_french_day(
    deadline_rule,  # noqa: F811 — the fixture imported above
    start,
    end,
    mailoutbox,
):
    recipient = UserFactory(username="pilote-dst", email="pilote-dst@example.org")
    first_day = start.astimezone(PARIS).date() + timedelta(days=1)
    due_days = [first_day + timedelta(days=n) for n in range(3)]
    for day in due_days:
        deadline_rule.add(OrganisationFactory(name=f"Entreprise du {day:%d/%m}"), day, [recipient])

    for run in beat_runs("reminders.tasks.scan_reminders", start, end):
        with mock.patch("django.utils.timezone.now", return_value=run):
            reminders_scan()

    assert sorted(SentReminder.objects.values_list("due_date", flat=True)) == due_days
    assert sorted(message.subject[12:22] for message in mailoutbox) == [f"{day:%d/%m/%Y}" for day in due_days]
    assert Notification.objects.count() == len(due_days)


@pytest.mark.parametrize(("start", "end"), [SPRING, AUTUMN], ids=["printemps", "automne"])
def test_a_scan_every_hour_through_the_change_sends_each_reminder_once_and_never_early(
    deadline_rule,  # noqa: F811 — the fixture imported above
    start,
    end,
    mailoutbox,
):
    """Hourly scans (a manual run, a catch-up after downtime) walk through the missing or repeated hour."""
    recipient = UserFactory(username="consultant-dst", email="consultant-dst@example.org")
    due_days = [start.astimezone(PARIS).date() + timedelta(days=n) for n in range(1, 4)]
    for day in due_days:
        deadline_rule.add(OrganisationFactory(name=f"Échéance {day:%d/%m}"), day, [recipient])

    first_sent: dict[date, datetime] = {}
    moment = start
    while moment < end:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            reminders_scan()
        for due in SentReminder.objects.values_list("due_date", flat=True):
            first_sent.setdefault(due, moment)
        moment += timedelta(hours=1)

    assert SentReminder.objects.count() == len(due_days)
    assert len(mailoutbox) == len(due_days)
    for day in due_days:
        sent_at = first_sent[day].astimezone(PARIS)
        # Sent by the first scan of its French day: just after midnight in Paris, never the evening before.
        assert sent_at.date() == day and sent_at.hour == 0, (day, sent_at)
