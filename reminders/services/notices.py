"""Notices: in the app and by e-mail, as each person chose (`NotificationPreference`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from core.history import records_actor, set_history_author
from core.types import Actor

from ..grouping import about_label_for
from ..models import Notification, NotificationPreference
from .outbox import email_queue


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
                email_queue(to=[user.email], subject=title, body=notice_body(message, url))
    return len(recipients)


def notice_body(message: str, url: str) -> str:
    """The text of a notice's e-mail: its message, the address it points to, the signature."""
    body = message
    if url:
        body += f"\n\n{absolute_url(url)}"
    return body + "\n\n— Copilote"
