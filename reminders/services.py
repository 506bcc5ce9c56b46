"""The reminder engine and the notices it (and any app) sends."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Notification, SentReminder
from .registry import DueReminder, all_rules

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 3


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
            _send_email(user.email, title, message, url)
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


def _claim(rule_key: str, due: DueReminder, recipient) -> SentReminder | None:
    try:
        with transaction.atomic():
            return SentReminder.objects.create(
                rule=rule_key,
                object_key=due.key(),
                due_date=due.due_date,
                recipient=recipient,
                subject=due.subject[:255],
            )
    except IntegrityError:
        return None


def _reclaim_failed(rule_key: str, due: DueReminder, recipient) -> SentReminder | None:
    """A failed send is tried again, a bounded number of times, by claiming the row back."""
    claimed = SentReminder.objects.filter(
        rule=rule_key,
        object_key=due.key(),
        due_date=due.due_date,
        recipient=recipient,
        status=SentReminder.Status.FAILED,
        attempts__lt=MAX_SEND_ATTEMPTS,
    ).update(status=SentReminder.Status.SENDING, attempts=F("attempts") + 1)
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
    with transaction.atomic():
        SentReminder.objects.filter(pk=log.pk).update(
            status=SentReminder.Status.SENT, sent_at=timezone.now(), error=""
        )
        if log.attempts == 1:
            Notification.objects.create(user=recipient, title=due.subject[:255], message=due.message, url=due.url)
    return True


def reminders_scan(*, today: date | None = None, rules=None) -> ScanResult:
    """Evaluate every rule and send each due reminder once."""
    today = today or timezone.localdate()
    result = ScanResult()
    for rule in rules if rules is not None else all_rules():
        for due in rule.collect(today):
            if due.due_date > today:
                continue
            for recipient in due.recipients:
                if recipient is None or not recipient.is_active:
                    continue
                log = _claim(rule.key, due, recipient) or _reclaim_failed(rule.key, due, recipient)
                if log is None:
                    result.skipped += 1
                    continue
                if _deliver(log, due, recipient):
                    result.sent += 1
                else:
                    result.failed += 1
    return result
