"""The reminder engine: each rule's due reminders, sent once per (rule, object, due date, recipient)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..grouping import about_label_for
from ..models import Notification, NotificationPreference, SentReminder
from ..registry import DueReminder, Rule, all_rules
from .notices import Delivery, notice_body
from .outbox import ABANDONED_AFTER, MAX_SEND_ATTEMPTS

logger = logging.getLogger(__name__)


@dataclass
class ScanResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    rule_errors: int = 0


def _claim(
    rule_key: str, due: DueReminder, recipient: User, delivery: str = Delivery.IMMEDIATE
) -> SentReminder | None:
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
            about = due.about if due.about is not None else due.obj
            Notification.objects.create(
                user=recipient,
                title=due.subject[:255],
                message=due.message,
                url=due.url,
                kind=rule_key[:60],
                about_type=ContentType.objects.get_for_model(about),
                about_id=about.pk,
                about_label=about_label_for(about),
                digest_due=bool(recipient.email) and delivery == Delivery.DIGEST,
            )
            return log
    except IntegrityError:
        return None


def _reclaim(rule_key: str, due: DueReminder, recipient: User) -> SentReminder | None:
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


def _deliver(
    log: SentReminder, due: DueReminder, recipient: User, delivery: str = Delivery.IMMEDIATE
) -> bool:
    """E-mail the reminder now, unless its recipient reads their notices in the app only or in the digest."""
    try:
        if recipient.email and delivery == Delivery.IMMEDIATE:
            _send_email(recipient.email, due.subject, due.message, due.url)
    except Exception as exc:  # SMTP and friends: recorded, retried at the next scan.
        logger.warning("Reminder %s to %s failed: %s", log.pk, recipient.pk, exc)
        SentReminder.objects.filter(pk=log.pk).update(
            status=SentReminder.Status.FAILED, error=f"{type(exc).__name__}: {exc}"
        )
        return False
    SentReminder.objects.filter(pk=log.pk).update(
        status=SentReminder.Status.SENT, sent_at=timezone.now(), error=""
    )
    return True


def _send_email(address: str, subject: str, message: str, url: str) -> None:
    send_mail(subject[:255], notice_body(message, url), None, [address], fail_silently=False)


def _as_date(value: date | datetime) -> date:
    # A rule may hand a datetime: the day that counts is the day in Europe/Paris.
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def reminders_scan(*, today: date | None = None, rules: Iterable[Rule] | None = None) -> ScanResult:
    """Evaluate every rule and send each due reminder once.

    `today` defaults to the current day in Europe/Paris (`timezone.localdate`), not in
    UTC: the 07:00 scan, or one run by hand just after midnight, sees the French day.
    A rule that raises is logged and skipped; the other rules still run.
    """
    today = today or timezone.localdate()
    result = ScanResult()
    # The few stored preferences (the default is not stored): one query for the whole scan.
    deliveries = dict(NotificationPreference.objects.values_list("user_id", "delivery"))
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
                delivery = deliveries.get(recipient.pk, Delivery.IMMEDIATE)
                log = _claim(rule.key, due, recipient, delivery) or _reclaim(rule.key, due, recipient)
                if log is None:
                    result.skipped += 1
                    continue
                if _deliver(log, due, recipient, delivery):
                    result.sent += 1
                else:
                    result.failed += 1
    return result
