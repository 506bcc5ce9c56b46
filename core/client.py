"""Who is asking: the client's address behind the documented proxy, and the rate limits keyed on it.

The address comes from `X-Forwarded-For` only when `PROXY_COUNT` trusted proxies stand in front of
the application: each appends the address it received the request from, so the client is the
`PROXY_COUNT`-th entry from the right; everything left of it was written by the client and is
ignored (a spoofed header buys nothing). Without a proxy (`PROXY_COUNT=0`), `REMOTE_ADDR` only.
The login lock (django-axes, `AXES_CLIENT_IP_CALLABLE`) and the public forms' limits
(django-ratelimit) read the address from here, so they always agree.

Rate limits count in the shared cache under a key that never holds the address: it is reduced
to an HMAC with the secret key, which django-ratelimit hashes again into its cache key.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

_UNKNOWN = "0.0.0.0"  # requests without a usable address share one placeholder
#: IPv6 clients usually hold a whole /64: counting per address would give each of them 2**64 tries.
IPV6_PREFIX = 64


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The real client's address: the `PROXY_COUNT`-th entry from the right of `X-Forwarded-For`
    when the documented proxies are there, else `REMOTE_ADDR`."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "") or _UNKNOWN
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < proxies:
        # Not through the whole proxy chain: nothing in the header can be trusted.
        return remote
    return _valid(entries[-proxies]) or remote


def client_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key: the client's address (its /64 for IPv6), as an HMAC, never in clear."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        address = ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address
    return salted_hmac("core.client.client_key", str(address)).hexdigest()


def value_key(value: str) -> str:
    """django-ratelimit key for a value typed by the client (an e-mail address…), normalised and hashed."""
    return salted_hmac("core.client.value_key", value.strip().lower()).hexdigest()


def rate_limited(
    request: HttpRequest,
    *,
    group: str,
    rate: str,
    key: Callable[[str, HttpRequest], str] = client_key,
    count: bool = True,
) -> bool:
    """Whether `request` is over `rate` ("5/h") in `group`.

    `count=True` counts this request first (refused once the count goes over the rate);
    `count=False` only asks whether the rate is already used up, without counting.
    If the shared cache does not answer, nothing is limited: a public form keeps working.
    """
    try:
        usage = get_usage(request, group=group, key=key, rate=rate, increment=count)
    except Exception:  # the cache server is down: the form keeps working, the incident is logged
        logger.warning("Rate limit %s not checked: the cache did not answer.", group, exc_info=True)
        return False
    if usage is None:
        return False
    if count:
        return usage["should_limit"]
    return usage["count"] >= usage["limit"]
