"""Writes of the evaluation: indicators, measurements (manual and computed), the approach of an action."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.conflicts import EditConflict, check_version
from core.history import records_actor
from core.types import Actor

from . import computed
from .models import ActionAssessment, ApproachEntry, Indicator, Measurement, TargetStep
from .periods import (
    add_periods,
    is_period_start,
    last_closed_period,
    period_end,
    period_start,
    periods_between,
)

logger = logging.getLogger(__name__)

INDICATOR_FIELDS = (
    "name",
    "kind",
    "evaluation",
    "unit",
    "scale_max",
    "direction",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "periodicity",
    "definition",
    "source",
    "computation",
    "computation_params",
    "is_active",
)


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
def indicator_create(*, scope, by: Actor, responsible=(), target_steps=None, **fields) -> Indicator:
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
    responsible=None,
    target_steps=None,
    expected_version: int | None = None,
    **fields,
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


def measurement_check(indicator: Indicator, period: date, value: Decimal) -> None:
    """A value for this indicator and period: the period's first day, a value the indicator accepts."""
    if not is_period_start(period, indicator.periodicity):
        raise ValidationError({"period": _("Choose the first day of a period of this indicator.")})
    try:
        indicator.validate_value(value)
    except ValidationError as exc:
        raise ValidationError({"value": exc.messages}) from exc


def duplicate_message(indicator: Indicator, period: date) -> str:
    return _("A value already exists for %(period)s: change it instead of adding another one.") % {
        "period": indicator.period_label(period)
    }


@records_actor
def measurement_record(
    *,
    indicator: Indicator,
    period: date,
    value: Decimal,
    by: User | None,
    comment: str = "",
    source: str = "",
    is_computed: bool = False,
) -> Measurement:
    """Add the value of a period; a second value for the same period is refused."""
    measurement_check(indicator, period, value)
    if Measurement.objects.filter(indicator=indicator, period=period).exists():
        raise ValidationError({"period": duplicate_message(indicator, period)})
    try:
        with transaction.atomic():
            return Measurement.objects.create(
                indicator=indicator,
                period=period,
                value=value,
                comment=comment,
                source=source,
                entered_by=by,
                is_computed=is_computed,
            )
    except IntegrityError as exc:  # Two people saving the same period at the same moment.
        raise ValidationError({"period": duplicate_message(indicator, period)}) from exc


@records_actor
def measurements_record_many(*, rows: list[dict], by: User | None) -> list[Measurement]:
    """Add the values of several indicators and periods at once (a month's entry, an API batch).

    The same rules as `measurement_record` for each row, then one insert of the values and one of
    their history rows (author `by`), so a thousand values cost a handful of queries. All or none:
    a period that already has a value refuses the whole call.
    """
    if not rows:
        return []
    for row in rows:
        measurement_check(row["indicator"], row["period"], row["value"])
    keys = {(row["indicator"].pk, row["period"]) for row in rows}
    taken = Measurement.objects.filter(
        indicator_id__in={key[0] for key in keys}, period__in={key[1] for key in keys}
    ).values_list("indicator_id", "period")
    for indicator_id, period in taken:
        if (indicator_id, period) in keys:
            indicator = next(row["indicator"] for row in rows if row["indicator"].pk == indicator_id)
            raise ValidationError({"period": duplicate_message(indicator, period)})
    objects = [
        Measurement(
            indicator=row["indicator"],
            period=row["period"],
            value=row["value"],
            comment=row.get("comment", ""),
            source=row.get("source", ""),
            entered_by=by,
        )
        for row in rows
    ]
    try:
        with transaction.atomic():
            created = bulk_create_with_history(objects, Measurement, batch_size=500, default_user=by)
    except IntegrityError as exc:  # two people saving the same period at the same moment
        raise ValidationError({"period": duplicate_message(rows[0]["indicator"], rows[0]["period"])}) from exc
    return created


@records_actor
@transaction.atomic
def measurement_update(
    *,
    measurement: Measurement,
    value: Decimal,
    by: User | None,
    comment: str = "",
    source: str = "",
    expected_version: int | None = None,
) -> Measurement:
    """Correct a value; the former one stays in the measurement's history. Made on a stale version
    (`expected_version`, see core.conflicts), it raises `EditConflict` where the other person changed
    what this one changes too."""
    measurement_check(measurement.indicator, measurement.period, value)
    measurement.value = value
    measurement.comment = comment
    measurement.source = source
    check_version(measurement, expected_version)  # before naming the new author: who entered it is no edit
    measurement.entered_by = by
    measurement.save()
    return measurement


@dataclass
class MonthEntryResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: The lines not saved (their index in `rows`): their value was changed by someone else meanwhile.
    conflicts: dict[int, EditConflict] = field(default_factory=dict)


def _month_values(measurement: Measurement) -> tuple:
    return measurement.value, measurement.comment, measurement.source


