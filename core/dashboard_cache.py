"""Rendered dashboards kept in the cache until the data behind them changes.

A dashboard is the costliest page to build (every action, indicator and meeting of a
programme), it is read far more often than its data change, and it is the same for one
person, one scope, one set of filters and one day. Its rendered body is cached under a
key that holds a *generation* token; any write to a model of the apps dashboards read
(saved, deleted, or a many-to-many change) draws a new token, so the next view rebuilds
from the database. Bulk writes, which send no signal, call `data_changed()` themselves.

The token is drawn again when the transaction commits: a dashboard built from the old
data while the write was in flight is stored under the old token, which nobody reads
any more. Production shares the cache between processes (`CACHE_URL=redis://…`); if the
cache fails, the dashboard is built as if nothing were cached.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)
T = TypeVar("T")

# The apps whose data dashboards show, or which decide who sees what.
WATCHED_APPS = ("actions", "auth", "directory", "evaluation", "governance")
GENERATION_KEY = "dashboards:generation"
TIMEOUT = 10 * 60  # seconds; a safety net, changes invalidate at once
# Saves that change nothing a dashboard shows (a login stamps the user).
IGNORED_UPDATES = frozenset({"last_login"})


def _tolerant(operation: Callable[[], T], failure: str, default: T | None = None) -> T | None:
    """`operation()`, or `default` when the cache cannot be reached: a cache down must not take
    the dashboards with it, they are then built as if nothing were cached."""
    try:
        return operation()
    except Exception:
        logger.warning("Cache injoignable : %s", failure, exc_info=True)
        return default


def _current_token() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY)
    return token


def generation() -> str | None:
    """The current token (None when the cache cannot be reached)."""
    return _tolerant(_current_token, "tableaux de bord construits sans cache.")


def _draw() -> None:
    _tolerant(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None),
              "génération des tableaux de bord non renouvelée.")


def data_changed() -> None:
    """Every cached dashboard is stale: now, and again once the current transaction commits."""
    _draw()
    transaction.on_commit(_draw)


# Stands for the CSRF token in a cached body: each answer puts the token of its own request.
CSRF_PLACEHOLDER = "csrf-token-of-the-request-4f1c9e"


def cached_body(request, parts: tuple, template_name: str, context: Callable[[], dict]) -> str:
    """`template_name` rendered with `context()` for this person and these key parts, today;
    from the cache while no watched data changed. The template must not read the request:
    its forms get the CSRF token of the request that shows them."""
    body = _cached(parts, request.user,
                   lambda: render_to_string(template_name, {**context(), "csrf_token": CSRF_PLACEHOLDER}))
    return mark_safe(body.replace(CSRF_PLACEHOLDER, get_token(request)))


def _cached(parts: tuple, user, render: Callable[[], str]) -> str:
    token = generation()
    if token is None:
        return render()
    raw = "|".join(str(p) for p in (*parts, user.pk, timezone.localdate().isoformat(), get_language(), token))
    key = "dashboards:body:" + hashlib.sha256(raw.encode()).hexdigest()
    body = _tolerant(lambda: cache.get(key), "tableau de bord construit sans cache.")
    if body is None:
        body = render()
        _tolerant(lambda: cache.set(key, body, TIMEOUT), "tableau de bord non conservé.")
    return body


def _on_save(sender, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= IGNORED_UPDATES:
        return
    data_changed()


def _on_change(sender, **kwargs) -> None:
    data_changed()


def _on_m2m_change(sender, action, **kwargs) -> None:
    if action.startswith("post_") and sender._meta.app_label in WATCHED_APPS:
        data_changed()


def connect() -> None:
    """Called once from `CoreConfig.ready()`."""
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            post_save.connect(_on_save, sender=model, dispatch_uid=f"dashboards-save-{model._meta.label}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"dashboards-delete-{model._meta.label}")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="dashboards-m2m")
