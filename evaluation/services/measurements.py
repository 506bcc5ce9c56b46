"""Services of evaluation: measurements"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.conflicts import EditConflict, check_version
from core.history import records_actor
from core.types import Actor

from ..models import Indicator, Measurement
from ..periods import is_period_start


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