@records_actor
@transaction.atomic
def measurements_enter_month(*, rows: list[dict], by: Actor) -> MonthEntryResult:
    """Save the rows of the month's entry form in one go: a new value, a corrected one, or nothing.

    Each line is its own save ("last write wins" per line), except that a line carrying the version
    it was opened on (`expected_version`, see core.conflicts) whose value, comment or source someone
    else changed meanwhile, to something else than what this person typed, is not saved: it is in
    `result.conflicts` and the other lines are saved all the same.
    """
    result = MonthEntryResult()
    new_rows = [row for row in rows if row.get("value") is not None and row.get("measurement") is None]
    result.created = len(measurements_record_many(rows=new_rows, by=by))
    for index, row in enumerate(rows):
        value, existing = row.get("value"), row.get("measurement")
        if value is None or existing is None:
            continue
        comment, source = row.get("comment", ""), row.get("source", "")
        stored = _month_values(existing)
        if (value, comment, source) == stored:
            result.unchanged += 1
            continue
        try:
            with transaction.atomic():
                existing.value, existing.comment, existing.source = value, comment, source
                check_version(existing, row.get("expected_version"))
                if _month_values(existing) == stored:  # only what the other person changed: theirs is kept
                    result.unchanged += 1
                    continue
                measurement_update(
                    measurement=existing,
                    value=existing.value,
                    by=by,
                    comment=existing.comment,
                    source=existing.source,
                )
                result.updated += 1
        except EditConflict as conflict:
            existing.value, existing.comment, existing.source = stored
            result.conflicts[index] = conflict
    return result


@records_actor
def indicator_compute(*, indicator: Indicator, period: date, by: User | None) -> Measurement | None:
    """Record (or refresh) the computed value of one period; None when there is nothing to measure."""
    entry = computed.get(indicator.computation)
    if entry is None or not entry.available():
        return None
    start = period_start(period, indicator.periodicity)
    value = entry.compute(indicator, start, period_end(start, indicator.periodicity))
    if value is None:
        return None
    indicator.validate_value(value)
    with transaction.atomic():
        measurement, created = Measurement.objects.select_for_update().get_or_create(
            indicator=indicator,
            period=start,
            defaults={"value": value, "is_computed": True, "source": str(entry.label)},
        )
        if not created and measurement.value != value:
            measurement.value = value
            measurement.is_computed = True
            measurement.save(update_fields=["value", "is_computed", "updated_at"])
    return measurement


@records_actor
def indicator_compute_now(
    *, indicator: Indicator, by: User | None, today: date | None = None
) -> list[Measurement]:
    """The current period (value so far) and the last closed one, as the nightly task does."""
    today = today or timezone.localdate()
    results = []
    for period in (
        last_closed_period(today, indicator.periodicity),
        period_start(today, indicator.periodicity),
    ):
        measurement = indicator_compute(indicator=indicator, period=period, by=by)
        if measurement is not None:
            results.append(measurement)
    return results


@records_actor
def compute_all_indicators(*, by: User | None, today: date | None = None) -> int:
    """Every active computed indicator not frozen: its current and last closed periods (its whole
    history if it has no value yet). Returns the values recorded."""
    count = 0
    queryset = (
        Indicator.objects.filter(is_active=True, frozen_on__isnull=True)
        .exclude(computation="")
        .select_related("action__programme", "programme", "service")
    )
    for indicator in queryset:
        try:
            if indicator.measurements.exists():
                count += len(indicator_compute_now(indicator=indicator, today=today, by=by))
            else:  # never measured (created before its history was computed): every period
                count += indicator_backfill(indicator=indicator, today=today, by=by)
        except (ValidationError, ArithmeticError):
            # One indicator whose data cannot be measured must not stop the others.
            logger.exception("Computed indicator %s could not be measured", indicator.pk)
    return count


#: How far back a computed indicator's history goes when nothing dates its start.
HISTORY_YEARS = 6
HISTORY_MAX_PERIODS = 72


def history_start(indicator: Indicator, today: date) -> date:
    """Where a computed indicator's history starts: its baseline date, or else the start of its
    action or programme; a committee's or a service's indicator reads all their data of the last
    6 years (a committee may have met before its programme started). 72 periods at most."""
    scope_start = None
    if indicator.action_id:
        scope_start = indicator.action.start_date
    elif indicator.programme_id:
        scope_start = indicator.programme.start_date
    start = indicator.baseline_date or scope_start or date(today.year - HISTORY_YEARS, 1, 1)
    oldest = add_periods(
        period_start(today, indicator.periodicity), indicator.periodicity, -(HISTORY_MAX_PERIODS - 1)
    )
    return min(max(start, oldest), today)


@records_actor
def indicator_backfill(*, indicator: Indicator, by: User | None, today: date | None = None) -> int:
    """Every period of a computed indicator, from `history_start` to the current one: the values
    wherever the data exist. Returns the values recorded."""
    today = today or timezone.localdate()
    count = 0
    for period in periods_between(history_start(indicator, today), today, indicator.periodicity):
        if indicator_compute(indicator=indicator, period=period, by=by) is not None:
            count += 1
    return count


