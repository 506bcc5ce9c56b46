"""Services of governance: agenda."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.conflicts import checked_values
from core.history import record_change, records_actor
from core.locking import locked
from directory.models import Person

from ..models import AgendaItem, Meeting, Minutes
from ..quorum import CollegeQuorum, Quorum, quorum_of  # noqa: F401  (re-exported by governance.services)


def _require_open_agenda(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled: its agenda can no longer change."))
    if meeting.minutes_versions.filter(status=Minutes.Status.APPROVED).exists():
        raise ValidationError(_("The minutes are approved: the agenda can no longer change."))


@records_actor
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    duration_minutes: int,
    by: User,
    presenter: Person | None = None,
    description: str = "",
) -> AgendaItem:
    with transaction.atomic():
        locked(meeting)  # items are numbered per meeting
        _require_open_agenda(meeting)
        order = (meeting.agenda_items.aggregate(n=Max("order"))["n"] or 0) + 1
        item = AgendaItem(
            meeting=meeting,
            order=order,
            title=title,
            duration_minutes=duration_minutes,
            presenter=presenter,
            description=description,
        )
        item.full_clean()
        item.save()
    return item


@records_actor
def agenda_item_update(
    *, item: AgendaItem, by: User, expected_version: int | None = None, **fields: Any
) -> AgendaItem:
    with transaction.atomic():
        fields = checked_values(item, fields, expected_version)
        _require_open_agenda(locked(item.meeting))
        locked(item)
        for name, value in fields.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
    return item


@records_actor
def agenda_item_delete(*, item: AgendaItem, by: User) -> None:
    with transaction.atomic():
        _require_open_agenda(locked(item.meeting))
        try:
            locked(item)
        except AgendaItem.DoesNotExist:
            raise ValidationError(_("This agenda item was already removed.")) from None
        if item.decisions.exists():
            raise ValidationError(_("Decisions are recorded on this item: it cannot be removed."))
        # The items carried from this one lose their link: saved one by one so that each one's history says so
        # (a bulk SET NULL would leave none). Its minutes texts go with it, each deletion in their history.
        for carried in AgendaItem.objects.select_for_update().filter(carried_from=item).order_by("pk"):
            carried.carried_from = None
            record_change(carried, by=by, reason=f"Point d’origine supprimé\u00a0: {item.title}")
            carried.save(update_fields=["carried_from"])
        item.delete()


@records_actor
def agenda_item_move(*, item: AgendaItem, direction: str, by: User) -> AgendaItem:
    with transaction.atomic():
        meeting = locked(item.meeting)
        _require_open_agenda(meeting)
        items = list(meeting.agenda_items.order_by("order", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        swap = index - 1 if direction == "up" else index + 1
        if 0 <= swap < len(items):
            items[index], items[swap] = items[swap], items[index]
        for position, other in enumerate(items, start=1):
            if other.order != position:
                # Saved one by one (a handful of rows) so that the history tells who reordered the agenda.
                other.order = position
                other.save(update_fields=["order"])
    item.refresh_from_db()
    return item


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .order_by("starts_at", "pk")
        .first()
    )


@records_actor
def agenda_item_carry(*, item: AgendaItem, by: User) -> AgendaItem:
    """Carry an item not dealt with to the committee's next meeting."""
    with transaction.atomic():
        locked(item.meeting)
        locked(item)
        if item.status == AgendaItem.Status.CARRIED:
            raise ValidationError(_("This item has already been carried to a later meeting."))
        if item.status == AgendaItem.Status.DONE:
            raise ValidationError(_("This item was dealt with: there is nothing to carry."))
        target = next_meeting(item.meeting)
        if target is None:
            raise ValidationError(_("There is no later meeting of this committee: plan it first."))
        carried = agenda_item_add(
            meeting=target,
            title=item.title,
            duration_minutes=item.duration_minutes,
            presenter=item.presenter,
            description=item.description,
            by=by,
        )
        carried.carried_from = item
        carried.save(update_fields=["carried_from"])
        item.status = AgendaItem.Status.CARRIED
        item.save(update_fields=["status"])
    return carried
