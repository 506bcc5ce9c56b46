"""Who sees what through the API.

- A token is its owner's alone: only they list and revoke it.
- The API never shows more than the site: each endpoint asks the owning app's `access.py` for the
  token owner's querysets. A portal-only account (member contact) has no internal page, so no API.
"""

from __future__ import annotations

from core import access as core_access
from directory.access import is_member_contact

from .models import ApiToken


def tokens_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(owner=user)


def can_use_api(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not is_member_contact(user))


core_access.register(ApiToken, visible=tokens_visible_to)
