"""Services of actions: closing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import authenticated_or_none, records_actor, set_history_author
from core.types import Actor

from .. import signals
from ..models import ActionPhase, CollectiveAction, PhaseTransition
from ..phases import PHASE_COUNT, phase_reference
from ._common import _tell_the_team
from .phases import (
    AlreadyMoved,
    _check_deliverables,
    _refuse_if_not_movable,
    _refuse_if_stale,
    _written_reason,
    reopen_blocker,
)


@records_actor
def action_close(
    *,
    action: CollectiveAction,
    by: Actor,
    override_reason: str | None = None,
    expected_number: int | None = None,
) -> CollectiveAction:
    """End the last phase (Bilan et évaluation) and close the action."""
    today = timezone.localdate()
    with transaction.atomic():
        action = CollectiveAction.objects.select_for_update().get(pk=action.pk)
        if expected_number is not None:
            _refuse_if_stale(action, expected_number)
            if action.status == CollectiveAction.Status.CLOSED:
                raise AlreadyMoved(_("The action is already closed. Nothing was changed."))
        _refuse_if_not_movable(action)
        if action.current_phase_number != PHASE_COUNT:
            raise ValidationError(
                _("An action is closed from its last phase (« %(phase)s »).")
                % {"phase": phase_reference(PHASE_COUNT).name}
            )
        last = action.phases.get(number=PHASE_COUNT)
        missing = _check_deliverables(last, override_reason, target=_("the closing of the action"))
        last.status = ActionPhase.Status.DONE
        last.actual_start = last.actual_start or today
        last.actual_end = today
        set_history_author(last, by)
        last.save()
        action.status = CollectiveAction.Status.CLOSED
        action.end_date = action.end_date or today
        set_history_author(action, by)
        action.save(update_fields=["status", "end_date", "updated_at"])
        PhaseTransition.objects.create(
            action=action,
            kind=PhaseTransition.Kind.CLOSE,
            from_number=PHASE_COUNT,
            to_number=PHASE_COUNT,
            by=authenticated_or_none(by),
            override_reason=(override_reason or "").strip() if missing else "",
            missing_deliverables=[d.title for d in missing],
        )
        closed = action
        transaction.on_commit(
            lambda: signals.action_closed.send(sender=CollectiveAction, action=closed, by=by)
        )
        _tell_the_team(
            action,
            by=by,
            kind="action_closed",
            title=_("%(action)s: action closed") % {"action": action.code},
            message=_("The action « %(action)s » is closed: its phases no longer change.")
            % {"action": action},
        )
    return action


@records_actor
def action_reopen(*, action: CollectiveAction, by: Actor, reason: str) -> CollectiveAction:
    """Reopen a closed action: it is ongoing again in its last phase (actual end cleared).

    `action_reopened` is sent once committed. A doubled form finds the action open: `AlreadyMoved`.
    """
    text = _written_reason(reason)
    with transaction.atomic():
        action = CollectiveAction.objects.select_for_update().get(pk=action.pk)
        if action.is_open:
            raise AlreadyMoved(_("The action is already open. Nothing was changed."))
        blocker = reopen_blocker(action)
        if blocker:
            raise ValidationError(blocker)
        last = action.phases.get(number=action.current_phase_number)
        last.status = ActionPhase.Status.IN_PROGRESS
        last.actual_end = None
        set_history_author(last, by)
        last.save()
        action.status = CollectiveAction.Status.ONGOING
        set_history_author(action, by)
        action.save(update_fields=["status", "updated_at"])
        PhaseTransition.objects.create(
            action=action,
            kind=PhaseTransition.Kind.REOPEN,
            from_number=action.current_phase_number,
            to_number=action.current_phase_number,
            by=authenticated_or_none(by),
            reason=text,
        )
        reopened = action
        transaction.on_commit(
            lambda: signals.action_reopened.send(sender=CollectiveAction, action=reopened, by=by, reason=text)
        )
        _tell_the_team(
            action,
            by=by,
            kind="action_reopened",
            title=_("%(action)s: action reopened") % {"action": action.code},
            message=_("The action « %(action)s » is ongoing again in its last phase. Reason: %(reason)s")
            % {"action": action, "reason": text},
        )
    return action
