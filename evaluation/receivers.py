"""Computed indicators kept fresh: recomputed once the data they read have changed.

Any save or delete of a model an indicator computation reads (the actions' participations,
deliverables, phases and financing; governance's meetings, attendance, decisions and
follow-up items; the service's member files) marks the computations reading that app as
stale (for the actions' rows: only the indicators of that action and of its programme); once
the transaction commits, their current and last closed periods are recomputed
(`services.computed_refresh`), once per transaction whatever the number of rows written.
The nightly task (`evaluation.tasks.compute_all_indicators`) stays as a safety net.

Closing an action freezes its indicators' final values and states; reopening it thaws them.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import computed

logger = logging.getLogger(__name__)

#: The apps whose data computed indicators read.
SOURCE_APPS = ("actions", "governance", "adherents")


def codes_reading(app_label: str) -> set[str]:
    """The computations reading the data of `app_label` (those without `requires` read the actions)."""
    return {
        entry.code
        for entry in computed.all_computations()
        if (entry.requires.split(".")[0] if entry.requires else "actions") == app_label
    }


def _flush() -> None:
    connection = transaction.get_connection()
    stale: dict[str, set | None] = getattr(connection, "_evaluation_stale", {})
    connection._evaluation_stale = {}
    from . import services

    for label, action_ids in stale.items():
        codes = codes_reading(label)
        if not codes:
            continue
        try:
            # No actor here: under a request, the history names its user (whose change this follows).
            services.computed_refresh(codes=codes, action_ids=action_ids, by=None)
        except Exception:  # a refresh that fails must not break the write that triggered it
            logger.exception("Computed indicators not refreshed (%s)", ", ".join(sorted(codes)))


def mark_stale(app_label: str, action_id: int | None = None) -> None:
    """The data of `app_label` changed (of one action when `action_id` is given): refresh the
    computations reading them once committed."""
    connection = transaction.get_connection()
    scheduled = connection.in_atomic_block and any(entry[1] is _flush for entry in connection.run_on_commit)
    if not scheduled:
        connection._evaluation_stale = {}
    stale = connection._evaluation_stale
    if action_id is None:
        stale[app_label] = None
    elif app_label not in stale:
        stale[app_label] = {action_id}
    elif stale[app_label] is not None:
        stale[app_label].add(action_id)
    if not scheduled:
        transaction.on_commit(_flush)


def _on_write(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures
        return
    label = sender._meta.app_label
    action_id = None
    if label == "actions":
        action_id = (
            instance.pk
            if sender._meta.model_name == "collectiveaction"
            else getattr(instance, "action_id", None)
        )
    mark_stale(label, action_id)


def _on_action_closed(sender, action, by=None, **kwargs) -> None:
    from . import services

    services.indicators_freeze(action=action, by=by)


def _on_action_reopened(sender, action, by=None, reason="", **kwargs) -> None:
    from . import services

    services.indicators_thaw(action=action, by=by)


def connect() -> None:
    """Called once from `EvaluationConfig.ready()`."""
    for label in SOURCE_APPS:
        if not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            post_save.connect(
                _on_write, sender=model, dispatch_uid=f"evaluation-fresh-save-{model._meta.label}"
            )
            post_delete.connect(
                _on_write, sender=model, dispatch_uid=f"evaluation-fresh-delete-{model._meta.label}"
            )
    try:
        from actions.signals import action_closed, action_reopened
    except ImportError:
        return
    action_closed.connect(_on_action_closed, dispatch_uid="evaluation-freeze-on-close")
    action_reopened.connect(_on_action_reopened, dispatch_uid="evaluation-thaw-on-reopen")
