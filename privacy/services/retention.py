"""Retention: personal data past its period is deleted, or anonymised where figures count the rows.

Each kind (`privacy.models.RetentionKind`) is one `Sweep`: the rows due before a cut-off date, and what
is done to them. Rows are handled in batches of primary keys; a row already handled is no longer due, so
a pass run twice (or two passes at once) does the work once. Anonymised rows keep their status, dates and
counts (the statistics read those), lose the names, addresses and free text, and so do their history rows.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, Model, OuterRef, Q
from django.utils import timezone

from core.types import Actor
from privacy.models import DEFAULT_MONTHS, RetentionKind, RetentionRule, RetentionRun

BATCH_SIZE = 2000
ANONYMISED = "Anonymisé"


class Action:
    DELETE = "deleted"
    ANONYMISE = "anonymised"


@dataclass(frozen=True)
class Sweep:
    """The rows of one table that a kind removes or anonymises once older than the cut-off."""

    model: str
    due: Callable[[datetime], Q]
    action: str
    blank: dict | None = None  # field → value written when anonymising
    children: tuple[tuple[str, str, dict], ...] = ()  # (model, FK name to this one, field → value)


@dataclass(frozen=True)
class KindResult:
    """What a pass did (or would do) for one kind: rows per table, all older than `before`."""

    kind: str
    action: str
    before: datetime
    tables: dict[str, int]

    @property
    def label(self) -> str:
        return str(RetentionKind(self.kind).label)

    @property
    def count(self) -> int:
        return sum(self.tables.values())

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "action": self.action,
            "before": self.before.date().isoformat(),
            "count": self.count,
            "tables": self.tables,
        }


def _any_filled(*names: str) -> Q:
    query = Q()
    for name in names:
        query |= ~Q(**{name: ""})
    return query


def _team_not_anonymised() -> Exists:
    team = apps.get_model("calls.ProjectTeamMember")._base_manager.filter(application=OuterRef("pk"))
    return Exists(team.exclude(**_TEAM_MEMBER_BLANK))


_APPLICATION_BLANK = {
    "contact_name": ANONYMISED,
    "contact_function": "",
    "contact_email": "",
    "contact_phone": "",
    "accounting_firm_email": "",
}
_CALL_APPLICATION_BLANK = {
    "director_name": "",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "it_roles": "",
    "eligibility_note": "",
}
_TEAM_MEMBER_BLANK = {"full_name": ANONYMISED, "email": "", "phone": ""}

SWEEPS: dict[str, tuple[Sweep, ...]] = {
    RetentionKind.LOGIN_ATTEMPTS: tuple(
        Sweep(label, lambda before: Q(attempt_time__lt=before), Action.DELETE)
        for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")
    ),
    RetentionKind.OUTGOING_EMAILS: (
        Sweep(
            "reminders.OutgoingEmail",
            lambda before: Q(created_at__lt=before, status__in=("sent", "failed")),
            Action.DELETE,
        ),
    ),
    RetentionKind.NOTIFICATIONS: (
        Sweep("reminders.Notification", lambda before: Q(created_at__lt=before), Action.DELETE),
    ),
    RetentionKind.READ_LOG: (
        Sweep("privacy.ReadLogEntry", lambda before: Q(read_at__lt=before), Action.DELETE),
    ),
    RetentionKind.CONTACT_ATTEMPTS: (
        Sweep(
            "adherents.ContactAttempt",
            lambda before: Q(happened_at__lt=before) & _any_filled("person_reached", "summary"),
            Action.ANONYMISE,
            {"person_reached": "", "summary": ""},
        ),
    ),
    RetentionKind.MEMBERSHIP_APPLICATIONS_REJECTED: (
        Sweep(
            "adherents.MembershipApplication",
            lambda before: Q(status="refusee", reviewed_at__lt=before) & ~Q(contact_name=ANONYMISED),
            Action.ANONYMISE,
            _APPLICATION_BLANK,
        ),
    ),
    RetentionKind.CALL_APPLICATIONS_REJECTED: (
        Sweep(
            "calls.Application",
            lambda before: (
                Q(status__in=("non_eligible", "non_retenue"), decided_at__lt=before)
                & (_any_filled(*_CALL_APPLICATION_BLANK) | Q(_team_not_anonymised()))
            ),
            Action.ANONYMISE,
            _CALL_APPLICATION_BLANK,
            children=(("calls.ProjectTeamMember", "application", _TEAM_MEMBER_BLANK),),
        ),
    ),
}


def _history_sweeps() -> tuple[Sweep, ...]:
    """The author of every history row older than the period is forgotten; the row stays."""
    from privacy.register import historised_models

    return tuple(
        Sweep(
            model._meta.label,
            lambda before: Q(history_date__lt=before, history_user__isnull=False),
            Action.ANONYMISE,
            {"history_user": None},
        )
        for model in historised_models()
    )


def _sweeps_of(kind: str) -> tuple[Sweep, ...]:
    return _history_sweeps() if kind == RetentionKind.HISTORY_USERS else SWEEPS[kind]


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` earlier (the month's last day when that day does not exist)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_periods() -> dict[str, int]:
    """Months per kind: the administrators' setting, else the documented default."""
    periods: dict[str, int] = {
        kind: DEFAULT_MONTHS[cast(RetentionKind, kind)] for kind in RetentionKind.values
    }
    periods.update(RetentionRule.objects.values_list("kind", "months"))
    return periods


