"""Who may read a notification: its recipient, and nobody else (administrators included).

Every signed-in account has its own list, a member contact's portal account too; somebody
else's notification is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet

from core import access as core_access

from .models import Notification


def notifications_visible_to(user) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


core_access.register(Notification, visible=notifications_visible_to)