def _backfill_safely(indicator_id: int, *, by: Actor) -> None:
    indicator = Indicator.objects.filter(pk=indicator_id, is_active=True, frozen_on__isnull=True).first()
    if indicator is None or not indicator.is_computed:
        return
    try:
        indicator_backfill(indicator=indicator, by=by)
    except (ValidationError, ArithmeticError):
        logger.exception("Computed indicator %s could not be measured", indicator_id)


@records_actor
def computed_refresh(*, by: User | None, codes=None, action_ids=None, today: date | None = None) -> int:
    """The current and last closed periods of the active computed indicators (of `codes`, or all;
    of these actions and their programmes, or all), except frozen ones: what
    `evaluation.receivers` runs once the data they read have changed."""
    queryset = Indicator.objects.filter(is_active=True, frozen_on__isnull=True).exclude(computation="")
    if codes is not None:
        queryset = queryset.filter(computation__in=list(codes))
    if action_ids is not None:
        from actions.models import CollectiveAction

        programmes = CollectiveAction.objects.filter(pk__in=list(action_ids)).values("programme_id")
        queryset = queryset.filter(Q(action_id__in=list(action_ids)) | Q(programme_id__in=programmes))
    count = 0
    for indicator in queryset.select_related("action__programme", "programme", "service", "committee"):
        try:
            count += len(indicator_compute_now(indicator=indicator, today=today, by=by))
        except (ValidationError, ArithmeticError):
            logger.exception("Computed indicator %s could not be measured", indicator.pk)
    return count


def _action_indicators(action):
    return Indicator.objects.filter(Q(action=action) | Q(committee__action=action))


@records_actor
@transaction.atomic
def indicators_freeze(*, action, by: User | None, on: date | None = None) -> int:
    """Store the final value, state and progress of the action's indicators, as they stand on `on`
    (the closing day): shown as « Valeur finale au … », never « en retard » afterwards."""
    from .selectors import indicator_states
    from .status import frozen

    on = on or timezone.localdate()
    computed_ids = list(
        _action_indicators(action).exclude(computation="").filter(is_active=True).values_list("pk", flat=True)
    )
    for indicator in Indicator.objects.filter(pk__in=computed_ids).select_related("action", "committee"):
        try:
            indicator_compute_now(indicator=indicator, today=on, by=by)
        except (ValidationError, ArithmeticError):
            logger.exception("Computed indicator %s could not be measured", indicator.pk)
    # The values of the periods started by the closing day (a later one is not part of the action).
    states = indicator_states(_action_indicators(action).filter(frozen_on__isnull=True), until=on, today=on)
    for s in states:
        indicator = s.indicator
        trajectory = indicator.trajectory(
            intermediate=s.steps, first_period=getattr(indicator, "first_period", None)
        )
        if trajectory.origin_value is None and indicator.first_value is not None:
            trajectory = replace(trajectory, origin_value=indicator.first_value)
        final = frozen(trajectory, s.value, s.period, on)
        indicator.frozen_on = on
        indicator.final_value = s.value
        indicator.final_period = s.period
        indicator.final_state = final.state
        indicator.final_progress = final.progress
        indicator.save(
            update_fields=[
                "frozen_on",
                "final_value",
                "final_period",
                "final_state",
                "final_progress",
                "updated_at",
            ]
        )
    return len(states)


@records_actor
@transaction.atomic
def indicators_thaw(*, action, by: User | None) -> int:
    """The action reopened: its indicators follow their data again."""
    count = 0
    for indicator in _action_indicators(action).filter(frozen_on__isnull=False):
        indicator.frozen_on = indicator.final_period = indicator.final_value = indicator.final_progress = None
        indicator.final_state = ""
        indicator.save(
            update_fields=[
                "frozen_on",
                "final_value",
                "final_period",
                "final_state",
                "final_progress",
                "updated_at",
            ]
        )
        count += 1
    for indicator in _action_indicators(action).exclude(computation="").filter(is_active=True):
        transaction.on_commit(lambda pk=indicator.pk: _backfill_safely(pk, by=by))
    return count


@records_actor
@transaction.atomic
def approach_entry_add(*, action, by: Actor, kind: str, text: str, on: date | None = None) -> ApproachEntry:
    entry = ApproachEntry(
        action=action, author=by, kind=kind, text=text.strip(), date=on or timezone.localdate()
    )
    entry.full_clean()
    entry.save()
    return entry


@records_actor
@transaction.atomic
def assessment_update(
    *, action, by: Actor, expected_version: int | None = None, **fields
) -> ActionAssessment:
    """Save the action's assessment (created the first time). Made on a stale version (`expected_version`,
    see core.conflicts; 0 when the page was opened before it existed), it keeps what others changed on
    fields left alone and raises `EditConflict` where both changed the same field."""
    assessment, created = ActionAssessment.objects.get_or_create(action=action)
    if created:
        expected_version = None  # nobody else wrote it: nothing to compare with
    elif expected_version == 0:
        # Opened before it existed, that is blank: compared with its first version, created blank here.
        expected_version = (
            assessment.history.order_by("history_id").values_list("history_id", flat=True).first()
        )
    for name, value in fields.items():
        setattr(assessment, name, value)
    check_version(assessment, expected_version)
    assessment.full_clean()
    assessment.save()
    return assessment
