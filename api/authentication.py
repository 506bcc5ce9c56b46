"""`Authorization: Bearer <key>` (or `Token <key>`): the token's owner is the request's user."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from .access import can_use_api
from .services import token_for_key

KEYWORDS = (b"bearer", b"token")


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Malformed Authorization header: expected « Bearer <key> ».")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token.")) from None
        token = token_for_key(key)
        if token is None or not can_use_api(token.owner):
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token."))
        type(token).objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.owner, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
