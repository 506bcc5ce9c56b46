"""Creating and revoking API tokens: every change names its author in the history."""

from __future__ import annotations

from django.utils import timezone

from core.history import records_actor

from .models import PREFIX_LENGTH, ApiToken, hash_key


@records_actor
def token_create(*, owner, name: str, scope: str, by) -> tuple[ApiToken, str]:
    """A new token for `owner`; returns it with its clear key (shown once, never stored)."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        owner=owner, name=name, scope=scope, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key)
    )
    return token, key


@records_actor
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token of this clear key, or None."""
    if not key:
        return None
    return (
        ApiToken.objects.select_related("owner")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
