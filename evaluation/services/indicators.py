"""Services of evaluation: indicators"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.conflicts import check_version
from core.history import records_actor
from core.types import Actor

from .. import computed
from ..models import Indicator, TargetStep
from ._common import INDICATOR_FIELDS, _backfill_safely

if TYPE_CHECKING:
    from actions.models import CollectiveAction, Programme
    from directory.models import Organisation, Person
    from governance.models import Committee


def _validate_computation(indicator: Indicator) -> None:
    if not indicator.computation:
        return
    entry = computed.get(indicator.computation)
    if entry is None or indicator.scope_kind not in entry.scopes or not entry.available():
        raise ValidationError(
            {"computation": _("This computation is not available for this kind of indicator.")}
        )
    indicator.unit = entry.unit


@records_actor
@transaction.atomic
def indicator_create(
    *,
    scope: CollectiveAction | Programme | Committee | Organisation,
    by: Actor,
    responsible: Iterable[Person] = (),
    target_steps: dict[date, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    from actions.models import CollectiveAction, Programme
    from governance.models import Committee

    indicator = Indicator(**{k: v for k, v in fields.items() if k in INDICATOR_FIELDS})
    if isinstance(scope, CollectiveAction):
        indicator.action = scope
    elif isinstance(scope, Programme):
        indicator.programme = scope
    elif isinstance(scope, Committee):
        indicator.committee = scope
    else:
        indicator.service = scope
    _validate_computation(indicator)
    indicator.full_clean()
    indicator.save()
    indicator.responsible.set(responsible)
    if target_steps:
        target_steps_set(indicator=indicator, steps=target_steps, by=by)
    if indicator.is_computed:
        transaction.on_commit(lambda: _backfill_safely(indicator.pk, by=by))
    return indicator


@records_actor
@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    by: Actor,
    responsible: Iterable[Person] | None = None,
    target_steps: dict[date, Decimal] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Indicator:
    """Save an indicator. Made on a stale version (`expected_version`, see core.conflicts), it keeps what
    others changed on fields left alone and raises `EditConflict` where both changed the same field."""
    before = (indicator.computation, indicator.computation_params, indicator.periodicity)
    for name, value in fields.items():
        if name in INDICATOR_FIELDS:
            setattr(indicator, name, value)
    check_version(indicator, expected_version)
    _validate_computation(indicator)
    indicator.full_clean()
    indicator.save()
    if responsible is not None:
        indicator.responsible.set(responsible)
    if target_steps is not None:
        target_steps_set(indicator=indicator, steps=target_steps, by=by)
    if indicator.is_computed and before != (
        indicator.computation,
        indicator.computation_params,
        indicator.periodicity,
    ):
        transaction.on_commit(lambda: _backfill_safely(indicator.pk, by=by))
    return indicator


@records_actor
@transaction.atomic
def target_steps_set(*, indicator: Indicator, steps: dict[date, Decimal], by: User | None) -> None:
    """Replace the intermediate targets of an indicator (one by one: each change is in their history)."""
    objects = []
    for period, value in sorted(steps.items()):
        step = TargetStep(indicator=indicator, period=period, value=value)
        try:
            step.clean()
        except ValidationError as exc:
            label = f"{period:%Y-%m}"
            raise ValidationError({"target_steps": [f"{label} : {m}" for m in exc.messages]}) from exc
        objects.append(step)
    existing = {step.period: step for step in indicator.target_steps.all()}
    for step in objects:
        current = existing.pop(step.period, None)
        if current is None:
            step.save()
        elif current.value != step.value:
            current.value = step.value
            current.save()
    for step in existing.values():
        step.delete()
