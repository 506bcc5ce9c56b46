"""A fixed-window counter in Django's cache: the public form accepts so many posts per address."""

from __future__ import annotations

from django.core.cache import cache

PUBLIC_FORM_LIMIT = 10
PUBLIC_FORM_WINDOW = 3600  # seconds


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def allow(key: str, *, limit: int = PUBLIC_FORM_LIMIT, window: int = PUBLIC_FORM_WINDOW) -> bool:
    """Count one hit under `key`; False once more than `limit` hits fell in the window."""
    cache_key = f"calls:ratelimit:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
