"""Login and password-reset throttling, besides django-axes' own lock (settings, "Brute force").

Axes locks an account after N failures from any addresses, and an address after N failures on any
accounts. On a successful login we forget only that account's failures from that address: a typo
streak is wiped, but failures others made on the account, or from the address on other accounts,
still count (axes' own reset on success would wipe the address's count, so one valid account of
one's own would reset it between guesses on someone else's).
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from .client import client_ip, rate_limited, value_key


def forget_own_failures(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if request is None:
        return
    AccessAttempt.objects.filter(username=user.get_username(), ip_address=client_ip(request)).delete()


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """Count one reset request for the address and for the target e-mail; False once either is
    over its hourly rate (the e-mail is then not sent again; the page answers the same)."""
    by_address = rate_limited(
        request, group="core.password_reset.address", rate=settings.PASSWORD_RESET_RATE_PER_ADDRESS
    )
    by_email = rate_limited(
        request,
        group="core.password_reset.email",
        rate=settings.PASSWORD_RESET_RATE_PER_EMAIL,
        key=lambda group, request: value_key(email),
    )
    return not (by_address or by_email)


def connect() -> None:
    user_logged_in.connect(forget_own_failures, dispatch_uid="core.auth_throttle.forget_own_failures")
