"""Services of actions: phases."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import authenticated_or_none, records_actor, set_history_author
from core.types import Actor

from ..models import ActionPhase, CollectiveAction, Deliverable, PhaseTransition
from ..phases import PHASE_COUNT, phase_reference
from ._common import _tell_the_team, _versioned_update


def _missing_required(phase: ActionPhase) -> list[Deliverable]:
    return [
        d
        for d in phase.deliverables.all().order_by("pk")
        if d.is_required and d.status != Deliverable.Status.VALIDATED
    ]


def _refuse_if_not_movable(action: CollectiveAction) -> None:
    if action.status in (CollectiveAction.Status.CLOSED, CollectiveAction.Status.ABANDONED):
        raise ValidationError(
            _("This action is %(status)s: its phases can no longer change.")
            % {"status": action.get_status_display().lower()}
        )
    if action.status == CollectiveAction.Status.SUSPENDED:
        raise ValidationError(_("This action is suspended: resume it before moving to the next phase."))


def forward_blocker(action: CollectiveAction, *, closing: bool = False) -> str:
    """Why the action cannot move forward now (next phase, or closing), and what to do; "" when it can.

    Missing deliverables are not a blocker: the team may move on with a written reason.
    """
    if action.status == CollectiveAction.Status.CLOSED:
        return _(
            "This action is closed: its phases no longer change. To take it up again, reopen the action."
        )
    if action.status == CollectiveAction.Status.ABANDONED:
        return _("This action is abandoned: its phases no longer change.")
    if action.status == CollectiveAction.Status.SUSPENDED:
        return _("This action is suspended: set its status back to « Ongoing » in the fiche to move on.")
    if closing and action.current_phase_number != PHASE_COUNT:
        return _("An action is closed from its last phase (« %(phase)s »): move on phase by phase first.") % {
            "phase": phase_reference(PHASE_COUNT).name
        }
    if not closing and action.current_phase_number >= PHASE_COUNT:
        return _("« %(phase)s » is the last phase: close the action to end it.") % {
            "phase": phase_reference(PHASE_COUNT).name
        }
    return ""


def back_blocker(action: CollectiveAction) -> str:
    """Why the previous phase cannot be reopened now; "" when it can."""
    if action.status == CollectiveAction.Status.CLOSED:
        return _("This action is closed: reopen the action itself first.")
    if action.status in (CollectiveAction.Status.ABANDONED, CollectiveAction.Status.SUSPENDED):
        return forward_blocker(action)
    if action.current_phase_number <= 1:
        return _("The action is in its first phase: there is no previous phase to reopen.")
    return ""


def reopen_blocker(action: CollectiveAction) -> str:
    """Why the action cannot be reopened; "" when it can (it is closed)."""
    if action.status == CollectiveAction.Status.CLOSED:
        return ""
    if action.is_open:
        return _("The action is not closed: there is nothing to reopen.")
    return _("Only a closed action can be reopened; this one is %(status)s.") % {
        "status": action.get_status_display().lower()
    }


def _check_deliverables(phase: ActionPhase, override_reason: str | None, *, target: str) -> list[Deliverable]:
    missing = _missing_required(phase)
    reason = (override_reason or "").strip()
    if override_reason is not None and not reason:
        raise ValidationError(_("An override needs a written reason."))
    if missing and not reason:
        titles = ", ".join(f"« {d.title} »" for d in missing)
        raise ValidationError(
            _(
                "Cannot move on to %(target)s: the phase « %(phase)s » still has required deliverables "
                "that are not validated: %(missing)s. Validate them, or give a reason to override."
            )
            % {"target": target, "phase": phase.reference.name, "missing": titles}
        )
    return missing


class AlreadyMoved(ValidationError):
    """The move was asked from a state that is no longer the action's (a doubled or stale form):
    nothing is changed a second time."""


def _refuse_if_stale(
    action: CollectiveAction, expected_number: int | None, *, expected_status: str | None = None
) -> None:
    if expected_number is not None and expected_number != action.current_phase_number:
        raise AlreadyMoved(
            _(
                "The action has moved in the meantime: it is now in the phase « %(phase)s ». Nothing was changed."
            )
            % {"phase": action.current_phase_reference.name}
        )
    if expected_status is not None and action.status != expected_status:
        raise AlreadyMoved(
            _("The action is now %(status)s. Nothing was changed.")
            % {"status": action.get_status_display().lower()}
        )


def _written_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(_("Write the reason: it is kept in the action's history."))
    return text


@records_actor
def phase_advance(
    *,
    action: CollectiveAction,
    by: Actor,
    override_reason: str | None = None,
    expected_number: int | None = None,
) -> ActionPhase:
    """Close the current phase and open the next one. Returns the phase now in progress.

    `expected_number` is the phase the user saw when confirming: if the action has moved since
    (a doubled or stale form), `AlreadyMoved` is raised and nothing changes.
    """
    today = timezone.localdate()
    with transaction.atomic():
        action = CollectiveAction.objects.select_for_update().get(pk=action.pk)
        _refuse_if_stale(action, expected_number)
        _refuse_if_not_movable(action)
        number = action.current_phase_number
        if number >= PHASE_COUNT:
            raise ValidationError(
                _("« %(phase)s » is the last phase: close the action to end it.")
                % {"phase": phase_reference(number).name}
            )
        phases = {p.number: p for p in action.phases.all()}
        current, following = phases[number], phases[number + 1]
        target = _("the phase « %(phase)s »") % {"phase": following.reference.name}
        missing = _check_deliverables(current, override_reason, target=target)
        current.status = ActionPhase.Status.DONE
        current.actual_start = current.actual_start or today
        current.actual_end = today
        set_history_author(current, by)
        current.save()
        following.status = ActionPhase.Status.IN_PROGRESS
        following.actual_start = today
        following.actual_end = None
        set_history_author(following, by)
        following.save()
        action.current_phase_number = following.number
        if action.status == CollectiveAction.Status.DRAFT:
            action.status = CollectiveAction.Status.ONGOING
        set_history_author(action, by)
        action.save(update_fields=["current_phase_number", "status", "updated_at"])
        PhaseTransition.objects.create(
            action=action,
            kind=PhaseTransition.Kind.ADVANCE,
            from_number=number,
            to_number=following.number,
            by=authenticated_or_none(by),
            override_reason=(override_reason or "").strip() if missing else "",
            missing_deliverables=[d.title for d in missing],
        )
        _tell_the_team(
            action,
            by=by,
            kind="phase_advanced",
            title=_("%(action)s: now in the phase « %(phase)s »")
            % {"action": action.code, "phase": following.reference.name},
            message=_(
                "The phase « %(done)s » of the action « %(action)s » is done; « %(phase)s » starts today."
            )
            % {"done": current.reference.name, "action": action, "phase": following.reference.name},
        )
    return following


@records_actor
def phase_reopen(
    *, action: CollectiveAction, by: Actor, reason: str, expected_number: int | None = None
) -> ActionPhase:
    """Go back one phase: the current phase is not started any more (its actual start is cleared),
    the previous one is in progress again (its actual end is cleared). Returns the reopened phase.

    One step at a time, never before the first phase, not on a closed action (see `action_reopen`).
    """
    text = _written_reason(reason)
    with transaction.atomic():
        action = CollectiveAction.objects.select_for_update().get(pk=action.pk)
        _refuse_if_stale(action, expected_number)
        blocker = back_blocker(action)
        if blocker:
            raise ValidationError(blocker)
        number = action.current_phase_number
        phases = {p.number: p for p in action.phases.filter(number__in=(number - 1, number))}
        current, previous = phases[number], phases[number - 1]
        current.status = ActionPhase.Status.NOT_STARTED
        current.actual_start = None
        current.actual_end = None
        set_history_author(current, by)
        current.save()
        previous.status = ActionPhase.Status.IN_PROGRESS
        previous.actual_end = None
        set_history_author(previous, by)
        previous.save()
        action.current_phase_number = previous.number
        set_history_author(action, by)
        action.save(update_fields=["current_phase_number", "updated_at"])
        PhaseTransition.objects.create(
            action=action,
            kind=PhaseTransition.Kind.BACK,
            from_number=number,
            to_number=previous.number,
            by=authenticated_or_none(by),
            reason=text,
        )
        _tell_the_team(
            action,
            by=by,
            kind="phase_reopened",
            title=_("%(action)s: back to the phase « %(phase)s »")
            % {"action": action.code, "phase": previous.reference.name},
            message=_(
                "The phase « %(phase)s » of the action « %(action)s » is in progress again. Reason: %(reason)s"
            )
            % {"phase": previous.reference.name, "action": action, "reason": text},
        )
    return previous


@records_actor
def phase_update(
    *, phase: ActionPhase, by: Actor, expected_version: int | None = None, **fields: Any
) -> ActionPhase:
    return _versioned_update(phase, expected_version=expected_version, fields=fields)
