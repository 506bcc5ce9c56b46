"""The outbox: every e-mail the app sends is recorded, sent after commit, retried a bounded number of times."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from reminders.models import OutgoingEmail
from reminders.services import (
    ABANDONED_AFTER,
    MAX_SEND_ATTEMPTS,
    RETRY_AFTER,
    email_queue,
    outgoing_email_send,
    outgoing_emails_retry,
)

Status = OutgoingEmail.Status
FAILING = "tests.reminders.test_outbox.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (450, b"boite pleine")})


@pytest.fixture
def queue(db, django_capture_on_commit_callbacks):
    """Queue an e-mail and run what the commit triggers (the job, eager here)."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return email_queue(
                **{"to": ["claire@example.org"], "subject": "Convocation", "body": "Bonjour", **kwargs}
            )

    return run


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_queued_email_is_sent_after_commit_with_its_attachment(queue):
    [email] = queue(attachments=[("reunion-3.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")])
    email.refresh_from_db()
    assert (email.status, email.attempts, email.error) == (Status.SENT, 1, "")
    assert email.sent_at is not None
    [message] = mail.outbox
    assert message.to == ["claire@example.org"] and message.subject == "Convocation"
    assert message.attachments == [("reunion-3.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")]


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    class Abort(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Abort), transaction.atomic():
        email_queue(to=["claire@example.org"], subject="Convocation", body="Bonjour")
        raise Abort
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_one_row_per_distinct_address_and_blank_addresses_are_ignored(queue):
    emails = queue(to=["a@example.org", " a@example.org", "", "b@example.org", None])
    assert sorted(e.to for e in emails) == ["a@example.org", "b@example.org"]
    assert len(mail.outbox) == 2


def test_a_refusal_is_recorded_and_sent_again_later_then_once_only(
    queue, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    [email] = queue()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.FAILED, 1)
    assert "SMTPRecipientsRefused" in email.error and "boite pleine" in email.error

    settings.EMAIL_BACKEND = LOCMEM
    assert outgoing_emails_retry(now=later(1)) == 0, "not straight away: the server needs time"
    with django_capture_on_commit_callbacks(execute=True):
        assert outgoing_emails_retry(now=later(RETRY_AFTER.seconds // 60 + 1)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.error) == (Status.SENT, 2, "")
    assert len(mail.outbox) == 1
    assert outgoing_email_send(email_id=email.pk) is None, "a job delivered again sends nothing"
    assert len(mail.outbox) == 1


def test_an_email_refused_every_time_is_tried_a_bounded_number_of_times_then_stays_failed(
    queue, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    [email] = queue()
    for step in range(1, 6):
        with django_capture_on_commit_callbacks(execute=True):
            outgoing_emails_retry(now=later(15 * step))
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.FAILED, MAX_SEND_ATTEMPTS)
    assert MAX_SEND_ATTEMPTS == 3
    assert outgoing_emails_retry(now=later(600)) == 0


def test_a_send_abandoned_by_a_dead_process_is_taken_back_then_failed_when_out_of_attempts(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM
    old = timezone.now() - ABANDONED_AFTER - timedelta(minutes=1)
    taken_back = OutgoingEmail.objects.create(
        to="a@example.org",
        subject="A",
        body="x",
        status=Status.SENDING,
        attempts=1,
        attempted_at=old,
        created_at=old,
    )
    exhausted = OutgoingEmail.objects.create(
        to="b@example.org",
        subject="B",
        body="x",
        status=Status.SENDING,
        attempts=MAX_SEND_ATTEMPTS,
        attempted_at=old,
        created_at=old,
    )
    recent = OutgoingEmail.objects.create(
        to="c@example.org",
        subject="C",
        body="x",
        status=Status.SENDING,
        attempts=1,
        attempted_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        outgoing_emails_retry()
    for email in (taken_back, exhausted, recent):
        email.refresh_from_db()
    assert (taken_back.status, taken_back.attempts) == (Status.SENT, 2)
    assert exhausted.status == Status.FAILED and "interrompu" in exhausted.error
    assert recent.status == Status.SENDING, "perhaps still being sent: left alone"
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_broker_down_leaves_the_email_queued_and_the_retry_job_sends_it(
    db, django_capture_on_commit_callbacks
):
    with (
        mock.patch("reminders.tasks.send_email.delay", side_effect=ConnectionError("broker injoignable")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        [email] = email_queue(to=["claire@example.org"], subject="Convocation", body="Bonjour")
    email.refresh_from_db()
    assert email.status == Status.QUEUED and mail.outbox == []

    assert outgoing_emails_retry(now=later(5)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert outgoing_emails_retry(now=later(11)) == 1
    email.refresh_from_db()
    assert email.status == Status.SENT and len(mail.outbox) == 1


def test_the_retry_runs_every_quarter_hour_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-retry-unsent-emails"]
    assert entry["task"] == "reminders.tasks.retry_unsent_emails"
    assert len(entry["schedule"].minute) == 4


# --- The administrator's view -----------------------------------------------------------------
def test_an_administrator_sees_failed_emails_and_sends_them_again(
    queue, settings, admin_user, client_for, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    [email] = queue(attachments=[("reunion.ics", b"ics", "text/calendar")])
    client = client_for(admin_user)
    listing = client.get(reverse("admin:reminders_outgoingemail_changelist") + "?status__exact=failed")
    assert listing.status_code == 200
    assert "claire@example.org" in listing.content.decode()
    detail = client.get(reverse("admin:reminders_outgoingemail_change", args=[email.pk]))
    assert detail.status_code == 200 and "reunion.ics" in detail.content.decode()

    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reminders_outgoingemail_changelist"),
            {"action": "resend", "_selected_action": [email.pk]},
            follow=True,
        )
    assert "1 courriel remis en file d’envoi." in response.content.decode()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)
    assert len(mail.outbox) == 1


def test_people_other_than_administrators_never_reach_the_outbox(queue, pilot, client_for):
    [email] = queue()
    client = client_for(pilot)
    assert client.get(reverse("admin:reminders_outgoingemail_changelist")).status_code == 302
    assert client.get(reverse("admin:reminders_outgoingemail_change", args=[email.pk])).status_code == 302
