"""The daily digest: the notices of the day gathered in one e-mail for those who chose it."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Notification
from .outbox import email_queue


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
    from ..digest import digest_email

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
