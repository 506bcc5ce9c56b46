"""Services of adherents: trajectories, contact log, member file."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import check_version
from core.history import records_actor, set_history_author
from core.types import Actor

from ..models import (
    UNREACHABLE_AFTER_ATTEMPTS,
    Adherent,
    ContactAttempt,
    StaffNote,
    StepInstance,
    TrajectoryStep,
)
from ._common import _open_step_of_kind, _reschedule, step_complete


@records_actor
def step_reopen(*, instance: StepInstance, by: Actor) -> StepInstance:
    with transaction.atomic():
        instance.completed_on = None
        instance.completed_by = None
        instance.save(update_fields=["completed_on", "completed_by"])
        _reschedule(instance.adherent, instance.step.template_id, instance.started_on, by=by)
    return instance


@records_actor
def contact_log(
    *,
    adherent: Adherent,
    by: Actor,
    channel: str,
    outcome: str,
    happened_at: datetime | None = None,
    person_reached: str = "",
    summary: str = "",
    step: StepInstance | None = None,
) -> ContactAttempt:
    """Record a contact; a success marks the member reached (and the welcome call done),
    repeated failures flag the member unreachable."""
    happened_at = happened_at or timezone.now()
    if happened_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"happened_at": _("A contact cannot be logged in the future.")})
    if step is not None and step.adherent_id != adherent.pk:
        raise ValidationError({"step": _("This step belongs to another member.")})
    with transaction.atomic():
        attempt = ContactAttempt.objects.create(
            adherent=adherent,
            by=by,
            channel=channel,
            outcome=outcome,
            happened_at=happened_at,
            person_reached=person_reached,
            summary=summary,
            step=step,
        )
        fields = []
        if outcome == ContactAttempt.Outcome.REACHED:
            if adherent.first_reached_at is None or happened_at < adherent.first_reached_at:
                adherent.first_reached_at = happened_at
                fields.append("first_reached_at")
            if adherent.unreachable:
                adherent.unreachable = False
                fields.append("unreachable")
            welcome = (
                step if step is not None and step.step.kind == TrajectoryStep.Kind.WELCOME_CALL else None
            )
            welcome = welcome or _open_step_of_kind(adherent, TrajectoryStep.Kind.WELCOME_CALL)
            if (
                welcome is not None
                and not welcome.completed_on
                and channel
                in (
                    ContactAttempt.Channel.PHONE,
                    ContactAttempt.Channel.VIDEO,
                    ContactAttempt.Channel.MEETING,
                )
            ):
                step_complete(instance=welcome, by=by, completed_on=timezone.localtime(happened_at).date())
        elif outcome in (ContactAttempt.Outcome.UNREACHABLE, ContactAttempt.Outcome.MESSAGE_LEFT):
            recent = list(
                adherent.contacts.order_by("-happened_at", "-pk").values_list("outcome", flat=True)[
                    :UNREACHABLE_AFTER_ATTEMPTS
                ]
            )
            failures = [
                o
                for o in recent
                if o in (ContactAttempt.Outcome.UNREACHABLE, ContactAttempt.Outcome.MESSAGE_LEFT)
            ]
            if len(failures) >= UNREACHABLE_AFTER_ATTEMPTS and not adherent.unreachable:
                adherent.unreachable = True
                fields.append("unreachable")
        if fields:
            Adherent.objects.filter(pk=adherent.pk).update(**{f: getattr(adherent, f) for f in fields})
    return attempt


@records_actor
def adherent_update(
    *, adherent: Adherent, by: Actor, data: dict, expected_version: int | None = None
) -> Adherent:
    """Save the member file (history keeps who changed what). Made on a stale version (`expected_version`,
    see core.conflicts), it keeps what others changed on fields left alone and raises `EditConflict` where
    both changed the same field."""
    with transaction.atomic():
        for name, value in data.items():
            setattr(adherent, name, value)
        check_version(adherent, expected_version)
        if adherent.unit is not None and adherent.unit.service_id != adherent.service_id:
            raise ValidationError({"unit": _("This UST belongs to another service.")})
        if adherent.sector is not None and adherent.sector.service_id != adherent.service_id:
            raise ValidationError({"sector": _("This sector belongs to another service.")})
        set_history_author(adherent, by)
        adherent.save()
    return adherent


@records_actor
def portal_contacts_update(
    *, adherent: Adherent, by: Actor, data: dict, expected_version: int | None = None
) -> Adherent:
    """The member updates its contacts and opening hours, and nothing else (a stale version: see
    core.conflicts, `EditConflict` where the service's staff changed the same contact meanwhile)."""
    allowed = {k: v for k, v in data.items() if k in Adherent.PORTAL_EDITABLE_FIELDS}
    with transaction.atomic():
        for name, value in allowed.items():
            setattr(adherent, name, value)
        check_version(adherent, expected_version)
        set_history_author(adherent, by)
        setattr(adherent, "_change_reason", _("Updated by the member on the portal"))  # noqa: B010
        adherent.save()
    return adherent


@records_actor
def staff_note_add(*, adherent: Adherent, by: User, body: str) -> StaffNote:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("The note is empty.")})
    return StaffNote.objects.create(adherent=adherent, author=by, body=body)
