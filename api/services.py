"""Creating and revoking API tokens: every change names its author in the history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import records_actor
from core.types import Actor
from evaluation.access import indicators_enterable_by, indicators_visible_to
from evaluation.models import Measurement
from evaluation.services import MonthEntryResult, measurement_check, measurements_enter_month

from .models import PREFIX_LENGTH, ApiToken, ApiWriteLog, hash_key


@records_actor
def token_create(*, owner: User, name: str, scope: str, by: Actor) -> tuple[ApiToken, str]:
    """A new token for `owner`; returns it with its clear key (shown once, never stored)."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        owner=owner, name=name, scope=scope, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key)
    )
    return token, key


@records_actor
def token_revoke(*, token: ApiToken, by: Actor) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token of this clear key, or None."""
    if not key:
        return None
    return (
        ApiToken.objects.select_related("owner")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )


class BatchRejected(Exception):
    """A batch of measurements with faulty lines: nothing is written, every faulty line is named."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = sorted(errors, key=lambda error: error["index"])


def line_error(index: int, line: object, reason: str) -> dict[str, Any]:
    line = line if isinstance(line, dict) else {}
    return {
        "index": index,
        "indicator": str(line.get("indicator", "")),
        "period": str(line.get("period", "")),
        "reason": reason,
    }


@records_actor
def measurements_batch_write(
    *,
    lines: list[tuple[int, dict[str, Any]]],
    by: User,
    token: ApiToken | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> MonthEntryResult:
    """Write a batch of values (the DHIS2 way): all of them, or none.

    `lines` are `(index in the batch, {indicator: id, period, value, source})`; `errors` the lines already
    refused for their form. Each line must name an indicator `by` may enter values for, once, on the first
    day of one of its periods, with a value it accepts; otherwise `BatchRejected` names every faulty line.
    A line equal to what is stored changes nothing (a batch sent twice writes once); an empty source keeps
    the stored one. The write is logged with its token.
    """
    errors = list(errors or [])
    ids = {line["indicator"] for _index, line in lines}
    enterable = {i.pk: i for i in indicators_enterable_by(by).filter(pk__in=ids)}
    visible = set(indicators_visible_to(by).filter(pk__in=ids).values_list("pk", flat=True))
    existing = {
        (m.indicator_id, m.period): m
        for m in Measurement.objects.filter(
            indicator_id__in=list(enterable), period__in={ln["period"] for _i, ln in lines}
        )
    }
    seen, rows = set(), []
    for index, line in lines:
        indicator = enterable.get(line["indicator"])
        key = (line["indicator"], line["period"])
        if indicator is None:
            reason = (
                _("You may not enter values for this indicator.")
                if line["indicator"] in visible
                else _("Unknown indicator, or not visible to you.")
            )
            errors.append(line_error(index, line, reason))
            continue
        if key in seen:
            errors.append(line_error(index, line, _("This indicator and period appear twice in the batch.")))
            continue
        try:
            measurement_check(indicator, line["period"], line["value"])
        except ValidationError as exc:
            errors.append(line_error(index, line, " ".join(exc.messages)))
            continue
        seen.add(key)
        current = existing.get(key)
        rows.append(
            {
                "indicator": indicator,
                "period": line["period"],
                "value": line["value"],
                "source": line["source"] or (current.source if current else ""),
                "comment": current.comment if current else "",
                "measurement": current,
            }
        )
    if errors:
        raise BatchRejected(errors)
    with transaction.atomic():
        result = measurements_enter_month(rows=rows, by=by)
        if token is not None:
            ApiWriteLog.objects.create(
                token=token,
                endpoint="measurements",
                lines=len(rows),
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
            )
    return result
