"""Meetings (one or a series), convocation, agenda and attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core import french
from core.dashboard_cache import data_changed
from directory.models import Person
from reminders.services import email_queue

from ..ical import meeting_ics_bytes
from ..models import (
    AgendaItem,
    Attendance,
    Committee,
    Meeting,
    Membership,
    Minutes,
)


# --- Meetings -----------------------------------------------------------------------
def _invite_members(meeting: Meeting) -> int:
    when = timezone.localtime(meeting.starts_at).date()
    memberships = meeting.committee.memberships.filter(Membership.active_q(when)).exclude(
        person__in=meeting.attendances.filter(person__isnull=False).values("person")
    )
    rows = [Attendance(meeting=meeting, person_id=m.person_id, college=m.college) for m in memberships]
    Attendance.objects.bulk_create(rows)
    data_changed()  # a bulk write sends no signal
    return len(rows)


def _next_number(committee: Committee) -> int:
    return (committee.meetings.aggregate(n=Max("number"))["n"] or 0) + 1


def meeting_create(*, committee: Committee, starts_at: datetime, title: str = "", number: int | None = None,
                   duration_minutes: int | None = None, place: str = "", video_link: str = "") -> Meeting:
    with transaction.atomic():
        if number is None:
            number = _next_number(committee)
        elif committee.meetings.filter(number=number).exists():
            raise ValidationError(_("This committee already has a meeting number %(n)s.") % {"n": number})
        meeting = Meeting(
            committee=committee, number=number, title=title or f"{committee.name} {number}",
            starts_at=starts_at, duration_minutes=duration_minutes or committee.default_duration_minutes,
            place=place or committee.default_place, video_link=video_link,
        )
        meeting.full_clean()
        meeting.save()
        _invite_members(meeting)
    return meeting


def meeting_series_plan(*, committee: Committee, dates: list[datetime], title_prefix: str = "",
                        duration_minutes: int | None = None, place: str = "", video_link: str = "") -> list[Meeting]:
    """Plan several numbered meetings in one go (COPIL 1…4 on the ACIA schedule)."""
    if not dates:
        raise ValidationError(_("Give at least one date."))
    prefix = title_prefix.strip() or committee.name
    with transaction.atomic():
        first = _next_number(committee)
        meetings = []
        for offset, when in enumerate(sorted(dates)):
            number = first + offset
            meetings.append(
                meeting_create(
                    committee=committee, starts_at=when, number=number, title=f"{prefix} {number}",
                    duration_minutes=duration_minutes, place=place, video_link=video_link,
                )
            )
    return meetings


def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    with transaction.atomic():
        number = fields.get("number")
        if number is not None and meeting.committee.meetings.filter(number=number).exclude(pk=meeting.pk).exists():
            raise ValidationError(_("This committee already has a meeting number %(n)s.") % {"n": number})
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.sequence += 1
        meeting.full_clean()
        meeting.save()
    return meeting


def meeting_cancel(*, meeting: Meeting, reason: str = "") -> Meeting:
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(_("A meeting already held cannot be cancelled."))
    with transaction.atomic():
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancellation_reason = reason
        meeting.sequence += 1
        meeting.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    return meeting


def meeting_mark_held(*, meeting: Meeting) -> Meeting:
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.CONVENED):
        raise ValidationError(_("Only a planned or convened meeting can be recorded as held."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("This meeting has not taken place yet."))
    with transaction.atomic():
        meeting.status = Meeting.Status.HELD
        meeting.held_at = timezone.now()
        meeting.save(update_fields=["status", "held_at", "updated_at"])
        # Those still only "invited" did not come and did not apologise.
        meeting.attendances.filter(status=Attendance.Status.INVITED).update(status=Attendance.Status.ABSENT)
        data_changed()
    return meeting


@dataclass
class ConvocationResult:
    sent: int
    without_email: list[str]


def meeting_convene(*, meeting: Meeting, by) -> ConvocationResult:
    """E-mail the convocation (agenda in the body, .ics attached) to every invited person."""
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.CONVENED):
        raise ValidationError(_("Only a planned meeting can be convened."))
    if meeting.starts_at < timezone.now():
        raise ValidationError(_("This meeting is in the past: it cannot be convened."))
    attendances = list(
        meeting.attendances.exclude(status=Attendance.Status.EXCUSED).select_related("person")
    )
    if not attendances:
        raise ValidationError(_("Nobody is invited to this meeting: add members to the committee first."))
    agenda = list(meeting.agenda_items.select_related("presenter"))
    if not agenda:
        raise ValidationError(_("Build the agenda before sending the convocation."))
    with transaction.atomic():
        meeting.status = Meeting.Status.CONVENED
        meeting.convened_at = timezone.now()
        meeting.save(update_fields=["status", "convened_at", "updated_at"])
        ics = meeting_ics_bytes(meeting)
        subject = _("Convocation: %(title)s on %(date)s") % {
            "title": meeting.title, "date": french.jour_heure(meeting.starts_at),
        }
        body = render_to_string("governance/email/convocation.txt", {"meeting": meeting, "agenda": agenda, "by": by})
        recipients, without_email = [], []
        for attendance in attendances:
            email = attendance.person.email if attendance.person_id else ""
            if email:
                recipients.append(email)
            else:
                without_email.append(attendance.display_name)
        email_queue(to=recipients, subject=subject, body=body,
                    attachments=[(f"reunion-{meeting.pk}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")])
    return ConvocationResult(sent=len(recipients), without_email=without_email)


# --- Agenda -------------------------------------------------------------------------
def _require_open_agenda(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled: its agenda can no longer change."))
    if meeting.minutes_versions.filter(status=Minutes.Status.APPROVED).exists():
        raise ValidationError(_("The minutes are approved: the agenda can no longer change."))


def agenda_item_add(*, meeting: Meeting, title: str, duration_minutes: int, presenter: Person | None = None,
                    description: str = "") -> AgendaItem:
    _require_open_agenda(meeting)
    with transaction.atomic():
        order = (meeting.agenda_items.aggregate(n=Max("order"))["n"] or 0) + 1
        item = AgendaItem(meeting=meeting, order=order, title=title, duration_minutes=duration_minutes,
                          presenter=presenter, description=description)
        item.full_clean()
        item.save()
    return item


def agenda_item_update(*, item: AgendaItem, **fields) -> AgendaItem:
    _require_open_agenda(item.meeting)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
    return item


def agenda_item_delete(*, item: AgendaItem) -> None:
    _require_open_agenda(item.meeting)
    if item.decisions.exists():
        raise ValidationError(_("Decisions are recorded on this item: it cannot be removed."))
    with transaction.atomic():
        item.delete()


def agenda_item_move(*, item: AgendaItem, direction: str) -> AgendaItem:
    _require_open_agenda(item.meeting)
    items = list(item.meeting.agenda_items.order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    swap = index - 1 if direction == "up" else index + 1
    if 0 <= swap < len(items):
        items[index], items[swap] = items[swap], items[index]
    with transaction.atomic():
        for position, other in enumerate(items, start=1):
            if other.order != position:
                AgendaItem.objects.filter(pk=other.pk).update(order=position)
        data_changed()
    item.refresh_from_db()
    return item


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .order_by("starts_at", "pk")
        .first()
    )


def agenda_item_carry(*, item: AgendaItem) -> AgendaItem:
    """Carry an item not dealt with to the committee's next meeting."""
    if item.status == AgendaItem.Status.CARRIED:
        raise ValidationError(_("This item has already been carried to a later meeting."))
    if item.status == AgendaItem.Status.DONE:
        raise ValidationError(_("This item was dealt with: there is nothing to carry."))
    target = next_meeting(item.meeting)
    if target is None:
        raise ValidationError(_("There is no later meeting of this committee: plan it first."))
    with transaction.atomic():
        carried = agenda_item_add(meeting=target, title=item.title, duration_minutes=item.duration_minutes,
                                  presenter=item.presenter, description=item.description)
        carried.carried_from = item
        carried.save(update_fields=["carried_from"])
        item.status = AgendaItem.Status.CARRIED
        item.save(update_fields=["status"])
    return carried


