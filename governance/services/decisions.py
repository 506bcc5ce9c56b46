"""Services of governance: decisions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import check_version, checked_values
from core.history import records_actor, restore_fields
from core.locking import locked
from directory.models import Person

from ..models import AgendaItem, Decision, FollowUpItem, Meeting
from .minutes import current_minutes

if TYPE_CHECKING:
    from actions.models import ActionPhase, CollectiveAction, Deliverable


def _require_decisions_open(meeting: Meeting) -> None:
    """Call it with the meeting's row locked (`locked(meeting)`)."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Decisions are recorded once the meeting is recorded as held."))
    minutes = current_minutes(meeting)
    if minutes is not None and minutes.is_read_only:
        raise ValidationError(
            _("The minutes are approved: decisions can no longer change (start a correction).")
        )


def decisions_closed_reason(meeting: Meeting) -> str:
    """Why the meeting's decisions may no longer change ("" while they may: held, minutes not approved).
    A read, without a lock: for the pages; the services check it again under the meeting's lock."""
    try:
        _require_decisions_open(meeting)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@records_actor
def decision_record(
    *, meeting: Meeting, text: str, by: User, agenda_item: AgendaItem | None = None
) -> Decision:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("This agenda item belongs to another meeting."))
    if not text.strip():
        raise ValidationError(_("Write the decision."))
    with transaction.atomic():
        _require_decisions_open(locked(meeting))
        return Decision.objects.create(
            meeting=meeting, agenda_item=agenda_item, text=text.strip(), recorded_by=by
        )


def _lock_changeable(decision: Decision) -> None:
    """Lock the decision's meeting, then the decision, inside the caller's transaction; refuse when
    decisions may no longer change or the decision was deleted meanwhile."""
    _require_decisions_open(locked(decision.meeting))
    try:
        locked(decision)
    except Decision.DoesNotExist:
        raise ValidationError(_("This decision was already deleted.")) from None


@records_actor
def decision_delete(*, decision: Decision, by: User) -> None:
    with transaction.atomic():
        _lock_changeable(decision)
        decision.delete()


@records_actor
def decision_text_restore(
    *, decision: Decision, record_id: int, by: User, expected_version: int | None = None
) -> list[str]:
    """Bring back the text of `decision` as it was in its history row `record_id`: a new version, by `by`.

    Allowed while decisions may change (the meeting held, its minutes not approved). `expected_version` is the
    version the person compared with: if somebody changed the text since, `EditConflict` (nothing restored).
    Returns the fields that changed (empty: the text was already that one).
    """
    with transaction.atomic():
        _lock_changeable(decision)
        record = decision.history.filter(history_id=record_id).exclude(history_type="-").first()
        if record is None:
            raise ValidationError(_("This version of the decision does not exist."), code="missing")
        changed = restore_fields(decision, record=record, fields=("text",), by=by)
        check_version(decision, expected_version)
        if changed:
            decision.full_clean()
            decision.save()
    return changed


@records_actor
def followup_create(
    *,
    decision: Decision,
    title: str,
    owner: Person,
    due_date: date,
    by: User,
    action: CollectiveAction | None = None,
    phase: ActionPhase | None = None,
    deliverable: Deliverable | None = None,
    notes: str = "",
) -> FollowUpItem:
    if phase is not None and action is not None and phase.action_id != action.pk:
        raise ValidationError(_("This phase belongs to another action."))
    if deliverable is not None and action is not None and deliverable.action_id != action.pk:
        raise ValidationError(_("This deliverable belongs to another action."))
    with transaction.atomic():
        locked(decision)
        item = FollowUpItem(
            decision=decision,
            title=title,
            owner=owner,
            due_date=due_date,
            action=action or (phase.action if phase else deliverable.action if deliverable else None),
            phase=phase,
            deliverable=deliverable,
            notes=notes,
        )
        item.full_clean()
        item.save()
    return item


@records_actor
def followup_update(
    *,
    item: FollowUpItem,
    status: str,
    by: User,
    done_on: date | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> FollowUpItem:
    with transaction.atomic():
        submitted = dict(fields, status=status)
        if done_on is not None:
            submitted["done_on"] = done_on
        submitted = checked_values(item, submitted, expected_version)
        locked(item)
        status = submitted.pop("status")
        done_on = submitted.pop("done_on", done_on)
        for name, value in submitted.items():
            setattr(item, name, value)
        item.status = status
        if status == FollowUpItem.Status.DONE:
            item.done_on = done_on or item.done_on or timezone.localdate()
            if item.done_on > timezone.localdate():
                raise ValidationError(_("The done date cannot be in the future."))
        else:
            item.done_on = None
        item.full_clean()
        item.save()
    return item
