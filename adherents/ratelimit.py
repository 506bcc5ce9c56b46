"""A small fixed-window rate limit on Django's cache (LocMem by default, Redis in production)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

#: Online membership applications accepted per address and per hour.
APPLICATIONS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def _key(name: str) -> str:
    # The address is hashed: the cache never holds it in clear.
    return "adherents:ratelimit:" + hashlib.sha256(name.encode()).hexdigest()


def is_limited(name: str, limit: int = APPLICATIONS_PER_HOUR) -> bool:
    return (cache.get(_key(name)) or 0) >= limit


def hit(name: str) -> int:
    """Count one use in the current window; returns the count so far."""
    key = _key(name)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count