# --- Attendance ---------------------------------------------------------------------
def attendance_invite_members(*, meeting: Meeting) -> int:
    if not meeting.is_open:
        raise ValidationError(_("Invitations only change before the meeting is held."))
    with transaction.atomic():
        return _invite_members(meeting)


def attendance_record(*, meeting: Meeting, statuses: dict[int, str]) -> int:
    """Set présent / excusé / absent (or invited) for the given attendance rows of this meeting."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."))
    valid = {value for value, _label in Attendance.Status.choices}
    changed = 0
    with transaction.atomic():
        for attendance in meeting.attendances.filter(pk__in=list(statuses)):
            status = statuses[attendance.pk]
            if status not in valid:
                raise ValidationError(_("Unknown attendance status."))
            if attendance.status != status:
                attendance.status = status
                attendance.save(update_fields=["status"])
                changed += 1
    return changed


def attendance_add_guest(*, meeting: Meeting, person: Person | None = None, guest_name: str = "",
                         guest_organisation: str = "", college: str = "") -> Attendance:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."))
    if person is None and not guest_name.strip():
        raise ValidationError(_("Choose a person from the directory or type the guest's name."))
    if person is not None and meeting.attendances.filter(person=person).exists():
        raise ValidationError(_("%(person)s is already on the attendance list.") % {"person": person})
    with transaction.atomic():
        attendance = Attendance.objects.create(
            meeting=meeting, person=person, guest_name="" if person else guest_name.strip(),
            guest_organisation=guest_organisation, college=college or (person.college if person else ""),
            is_guest=True,
            status=Attendance.Status.PRESENT if meeting.status == Meeting.Status.HELD else Attendance.Status.INVITED,
        )
    return attendance
