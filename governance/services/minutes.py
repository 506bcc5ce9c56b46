"""Versioned minutes, decisions and their follow-up items."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dashboard_cache import data_changed
from directory.models import Person

from ..access import can_approve_minutes_directly
from ..models import (
    AgendaItem,
    Decision,
    FollowUpItem,
    Meeting,
    Minutes,
    MinutesItem,
)


# --- Minutes ------------------------------------------------------------------------
def current_minutes(meeting: Meeting) -> Minutes | None:
    return meeting.minutes_versions.order_by("-version").first()


def minutes_save(*, meeting: Meeting, by, summary: str, item_texts: dict[int, str]) -> Minutes:
    """Write the minutes (the current draft or circulated version), item by item."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Minutes are written once the meeting is recorded as held."))
    with transaction.atomic():
        minutes = current_minutes(meeting)
        if minutes is None:
            minutes = Minutes.objects.create(meeting=meeting, version=1, written_by=by)
        elif minutes.is_read_only:
            raise ValidationError(_("These minutes are approved and read-only: start a correction to change them."))
        minutes.summary = summary
        minutes.written_by = by
        minutes.save(update_fields=["summary", "written_by", "updated_at"])
        agenda_ids = set(meeting.agenda_items.values_list("pk", flat=True))
        existing = {mi.agenda_item_id: mi for mi in minutes.items.all()}
        for agenda_id, text in item_texts.items():
            if agenda_id not in agenda_ids:
                continue
            row = existing.get(agenda_id)
            if row is None:
                MinutesItem.objects.create(minutes=minutes, agenda_item_id=agenda_id, text=text)
            elif row.text != text:
                row.text = text
                row.save(update_fields=["text"])
        # An item with minutes written was dealt with.
        written = [aid for aid, text in item_texts.items() if text.strip() and aid in agenda_ids]
        AgendaItem.objects.filter(pk__in=written, status=AgendaItem.Status.OPEN).update(status=AgendaItem.Status.DONE)
        data_changed()  # a bulk write sends no signal
    return minutes


def minutes_circulate(*, minutes: Minutes) -> Minutes:
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Only draft minutes can be circulated."))
    if not (minutes.summary.strip() or minutes.items.exclude(text="").exists()):
        raise ValidationError(_("These minutes are empty: write them before circulating them."))
    with transaction.atomic():
        minutes.status = Minutes.Status.CIRCULATED
        minutes.circulated_at = timezone.now()
        minutes.save(update_fields=["status", "circulated_at", "updated_at"])
    return minutes


def minutes_approve(*, minutes: Minutes, by, mode: str, at_meeting: Meeting | None = None) -> Minutes:
    """Approve by the chair, or record their approval at a later meeting of the committee."""
    if minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(_("These minutes are already approved."))
    if not (minutes.summary.strip() or minutes.items.exclude(text="").exists()):
        raise ValidationError(_("These minutes are empty: write them before approving them."))
    if mode == Minutes.ApprovalMode.MEETING:
        if at_meeting is None:
            raise ValidationError(_("Choose the meeting at which the minutes were approved."))
        if at_meeting.committee_id != minutes.meeting.committee_id or at_meeting.starts_at <= minutes.meeting.starts_at:
            raise ValidationError(_("The approving meeting must be a later meeting of the same committee."))
        if at_meeting.status != Meeting.Status.HELD:
            raise ValidationError(_("The approving meeting must have been held."))
    elif mode == Minutes.ApprovalMode.CHAIR:
        at_meeting = None
        if not can_approve_minutes_directly(by, minutes.meeting.committee):
            raise ValidationError(_("Only the chair approves the minutes directly; otherwise record the meeting that approved them."))
    else:
        raise ValidationError(_("Unknown approval mode."))
    with transaction.atomic():
        minutes.status = Minutes.Status.APPROVED
        minutes.approved_at = timezone.now()
        minutes.approved_by = by
        minutes.approval_mode = mode
        minutes.approved_at_meeting = at_meeting
        minutes.save()
    return minutes


def minutes_correct(*, minutes: Minutes, by, reason: str) -> Minutes:
    """Open a new draft version of approved minutes; the approved one stays as it was."""
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationError(_("Only approved minutes need a correction: edit the draft directly."))
    if current_minutes(minutes.meeting).pk != minutes.pk:
        raise ValidationError(_("A correction of these minutes is already in progress."))
    if not reason.strip():
        raise ValidationError(_("Say why the minutes are corrected."))
    with transaction.atomic():
        new = Minutes.objects.create(
            meeting=minutes.meeting, version=minutes.version + 1, summary=minutes.summary,
            correction_reason=reason.strip(), written_by=by,
        )
        MinutesItem.objects.bulk_create(
            [MinutesItem(minutes=new, agenda_item_id=i.agenda_item_id, text=i.text) for i in minutes.items.all()]
        )
        data_changed()
    return new


# --- Decisions and follow-up ---------------------------------------------------------
def _require_decisions_open(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Decisions are recorded once the meeting is recorded as held."))
    minutes = current_minutes(meeting)
    if minutes is not None and minutes.is_read_only:
        raise ValidationError(_("The minutes are approved: decisions can no longer change (start a correction)."))


def decision_record(*, meeting: Meeting, text: str, by, agenda_item: AgendaItem | None = None) -> Decision:
    _require_decisions_open(meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("This agenda item belongs to another meeting."))
    if not text.strip():
        raise ValidationError(_("Write the decision."))
    with transaction.atomic():
        return Decision.objects.create(meeting=meeting, agenda_item=agenda_item, text=text.strip(), recorded_by=by)


def decision_delete(*, decision: Decision) -> None:
    _require_decisions_open(decision.meeting)
    with transaction.atomic():
        decision.delete()


def followup_create(*, decision: Decision, title: str, owner: Person, due_date: date, action=None, phase=None,
                    deliverable=None, notes: str = "") -> FollowUpItem:
    if phase is not None and action is not None and phase.action_id != action.pk:
        raise ValidationError(_("This phase belongs to another action."))
    if deliverable is not None and action is not None and deliverable.action_id != action.pk:
        raise ValidationError(_("This deliverable belongs to another action."))
    with transaction.atomic():
        item = FollowUpItem(
            decision=decision, title=title, owner=owner, due_date=due_date,
            action=action or (phase.action if phase else deliverable.action if deliverable else None),
            phase=phase, deliverable=deliverable, notes=notes,
        )
        item.full_clean()
        item.save()
    return item


def followup_update(*, item: FollowUpItem, status: str, done_on: date | None = None, **fields) -> FollowUpItem:
    with transaction.atomic():
        for name, value in fields.items():
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
