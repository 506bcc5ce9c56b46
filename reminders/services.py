"""The reminder engine and the notices it (and any app) sends."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Model, Q
from django.utils import timezone

from core.history import records_actor, set_history_author
from core.types import Actor

from .grouping import about_label_for
from .models import Notification, NotificationPreference, OutgoingEmail, SentReminder
from .registry import DueReminder, Rule, all_rules

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 3
ABANDONED_AFTER = timedelta(minutes=30)
RETRY_AFTER = timedelta(minutes=10)


def absolute_url(path: str) -> str:
    """A link for an e-mail: the path on the configured site (SITE_URL; `make run` sets it to its port)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


Delivery = NotificationPreference.Delivery


def deliveries_of(users: Iterable[User]) -> dict[int, str]:
    """How each user wants their notices ({user id: delivery}); the default (e-mail at once) is not stored."""
    ids = [user.pk for user in users]
    if not ids:
        return {}
    return dict(NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", "delivery"))


def delivery_of(user: User) -> str:
    return deliveries_of([user]).get(user.pk, Delivery.IMMEDIATE)


@records_actor
def notification_preference_set(*, user: User, delivery: str, by: Actor) -> NotificationPreference:
    """A person chooses how they receive their notices; the history keeps who changed it (`by`) and when."""
    if delivery not in Delivery.values:
        raise ValueError(delivery)
    with transaction.atomic():
        preference = NotificationPreference.objects.select_for_update().filter(user=user).first()
        if preference is None:
            preference = NotificationPreference(user=user, delivery=delivery)
            set_history_author(preference, by)
            preference.save()
        elif preference.delivery != delivery:
            preference.delivery = delivery
            set_history_author(preference, by)
            preference.save(update_fields=["delivery", "updated_at"])
    return preference


def notify(
    *,
    users: Iterable[User | None],
    title: str,
    message: str = "",
    url: str = "",
    email: bool = True,
    actor: Actor | None = None,
    kind: str = "",
    about: Model | None = None,
) -> int:
    """Send an in-app notice to each user now, and an e-mail as each prefers: publishing, convocations…

    `actor` (the user who did what is announced) is never notified of their own act; `kind` names
    what happened and `about` the object it happened to, so notices are grouped per object and kind.
    Each recipient's preference decides the e-mail: at once (default), in tomorrow's digest, or none.
    """
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    about_label = about_label_for(about)
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    recipients = [
        user
        for user in dict.fromkeys(u for u in users if u is not None)
        if user.is_active and (actor_id is None or user.pk != actor_id)
    ]
    deliveries = deliveries_of(recipients)
    with transaction.atomic():
        for user in recipients:
            delivery = deliveries.get(user.pk, Delivery.IMMEDIATE)
            wants_mail = email and bool(user.email)
            Notification.objects.create(
                user=user,
                title=title[:255],
                message=message,
                url=url,
                kind=kind[:60],
                about_type=about_type,
                about_id=about.pk if about is not None else None,
                about_label=about_label,
                actor_id=actor_id,
                digest_due=wants_mail and delivery == Delivery.DIGEST,
            )
            if wants_mail and delivery == Delivery.IMMEDIATE:
                email_queue(to=[user.email], subject=title, body=_notice_body(message, url))
    return len(recipients)


def _notice_body(message: str, url: str) -> str:
    body = message
    if url:
        body += f"\n\n{absolute_url(url)}"
    return body + "\n\n— Copilote"


def _send_email(address: str, subject: str, message: str, url: str) -> None:
    send_mail(subject[:255], _notice_body(message, url), None, [address], fail_silently=False)


# --- Outgoing e-mails (the outbox) -----------------------------------------------------------
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
        from .tasks import send_email

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


# --- The daily digest -------------------------------------------------------------------------
def _start_of_day(now: datetime) -> datetime:
    day = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def notices_digest_send(*, now: datetime | None = None) -> int:
    """Run by beat every morning: one e-mail per person listing their notices of the days before.

    Only the notices of those who chose the digest wait for it (`digest_due`), and only those of
    the previous days (before midnight, Europe/Paris) go: a second run the same day finds them
    sent (`digested_at`) and sends nothing, so a person gets one digest a day. Notices already
    read in the app are left out. Returns the number of e-mails queued.
    """
    from .digest import digest_email

    now = now or timezone.now()
    cutoff = _start_of_day(now)
    sent = 0
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(digest_due=True, digested_at__isnull=True, created_at__lt=cutoff)
            .select_related("user")
            .order_by("user_id", "-created_at", "-pk")
        )
        per_user: dict[int, list[Notification]] = {}
        for notice in pending:
            per_user.setdefault(notice.user_id, []).append(notice)
        for notices in per_user.values():
            user = notices[0].user
            unread = [notice for notice in notices if notice.read_at is None]
            if unread and user.is_active and user.email:
                subject, body = digest_email(user=user, notices=unread, day=timezone.localdate(now))
                email_queue(to=[user.email], subject=subject, body=body)
                sent += 1
        Notification.objects.filter(pk__in=[notice.pk for notice in pending]).update(digested_at=now)
    return sent
