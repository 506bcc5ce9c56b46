"""The reminder engine: each due reminder goes out once, however often and however concurrently it runs."""

import smtplib
import threading
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection

from reminders import registry
from reminders.models import Notification, OutgoingEmail, SentReminder
from reminders.services import MAX_SEND_ATTEMPTS, notify, reminders_scan
from tests.factories import OrganisationFactory, UserFactory

from .conftest import RULE_KEY

PARIS = ZoneInfo("Europe/Paris")
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 service indisponible")


@pytest.fixture
def recipient(db):
    return UserFactory(username="destinataire", email="destinataire@example.org")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="AST Corse")


def frozen_now(moment):
    """Freeze `timezone.now` (and so `timezone.localdate`) at an aware moment."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


# --- Once -----------------------------------------------------------------------------------
def test_running_the_scan_twice_sends_once(deadline_rule, recipient, organisation, mailoutbox):
    today = date(2026, 5, 12)
    deadline_rule.add(organisation, today, [recipient], url="/annuaire/")

    first = reminders_scan(today=today)
    second = reminders_scan(today=today)

    assert (first.sent, first.skipped) == (1, 0)
    assert (second.sent, second.skipped) == (0, 1)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["destinataire@example.org"]
    assert message.subject == "Échéance du 12/05/2026 : AST Corse"
    assert "http://127.0.0.1:8000/annuaire/" in message.body or "/annuaire/" in message.body
    log = SentReminder.objects.get()
    assert (log.rule, log.object_key, log.due_date) == (
        RULE_KEY,
        f"directory.organisation:{organisation.pk}",
        today,
    )
    assert log.status == SentReminder.Status.SENT and log.sent_at is not None and log.attempts == 1
    notification = Notification.objects.get()
    assert (notification.user, notification.title, notification.url) == (
        recipient,
        message.subject,
        "/annuaire/",
    )
    assert notification.read_at is None


def test_a_reminder_still_due_the_next_days_is_not_sent_again(
    deadline_rule, recipient, organisation, mailoutbox
):
    due = date(2026, 5, 12)
    deadline_rule.add(organisation, due, [recipient])
    for offset in range(4):
        reminders_scan(today=due + timedelta(days=offset))
    assert len(mailoutbox) == 1
    assert SentReminder.objects.count() == 1


def test_each_recipient_and_each_due_date_is_its_own_reminder(
    deadline_rule, recipient, organisation, mailoutbox
):
    colleague = UserFactory(username="collegue", email="collegue@example.org")
    deadline_rule.add(organisation, date(2026, 5, 12), [recipient, colleague, recipient])
    deadline_rule.add(organisation, date(2026, 6, 12), [recipient])
    result = reminders_scan(today=date(2026, 6, 12))
    assert result.sent == 3
    assert result.skipped == 1, "the same recipient twice in one reminder gets it once"
    assert sorted(m.to[0] for m in mailoutbox) == [
        "collegue@example.org",
        "destinataire@example.org",
        "destinataire@example.org",
    ]


def test_inactive_or_missing_recipients_are_skipped_and_no_address_means_in_app_only(
    deadline_rule, organisation, mailoutbox
):
    gone = UserFactory(username="parti", is_active=False)
    no_address = UserFactory(username="sans_adresse", email="")
    deadline_rule.add(organisation, date(2026, 5, 12), [gone, None, no_address])
    result = reminders_scan(today=date(2026, 5, 12))
    assert result.sent == 1
    assert mailoutbox == []
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["sans_adresse"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the race needs PostgreSQL (SQLite locks the whole file)"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_reminder_once(deadline_rule, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL")
    recipients = [UserFactory(username=f"course{i}", email=f"course{i}@example.org") for i in range(3)]
    organisations = [OrganisationFactory(name=f"Entreprise {i}") for i in range(8)]
    today = date(2026, 5, 12)
    for organisation in organisations:
        deadline_rule.add(organisation, today, recipients)
    expected = len(organisations) * len(recipients)

    start_together = threading.Barrier(2, timeout=20)
    deadline_rule.before_yield = start_together.wait
    results, errors = [], []

    def worker():
        try:
            results.append(reminders_scan(today=today))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert not errors, errors
    assert len(results) == 2
    assert sum(r.sent for r in results) == expected
    assert sum(r.skipped for r in results) == expected
    assert len(mailoutbox) == expected
    assert len({(m.to[0], m.subject) for m in mailoutbox}) == expected
    assert SentReminder.objects.count() == expected
    assert Notification.objects.count() == expected


# --- Failures -------------------------------------------------------------------------------
def test_an_smtp_failure_is_recorded_and_retried_at_the_next_scan(
    deadline_rule, recipient, organisation, settings, mailoutbox
):
    today = date(2026, 5, 12)
    deadline_rule.add(organisation, today, [recipient])

    settings.EMAIL_BACKEND = "tests.reminders.test_engine.FailingBackend"
    result = reminders_scan(today=today)
    assert (result.sent, result.failed) == (0, 1)
    log = SentReminder.objects.get()
    assert log.status == SentReminder.Status.FAILED
    assert log.attempts == 1
    assert "SMTPException" in log.error and "421" in log.error
    assert Notification.objects.count() == 1, "the in-app notice does not wait for the mail server"

    settings.EMAIL_BACKEND = LOCMEM
    result = reminders_scan(today=today)
    assert result.sent == 1
    log.refresh_from_db()
    assert log.status == SentReminder.Status.SENT and log.attempts == 2 and log.error == ""
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1

    assert reminders_scan(today=today).skipped == 1
    assert len(mail.outbox) == 1


def test_a_reminder_that_keeps_failing_is_tried_three_times_then_stays_failed(
    deadline_rule, recipient, organisation, settings
):
    today = date(2026, 5, 12)
    deadline_rule.add(organisation, today, [recipient])
    settings.EMAIL_BACKEND = "tests.reminders.test_engine.FailingBackend"
    for attempt in range(1, MAX_SEND_ATTEMPTS + 1):
        assert reminders_scan(today=today).failed == 1
        assert SentReminder.objects.get().attempts == attempt
    assert MAX_SEND_ATTEMPTS == 3

    settings.EMAIL_BACKEND = LOCMEM
    result = reminders_scan(today=today)
    assert (result.sent, result.failed, result.skipped) == (0, 0, 1)
    log = SentReminder.objects.get()
    assert log.status == SentReminder.Status.FAILED and log.attempts == 3
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_a_send_abandoned_by_a_dead_process_is_taken_back_later(
    deadline_rule, recipient, organisation, mailoutbox
):
    today = date(2026, 5, 12)
    deadline_rule.add(organisation, today, [recipient])
    # The process died between the claim (row and notice written) and the e-mail.
    log = SentReminder.objects.create(
        rule=RULE_KEY,
        object_key=f"directory.organisation:{organisation.pk}",
        due_date=today,
        recipient=recipient,
        subject="Échéance",
        status=SentReminder.Status.SENDING,
    )

    # Shortly after, another scan may still be sending it: left alone.
    assert reminders_scan(today=today).skipped == 1
    assert mailoutbox == []

    SentReminder.objects.filter(pk=log.pk).update(attempted_at=log.attempted_at - timedelta(minutes=31))
    result = reminders_scan(today=today)
    assert result.sent == 1
    log.refresh_from_db()
    assert log.status == SentReminder.Status.SENT and log.attempts == 2
    assert len(mailoutbox) == 1
    assert reminders_scan(today=today).skipped == 1


def test_a_rule_that_raises_does_not_stop_the_others(
    deadline_rule, recipient, organisation, mailoutbox, caplog
):
    @registry.register("tests.broken", "Règle cassée")
    def broken(today):
        raise RuntimeError("requête impossible")
        yield  # pragma: no cover

    try:
        deadline_rule.add(organisation, date(2026, 5, 12), [recipient])
        result = reminders_scan(today=date(2026, 5, 12))
    finally:
        registry.unregister("tests.broken")
    assert result.sent == 1 and result.rule_errors == 1
    assert len(mailoutbox) == 1
    assert "tests.broken" in caplog.text


# --- Dates ------------------------------------------------------------------------------------
def test_a_reminder_due_in_the_future_is_not_sent_yet(deadline_rule, recipient, organisation, mailoutbox):
    due = date(2026, 5, 13)
    deadline_rule.add(organisation, due, [recipient])
    assert reminders_scan(today=due - timedelta(days=1)).sent == 0
    assert mailoutbox == [] and not SentReminder.objects.exists() and not Notification.objects.exists()
    assert reminders_scan(today=due).sent == 1
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("utc_moment", "paris_day"),
    [
        # Eve of the spring change: 23:30 UTC is 00:30 (UTC+1) on the Sunday the clocks go forward.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 29)),
        # Eve of the autumn change: 22:30 UTC is 00:30 (UTC+2) on the Sunday the clocks go back.
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), date(2026, 10, 25)),
    ],
)
def test_the_due_day_is_the_day_in_paris(
    deadline_rule, recipient, organisation, mailoutbox, utc_moment, paris_day
):
    deadline_rule.add(organisation, paris_day, [recipient])
    deadline_rule.add(OrganisationFactory(name="Demain"), paris_day + timedelta(days=1), [recipient])
    assert utc_moment.date() == paris_day - timedelta(days=1)

    with frozen_now(utc_moment):
        result = reminders_scan()

    assert deadline_rule.seen_days == [paris_day]
    assert result.sent == 1
    assert mailoutbox[0].subject.startswith(f"Échéance du {paris_day:%d/%m/%Y}")


def test_a_due_datetime_counts_on_its_day_in_paris(deadline_rule, recipient, organisation, mailoutbox):
    # 23:30 UTC on 28 March is already 29 March in Paris.
    deadline_rule.items.append((organisation, datetime(2026, 3, 28, 23, 30, tzinfo=UTC), [recipient], ""))
    assert reminders_scan(today=date(2026, 3, 28)).sent == 0
    assert reminders_scan(today=date(2026, 3, 29)).sent == 1
    assert SentReminder.objects.get().due_date == date(2026, 3, 29)


def test_the_celery_task_scans_with_today_in_paris(deadline_rule, recipient, organisation, mailoutbox):
    from reminders.tasks import scan_reminders

    deadline_rule.add(organisation, date(2026, 3, 29), [recipient])
    with frozen_now(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)):
        outcome = scan_reminders.delay().get()
    assert outcome == {"sent": 1, "skipped": 0, "failed": 0, "rule_errors": 0}
    assert deadline_rule.seen_days == [date(2026, 3, 29)]


# --- Without a broker -------------------------------------------------------------------------
def test_the_send_reminders_command_does_the_same_without_a_broker(
    deadline_rule, recipient, organisation, mailoutbox
):
    deadline_rule.add(organisation, date(2026, 3, 29), [recipient])
    deadline_rule.add(OrganisationFactory(name="Plus tard"), date(2026, 3, 30), [recipient])

    out = StringIO()
    call_command("send_reminders", "--date", "2026-03-29", stdout=out)
    assert "Rappels envoyés : 1 — déjà envoyés : 0 — en échec : 0" in out.getvalue()
    assert deadline_rule.seen_days == [date(2026, 3, 29)]
    assert len(mailoutbox) == 1

    out = StringIO()
    call_command("send_reminders", "--date", "2026-03-29", stdout=out)
    assert "Rappels envoyés : 0 — déjà envoyés : 1" in out.getvalue()
    assert len(mailoutbox) == 1


def test_the_send_reminders_command_defaults_to_today_in_paris(deadline_rule, recipient, organisation):
    with frozen_now(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)):
        call_command("send_reminders", stdout=StringIO())
    assert deadline_rule.seen_days == [date(2026, 3, 29)]


def test_the_send_reminders_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="Date invalide"):
        call_command("send_reminders", "--date", "29/03/2026", stdout=StringIO())


# --- Immediate notices ------------------------------------------------------------------------
def test_notify_sends_an_in_app_notice_and_an_email(
    recipient, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        count = notify(
            users=[recipient, None],
            title="Livrable publié",
            message="Le bilan est en ligne.",
            url="/actions/",
        )
    assert count == 1
    assert Notification.objects.get().title == "Livrable publié"
    assert mailoutbox[0].subject == "Livrable publié"
    assert "/actions/" in mailoutbox[0].body


def test_notify_survives_a_mail_server_down(recipient, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.reminders.test_engine.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users=[recipient], title="Convocation") == 1
    assert Notification.objects.filter(user=recipient, title="Convocation").exists()
    email = OutgoingEmail.objects.get()
    assert (email.to, email.status, email.attempts) == (recipient.email, OutgoingEmail.Status.FAILED, 1)
