"""The revocable token of each user's private calendar feed."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..models import CalendarToken


# --- Calendar subscription -------------------------------------------------------------
def calendar_token_get_or_create(*, user: User) -> CalendarToken:
    """The user's live token; a new one if none. Only a new one carries its plain `token` (to be
    shown once): the live one's is not stored, so a user who lost it renews it."""
    with transaction.atomic():
        token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
        return token or CalendarToken.objects.create(user=user)


def calendar_token_revoke(*, user: User, renew: bool) -> CalendarToken | None:
    """Revoke the live token (the old URL stops working); optionally issue a new one (with its
    plain `token`, to be shown once)."""
    with transaction.atomic():
        CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return CalendarToken.objects.create(user=user) if renew else None
