"""Two worker processes running the daily scan at the same moment send each reminder once.

Real `celery worker` processes on the real Redis broker and the test PostgreSQL; the
test rule makes both scans wait for each other before yielding the same reminders, so
that every (reminder, recipient) is fought over by two processes.
"""

from __future__ import annotations

import ast

import pytest

from reminders.models import Notification, SentReminder
from tests.factories import OrganisationFactory, UserFactory

from .conftest import wait_until

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def sent_messages(mail_dir) -> list[str]:
    messages = []
    for path in mail_dir.glob("*.log"):
        messages += [part for part in path.read_text().split("-" * 79) if "Subject:" in part]
    return messages


def outcomes_of(workers) -> list[dict]:
    """What each finished scan returned, as the workers log it."""
    return [
        ast.literal_eval(line[line.index("{") :])
        for worker in workers
        for line in worker.output().splitlines()
        if "scan_reminders" in line and "succeeded" in line
    ]


def test_two_workers_scanning_at_once_send_each_reminder_once(start_worker, race_dir, mail_dir):
    from reminders.tasks import scan_reminders

    recipients = [UserFactory(username=f"course-{i}", email=f"course-{i}@example.org") for i in range(3)]
    for i in range(15):
        OrganisationFactory(name=f"Course {i:02d}")
    expected = 15 * len(recipients)

    workers = [start_worker("scan-a"), start_worker("scan-b")]
    scan_reminders.delay()
    scan_reminders.delay()

    wait_until(
        lambda: len(list(race_dir.glob("scan-*"))) == 2,
        120,
        "the two scans did not run at the same time\n" + "\n".join(w.output()[-3000:] for w in workers),
    )
    wait_until(
        lambda: len(outcomes_of(workers)) == 2,
        60,
        "the two scans did not finish\n" + "\n".join(w.output()[-3000:] for w in workers),
    )
    outcomes = outcomes_of(workers)
    assert sum(outcome["sent"] for outcome in outcomes) == expected
    assert sum(outcome["skipped"] for outcome in outcomes) == expected, "each reminder was fought over"
    assert all(outcome["failed"] == outcome["rule_errors"] == 0 for outcome in outcomes)
    assert SentReminder.objects.count() == expected
    assert Notification.objects.count() == expected
    messages = sent_messages(mail_dir)
    assert len(messages) == expected
    pairs = {
        (line, part.split("To: ")[1].split("\n")[0])
        for part in messages
        for line in part.splitlines()
        if line.startswith("Subject:")
    }
    assert len(pairs) == expected, "every (reminder, recipient) e-mail is distinct"
