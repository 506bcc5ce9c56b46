"""Rendered dashboards kept in the cache until the data behind them changes.

A dashboard is the costliest page to build (every action, indicator and meeting of a
programme), it is read far more often than its data change, and it is the same for one
person, one scope, one set of filters and one day. Its rendered body is cached under a
key that holds a *generation* token; any write to a table of the apps dashboards read draws
a new token, so the next view rebuilds from the database. The apps say so themselves: an
`AppConfig` with `feeds_dashboards = True` (next to its models). The writes are seen where
they happen, in the database connection (`connection.execute_wrapper`): a save, a delete, a
many-to-many change and a bulk write (`update()`, `bulk_create()`, which send no signal) alike,
so no service has to remember to say it wrote.

The token is drawn again when the transaction commits: a dashboard built from the old
data while the write was in flight is stored under the old token, which nobody reads
any more. Production shares the cache between processes (`CACHE_URL=redis://…`); if the
cache fails, the dashboard is built as if nothing were cached.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .types import Viewer

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Besides the apps that say `feeds_dashboards = True`: Django's accounts decide who sees what.
ALWAYS_WATCHED_APPS = ("auth",)
GENERATION_KEY = "dashboards:generation"
TIMEOUT = 10 * 60  # seconds; a safety net, changes invalidate at once
# Writes that change nothing a dashboard shows: a login stamps the user.
IGNORED_WRITE = re.compile(r'^UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"\."id" = %s$')
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


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
    _tolerant(
        lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None),
        "génération des tableaux de bord non renouvelée.",
    )


def data_changed() -> None:
    """Every cached dashboard is stale: now, and again once the current transaction commits."""
    _draw()
    transaction.on_commit(_draw)


# Stands for the CSRF token in a cached body: each answer puts the token of its own request.
CSRF_PLACEHOLDER = "csrf-token-of-the-request-4f1c9e"


def cached_body(request: HttpRequest, parts: tuple, template_name: str, context: Callable[[], dict]) -> str:
    """`template_name` rendered with `context()` for this person and these key parts, today;
    from the cache while no watched data changed. The template must not read the request:
    its forms get the CSRF token of the request that shows them."""
    body = _cached(
        parts,
        request.user,
        lambda: render_to_string(template_name, {**context(), "csrf_token": CSRF_PLACEHOLDER}),
    )
    return mark_safe(body.replace(CSRF_PLACEHOLDER, get_token(request)))


def _cached(parts: tuple, user: Viewer, render: Callable[[], str]) -> str:
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


def watched_apps() -> list[str]:
    return sorted(
        {
            *ALWAYS_WATCHED_APPS,
            *(
                config.label
                for config in apps.get_app_configs()
                if getattr(config, "feeds_dashboards", False)
            ),
        }
    )


def _watched_tables() -> frozenset[str]:
    tables = set()
    for label in watched_apps():
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return frozenset(tables)


class _WriteWatcher:
    """Around every statement of a connection: a write to a watched table makes the dashboards stale."""

    def __init__(self, tables: frozenset[str]):
        self.tables = tables

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        result = execute(sql, params, many, context)
        match = WRITE.match(sql)
        if match and match.group(1) in self.tables and not IGNORED_WRITE.match(sql):
            data_changed()
        return result


def _watch(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if not any(isinstance(wrapper, _WriteWatcher) for wrapper in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(_watched_tables()))


def connect() -> None:
    """Called once from `CoreConfig.ready()`: every connection opened from now on is watched."""
    connection_created.connect(_watch, dispatch_uid="dashboards-writes")
    from django.db import connections

    for alias in connections:  # a connection already open (a management command's early query)
        if connections[alias].connection is not None:
            _watch(None, connections[alias])
