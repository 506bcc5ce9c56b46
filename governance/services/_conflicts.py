"""Edit conflicts in governance's services: check the version on the values submitted, then lock.

Governance's services lock the row with `core.locking.locked()`, which reloads the in-memory object.
`checked_fields` puts the submitted values on the object, runs `core.conflicts.check_version` (which
raises `EditConflict`, or merges into the object what others changed on fields this person left as
they were) and returns the values to write once the row is locked and reloaded.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Max

from core.conflicts import check_version


def checked_fields(instance: models.Model, fields: dict[str, Any], expected_version: int | None) -> dict[str, Any]:
    """Call it inside the service's transaction, before `locked(instance)`."""
    if expected_version is None:
        return fields
    for name, value in fields.items():
        setattr(instance, name, value)
    check_version(instance, expected_version)
    return {name: getattr(instance, name) for name in fields}


def text_check(instance: models.Model | None, attname: str, mine: str, expected_version: int | None):
    """A text field saved from a page opened on `expected_version` of `instance` (its row locked and read afresh).

    Returns `(value_to_write, row)`: `row` is None when there is no conflict, else the history row of the
    latest change (who and when). Version 0 means the page was opened before the row existed (an empty text).
    """
    if expected_version is None or instance is None or instance.pk is None:
        return mine, None
    rows = instance.history.model.objects.filter(**{instance._meta.pk.attname: instance.pk})
    latest = rows.select_related("history_user").order_by("-history_id").first()
    if latest is None or latest.history_id <= expected_version:
        return mine, None
    base = rows.filter(history_id=expected_version).first() if expected_version else None
    seen = getattr(base, attname) if base is not None else ""
    stored = getattr(instance, attname)
    if stored == seen or mine == stored:
        return mine, None
    if mine == seen:
        return stored, None  # only the other person changed it: keep theirs
    return mine, latest


def latest_versions(model, ids) -> dict[int, int]:
    """The last history id of each row of `model` in `ids`, in one query (0 for a row without history)."""
    history = model.history.model
    key = model._meta.pk.attname
    found = dict(
        history.objects.filter(**{f"{key}__in": list(ids)}).values_list(key).annotate(last=Max("history_id"))
    )
    return {pk: found.get(pk, 0) for pk in ids}
