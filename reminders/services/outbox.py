"""The outbox: e-mails written in a transaction, sent after it commits, retried when the server fails."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import OutgoingEmail

logger = logging.getLogger(__name__)


MAX_SEND_ATTEMPTS = 3
ABANDONED_AFTER = timedelta(minutes=30)
RETRY_AFTER = timedelta(minutes=10)


def email_queue(
    *, to: Iterable[str], subject: str, body: str, attachments: Iterable[tuple[str, bytes, str]] = ()
) -> list[OutgoingEmail]:
    """Record an e-mail per address and send each by a job once the caller's transaction commits.

    The caller's request never waits for, nor fails with, the mail server: a refusal is
    recorded on the row and retried later (`outgoing_emails_retry`).
    Attachments: (filename, content, mimetype) — small files such as an .ics.
    """
    files = [
        {"filename": name, "mimetype": mimetype, "content": base64.b64encode(content).decode("ascii")}
        for name, content, mimetype in attachments
    ]
    with transaction.atomic():
        emails = OutgoingEmail.objects.bulk_create(
            [
                OutgoingEmail(to=address, subject=subject[:255], body=body, attachments=files)
                for address in dict.fromkeys(a.strip() for a in to if a and a.strip())
            ]
        )
        for email in emails:
            _schedule_email(email.pk)
    return emails


def _schedule_email(email_id: int) -> None:
    def send() -> None:
        from ..tasks import send_email

        send_email.delay(email_id)

    # `robust`: a broker down must not break the request; the row waits for the retry job.
    transaction.on_commit(send, robust=True)


def outgoing_email_send(*, email_id: int) -> OutgoingEmail | None:
    """Send one recorded e-mail; None when it is not (or no longer) to be sent.

    The conditional UPDATE claims it, so a job delivered twice sends it once.
    """
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id,
        status__in=[OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.FAILED],
        attempts__lt=MAX_SEND_ATTEMPTS,
    ).update(status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, attempted_at=now)
    if not claimed:
        return None
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMessage(subject=email.subject, body=email.body, to=[email.to])
    for file in email.attachments:
        message.attach(file["filename"], base64.b64decode(file["content"]), file["mimetype"])
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP and friends: recorded, retried by `outgoing_emails_retry`.
        logger.warning("Outgoing e-mail %s to %s failed: %s", email.pk, email.to, exc)
        email.status, email.error = OutgoingEmail.Status.FAILED, f"{type(exc).__name__}: {exc}"
        email.save(update_fields=["status", "error"])
        return email
    email.status, email.error, email.sent_at = OutgoingEmail.Status.SENT, "", timezone.now()
    email.save(update_fields=["status", "error", "sent_at"])
    return email


def outgoing_emails_retry(*, now: datetime | None = None) -> int:
    """Run by beat every 15 minutes: send again what failed or never left, a bounded number of times.

    - `failed` with attempts left, last tried more than RETRY_AFTER ago;
    - `queued` for more than RETRY_AFTER: its job never reached a worker (broker down);
    - `sending` for more than ABANDONED_AFTER: the process sending it died — queued again
      if attempts are left, failed otherwise.
    """
    now = now or timezone.now()
    Status = OutgoingEmail.Status
    with transaction.atomic():
        OutgoingEmail.objects.filter(
            status=Status.SENDING, attempted_at__lt=now - ABANDONED_AFTER, attempts__gte=MAX_SEND_ATTEMPTS
        ).update(status=Status.FAILED, error="Envoi interrompu plusieurs fois (processus arrêté).")
        OutgoingEmail.objects.filter(status=Status.SENDING, attempted_at__lt=now - ABANDONED_AFTER).update(
            status=Status.QUEUED
        )
        due = list(
            OutgoingEmail.objects.filter(
                Q(status=Status.FAILED, attempts__lt=MAX_SEND_ATTEMPTS, attempted_at__lt=now - RETRY_AFTER)
                | Q(status=Status.QUEUED, created_at__lt=now - RETRY_AFTER)
            ).values_list("pk", flat=True)
        )
        for pk in due:
            _schedule_email(pk)
    return len(due)


def outgoing_email_resend(*, email: OutgoingEmail) -> None:
    """An administrator sends a failed e-mail again (its attempts start over)."""
    with transaction.atomic():
        if OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.FAILED).update(
            status=OutgoingEmail.Status.QUEUED, attempts=0, error=""
        ):
            _schedule_email(email.pk)
