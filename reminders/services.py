"""The reminder engine and the notices it (and any app) sends."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Notification, SentReminder
from .registry import DueReminder, all_rules

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 3
ABANDONED_AFTER = timedelta(minutes=30)


def absolute_url(path: str) -> str:
    if not path or path.startswith("http"):
        return path
    return settings.SITE_URL.rstrip("/") + path


def notify(*, users, title: str, message: str = "", url: str = "", email: bool = True) -> int:
    """Send an in-app notice (and an e-mail) to each user now: publishing, convocations…"""
    count = 0
    for user in users:
        if user is None or not user.is_active:
            continue
        Notification.objects.create(user=user, title=title[:255], message=message, url=url)
        if email and user.email:
            try:
                _send_email(user.email, title, message, url)
            except Exception:  # The in-app notice is there; a mail server down must not break the caller.
                logger.exception("Notice e-mail to user %s failed", user.pk)
        count += 1
    return count


def _send_email(address: str, subject: str, message: str, url: str) -> None:
    body = message
    if url:
        body += f"\n\n{absolute_url(url)}"
    body += "\n\n— Copilote"
    send_mail(subject[:255], body, None, [address], fail_silently=False)


@dataclass
class ScanResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    rule_errors: int = 0


def _claim(rule_key: str, due: DueReminder, recipient) -> SentReminder | None:
    """Insert the sent-log row, and the in-app notice with it; None if another scan has it.

    The unique constraint decides: of two scans racing on the same reminder, one insert
    wins, the other gets an IntegrityError. The notice is created in the same
    transaction, so it exists exactly once, whatever happens to the e-mail afterwards.
    """
    try:
        with transaction.atomic():
            log = SentReminder.objects.create(
                rule=rule_key,
                object_key=due.key(),
                due_date=due.due_date,
                recipient=recipient,
                subject=due.subject[:255],
            )
            Notification.objects.create(user=recipient, title=due.subject[:255], message=due.message, url=due.url)
            return log
    except IntegrityError:
        return None


def _reclaim(rule_key: str, due: DueReminder, recipient) -> SentReminder | None:
    """Claim back, a bounded number of times, a send that failed or that was abandoned.

    Abandoned: still `sending` long after any scan could still be at it (a scan is killed
    after 10 minutes), because the process died between the claim and the e-mail.
    The conditional UPDATE lets one scan only take it back.
    """
    now = timezone.now()
    claimed = (
        SentReminder.objects.filter(
            rule=rule_key,
            object_key=due.key(),
            due_date=due.due_date,
            recipient=recipient,
            attempts__lt=MAX_SEND_ATTEMPTS,
        )
        .filter(
            Q(status=SentReminder.Status.FAILED)
            | Q(status=SentReminder.Status.SENDING, attempted_at__lt=now - ABANDONED_AFTER)
        )
        .update(status=SentReminder.Status.SENDING, attempts=F("attempts") + 1, attempted_at=now)
    )
    if not claimed:
        return None
    return SentReminder.objects.get(
        rule=rule_key, object_key=due.key(), due_date=due.due_date, recipient=recipient
    )


def _deliver(log: SentReminder, due: DueReminder, recipient) -> bool:
    try:
        if recipient.email:
            _send_email(recipient.email, due.subject, due.message, due.url)
    except Exception as exc:  # SMTP and friends: recorded, retried at the next scan.
        logger.warning("Reminder %s to %s failed: %s", log.pk, recipient.pk, exc)
        SentReminder.objects.filter(pk=log.pk).update(
            status=SentReminder.Status.FAILED, error=f"{type(exc).__name__}: {exc}"
        )
        return False
    SentReminder.objects.filter(pk=log.pk).update(status=SentReminder.Status.SENT, sent_at=timezone.now(), error="")
    return True


def _as_date(value) -> date:
    # A rule may hand a datetime: the day that counts is the day in Europe/Paris.
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def reminders_scan(*, today: date | None = None, rules=None) -> ScanResult:
    """Evaluate every rule and send each due reminder once.

    `today` defaults to the current day in Europe/Paris (`timezone.localdate`), not in
    UTC: the 07:00 scan, or one run by hand just after midnight, sees the French day.
    A rule that raises is logged and skipped; the other rules still run.
    """
    today = today or timezone.localdate()
    result = ScanResult()
    for rule in rules if rules is not None else all_rules():
        try:
            dues = list(rule.collect(today))
        except Exception:
            logger.exception("Reminder rule %s failed", rule.key)
            result.rule_errors += 1
            continue
        for due in dues:
            due.due_date = _as_date(due.due_date)
            if due.due_date > today:
                continue
            for recipient in due.recipients:
                if recipient is None or not recipient.is_active:
                    continue
                log = _claim(rule.key, due, recipient) or _reclaim(rule.key, due, recipient)
                if log is None:
                    result.skipped += 1
                    continue
                if _deliver(log, due, recipient):
                    result.sent += 1
                else:
                    result.failed += 1
    return result