def _history_model(model: type[Model]) -> type[Model] | None:
    history = getattr(model, "history", None)
    return history.model if history is not None and hasattr(history, "model") else None


def _blank_existing(model: type[Model], values: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in model._meta.concrete_fields}
    return {name: value for name, value in values.items() if name in names}


def _apply_batch(sweep: Sweep, model: type[Model], pks: list[Any]) -> None:
    if sweep.action == Action.DELETE:
        model._base_manager.filter(pk__in=pks).delete()
        return
    assert sweep.blank is not None  # an anonymising sweep names what it writes
    model._base_manager.filter(pk__in=pks).update(**sweep.blank)
    # The history rows of what was anonymised keep the same data: they are anonymised too.
    targets = [(model, sweep.blank, "pk__in", pks)]
    for child_label, fk, blank in sweep.children:
        child = apps.get_model(child_label)
        child_pks = list(child._base_manager.filter(**{f"{fk}__in": pks}).values_list("pk", flat=True))
        child._base_manager.filter(pk__in=child_pks).update(**blank)
        targets.append((child, blank, "pk__in", child_pks))
    for target, blank, _lookup, target_pks in targets:
        if (history := _history_model(target)) is not None and (kept := _blank_existing(history, blank)):
            history._base_manager.filter(**{f"{target._meta.pk.attname}__in": target_pks}).update(**kept)


def _sweep(sweep: Sweep, before: datetime, *, dry_run: bool) -> int:
    model = apps.get_model(sweep.model)
    due = model._base_manager.filter(sweep.due(before)).distinct()
    if dry_run:
        return due.count()
    done = 0
    while True:
        with transaction.atomic():
            pks = list(due.order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
            if not pks:
                return done
            _apply_batch(sweep, model, pks)
        done += len(pks)


def retention_apply(*, by: Actor, dry_run: bool = False, now: datetime | None = None) -> list[KindResult]:
    """Delete or anonymise what is past its period; with `dry_run`, only count it.

    A real pass is logged (`RetentionRun`) with its actor and what it did, even when nothing was due.
    """
    now = now or timezone.now()
    run = None if dry_run else RetentionRun.objects.create(by=by)
    results = []
    for kind, months in retention_periods().items():
        before = months_before(now, months)
        sweeps = _sweeps_of(kind)
        tables = {sweep.model: _sweep(sweep, before, dry_run=dry_run) for sweep in sweeps}
        if kind == RetentionKind.HISTORY_USERS:  # dozens of history tables: name those concerned only
            tables = {label: count for label, count in tables.items() if count}
        results.append(KindResult(kind, sweeps[0].action if sweeps else Action.ANONYMISE, before, tables))
    if run is not None:
        run.results = [result.as_json() for result in results]
        run.finished_at = timezone.now()
        run.save(update_fields=["results", "finished_at"])
    return results
