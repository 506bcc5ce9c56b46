"""Meetings (one or a series), convocation, agenda and attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from core import french
from core.conflicts import checked_values
from core.history import record_change, records_actor
from core.locking import locked
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
from ..quorum import CollegeQuorum, Quorum, quorum_of  # noqa: F401  (re-exported by governance.services)


# --- Meetings -----------------------------------------------------------------------
def _invite_members(meeting: Meeting) -> int:
    when = timezone.localtime(meeting.starts_at).date()
    memberships = meeting.committee.memberships.filter(Membership.active_q(when)).exclude(
        person__in=meeting.attendances.filter(person__isnull=False).values("person")
    )
    rows = [Attendance(meeting=meeting, person_id=m.person_id, college=m.college) for m in memberships]
    bulk_create_with_history(rows, Attendance)  # the history names the acting user (`records_actor`)
    return len(rows)


def _next_number(committee: Committee) -> int:
    """The committee's next meeting number. Call it with the committee's row locked (`locked(committee)`):
    two creations at once then take their numbers one after the other (no duplicate, no server error)."""
    return (committee.meetings.aggregate(n=Max("number"))["n"] or 0) + 1


@records_actor
def meeting_create(
    *,
    committee: Committee,
    starts_at: datetime,
    by: User,
    title: str = "",
    number: int | None = None,
    duration_minutes: int | None = None,
    place: str = "",
    video_link: str = "",
    animators=(),
) -> Meeting:
    with transaction.atomic():
        locked(committee)
        if number is None:
            number = _next_number(committee)
        elif committee.meetings.filter(number=number).exists():
            raise ValidationError(_("This committee already has a meeting number %(n)s.") % {"n": number})
        meeting = Meeting(
            committee=committee,
            number=number,
            title=title or f"{committee.name} {number}",
            starts_at=starts_at,
            duration_minutes=duration_minutes or committee.default_duration_minutes,
            place=place or committee.default_place,
            video_link=video_link,
        )
        meeting.full_clean()
        meeting.save()
        if animators:
            meeting.animators.set(animators)
        _invite_members(meeting)
    return meeting


@records_actor
def meeting_series_plan(
    *,
    committee: Committee,
    dates: list[datetime],
    by: User,
    title_prefix: str = "",
    duration_minutes: int | None = None,
    place: str = "",
    video_link: str = "",
) -> list[Meeting]:
    """Plan several numbered meetings in one go (COPIL 1…4 on the ACIA schedule)."""
    if not dates:
        raise ValidationError(_("Give at least one date."))
    prefix = title_prefix.strip() or committee.name
    with transaction.atomic():
        locked(committee)
        first = _next_number(committee)
        meetings = []
        for offset, when in enumerate(sorted(dates)):
            number = first + offset
            meetings.append(
                meeting_create(
                    committee=committee,
                    starts_at=when,
                    number=number,
                    title=f"{prefix} {number}",
                    duration_minutes=duration_minutes,
                    place=place,
                    video_link=video_link,
                    by=by,
                )
            )
    return meetings


@records_actor
def meeting_update(*, meeting: Meeting, by: User, expected_version: int | None = None, **fields) -> Meeting:
    animators = fields.pop("animators", None)
    with transaction.atomic():
        fields = checked_values(meeting, fields, expected_version)
        locked(meeting.committee)  # the number stays unique in the committee
        locked(meeting)
        if meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("A cancelled meeting cannot be changed."))
        number = fields.get("number")
        if (
            number is not None
            and meeting.committee.meetings.filter(number=number).exclude(pk=meeting.pk).exists()
        ):
            raise ValidationError(_("This committee already has a meeting number %(n)s.") % {"n": number})
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.sequence += 1
        meeting.full_clean()
        meeting.save()
        if animators is not None:
            meeting.animators.set(animators)
    return meeting


@records_actor
def meeting_cancel(*, meeting: Meeting, by: User, reason: str = "") -> Meeting:
    with transaction.atomic():
        locked(meeting)
        if meeting.status == Meeting.Status.HELD:
            raise ValidationError(_("A meeting already held cannot be cancelled."))
        if meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("This meeting is already cancelled."))
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancellation_reason = reason
        meeting.sequence += 1
        meeting.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    return meeting


@records_actor
def meeting_mark_held(*, meeting: Meeting, by: User, without_quorum_note: str = "") -> Meeting:
    """Record the meeting as held, with its quorum as it stands.

    Holding a meeting without its quorum is allowed (a committee may meet and only note what it
    heard), but only with a written note saying why; the note and the quorum's sentence are kept on
    the meeting and in its history.
    """
    note = without_quorum_note.strip()
    with transaction.atomic():
        locked(meeting)
        if meeting.status == Meeting.Status.HELD:
            raise ValidationError(_("This meeting is already recorded as held."))
        if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.CONVENED):
            raise ValidationError(_("Only a planned or convened meeting can be recorded as held."))
        if meeting.starts_at > timezone.now():
            raise ValidationError(_("This meeting has not taken place yet."))
        quorum = meeting_quorum(meeting)
        if quorum.applies and not quorum.reached and not note:
            raise ValidationError(
                _("The quorum is not reached: say why the meeting is recorded as held all the same.")
            )
        meeting.status = Meeting.Status.HELD
        meeting.held_at = timezone.now()
        meeting.held_quorum = quorum.sentence if quorum.applies else ""
        meeting.held_without_quorum_note = note if quorum.applies and not quorum.reached else ""
        meeting.save(
            update_fields=["status", "held_at", "held_quorum", "held_without_quorum_note", "updated_at"]
        )
        # Those still only "invited" did not come and did not apologise.
        meeting.attendances.filter(status=Attendance.Status.INVITED).update(status=Attendance.Status.ABSENT)
    return meeting


@dataclass
class ConvocationResult:
    sent: int
    without_email: list[str]


@records_actor
def meeting_convene(*, meeting: Meeting, by: User) -> ConvocationResult:
    """E-mail the convocation (agenda in the body, .ics attached) to every invited person."""
    with transaction.atomic():
        locked(meeting)
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
        meeting.status = Meeting.Status.CONVENED
        meeting.convened_at = timezone.now()
        meeting.save(update_fields=["status", "convened_at", "updated_at"])
        ics = meeting_ics_bytes(meeting)
        subject = _("Convocation: %(title)s on %(date)s") % {
            "title": meeting.title,
            "date": french.jour_heure(meeting.starts_at),
        }
        body = render_to_string(
            "governance/email/convocation.txt", {"meeting": meeting, "agenda": agenda, "by": by}
        )
        recipients, without_email = [], []
        for attendance in attendances:
            email = attendance.person.email if attendance.person_id else ""
            if email:
                recipients.append(email)
            else:
                without_email.append(attendance.display_name)
        email_queue(
            to=recipients,
            subject=subject,
            body=body,
            attachments=[(f"reunion-{meeting.pk}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")],
        )
    return ConvocationResult(sent=len(recipients), without_email=without_email)


# --- Agenda -------------------------------------------------------------------------
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
    *, item: AgendaItem, by: User, expected_version: int | None = None, **fields
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


# --- Attendance ---------------------------------------------------------------------
@records_actor
def attendance_invite_members(*, meeting: Meeting, by: User) -> int:
    with transaction.atomic():
        locked(meeting)
        if not meeting.is_open:
            raise ValidationError(_("Invitations only change before the meeting is held."))
        return _invite_members(meeting)


@records_actor
def attendance_record(
    *, meeting: Meeting, statuses: dict[int, str], by: User, proxies: dict[int, int | None] | None = None
) -> int:
    """Set présent / excusé / absent / représenté (or back to invited) on the given rows of this meeting.

    `statuses` and `proxies` (row → the row of the member holding its proxy) name only the rows
    changed on the page: the others keep what is stored, so two people filling in the list at once
    do not undo each other's lines. The whole list is then checked as it will stand: a represented
    member names a proxy, another member of this meeting, present, holding no more proxies than the
    committee allows (`Committee.max_proxies`). Errors are keyed by row (its pk) for the page.
    """
    proxies = proxies or {}
    valid = {value for value, _label in Attendance.Status.choices}
    if any(status not in valid for status in statuses.values()):
        raise ValidationError(_("Unknown attendance status."))
    with transaction.atomic():
        locked(meeting)
        if meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("The meeting is cancelled."))
        rows = {
            row.pk: row
            for row in meeting.attendances.select_for_update(of=("self",)).select_related("person")
        }
        touched = [pk for pk in {*statuses, *proxies} if pk in rows]
        wanted = {pk: (row.status, row.represented_by_id) for pk, row in rows.items()}
        for pk in touched:
            status = statuses.get(pk, wanted[pk][0])
            proxy = proxies[pk] if pk in proxies else wanted[pk][1]
            wanted[pk] = (status, proxy if status == Attendance.Status.REPRESENTED else None)
        _check_proxies(meeting.committee, rows, wanted)
        changed = 0
        for pk in touched:
            row = rows[pk]
            if (row.status, row.represented_by_id) != wanted[pk]:
                row.status, row.represented_by_id = wanted[pk]
                row.save(update_fields=["status", "represented_by"])
                changed += 1
    return changed


def _check_proxies(
    committee: Committee, rows: dict[int, Attendance], wanted: dict[int, tuple[str, int | None]]
):
    errors: dict[str, list[str]] = {}
    held: dict[int, int] = {}
    for pk, (status, proxy) in wanted.items():
        if status != Attendance.Status.REPRESENTED:
            continue
        row = rows[pk]
        if row.is_guest:
            errors[str(pk)] = [_("A guest cannot be represented.")]
        elif proxy is None:
            errors[str(pk)] = [
                _("Choose the member who holds %(name)s's proxy.") % {"name": row.display_name}
            ]
        elif proxy == pk:
            errors[str(pk)] = [_("A member cannot hold their own proxy.")]
        elif proxy not in rows or rows[proxy].is_guest:
            errors[str(pk)] = [_("The proxy must be a member invited to this meeting.")]
        elif wanted[proxy][0] != Attendance.Status.PRESENT:
            errors[str(pk)] = [
                _("%(proxy)s holds the proxy: they must be present.") % {"proxy": rows[proxy].display_name}
            ]
        else:
            held[proxy] = held.get(proxy, 0) + 1
    for proxy, count in held.items():
        if count > committee.max_proxies:
            message = ngettext(
                "%(proxy)s would hold %(count)s proxies; this committee allows %(max)s per member.",
                "%(proxy)s would hold %(count)s proxies; this committee allows %(max)s per member.",
                count,
            ) % {"proxy": rows[proxy].display_name, "count": count, "max": committee.max_proxies}
            for pk, (status, holder) in wanted.items():
                if status == Attendance.Status.REPRESENTED and holder == proxy:
                    errors.setdefault(str(pk), []).append(message)
    if errors:
        raise ValidationError(errors)


@records_actor
def attendance_all_present(*, meeting: Meeting, by: User) -> int:
    """« Tous présents »: every line of the list present, proxies cleared (the exceptions are set afterwards)."""
    statuses = dict.fromkeys(meeting.attendances.values_list("pk", flat=True), Attendance.Status.PRESENT)
    return attendance_record(meeting=meeting, statuses=statuses, proxies=dict.fromkeys(statuses), by=by)


# --- Quorum -------------------------------------------------------------------------
def meeting_quorum(meeting: Meeting) -> Quorum:
    return quorum_of(meeting.committee, list(meeting.attendances.all()))


@records_actor
def attendance_add_guest(
    *,
    meeting: Meeting,
    by: User,
    person: Person | None = None,
    guest_name: str = "",
    guest_organisation: str = "",
    college: str = "",
) -> Attendance:
    if person is None and not guest_name.strip():
        raise ValidationError(_("Choose a person from the directory or type the guest's name."))
    with transaction.atomic():
        locked(meeting)
        if meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("The meeting is cancelled."))
        if person is not None and meeting.attendances.filter(person=person).exists():
            raise ValidationError(_("%(person)s is already on the attendance list.") % {"person": person})
        attendance = Attendance.objects.create(
            meeting=meeting,
            person=person,
            guest_name="" if person else guest_name.strip(),
            guest_organisation=guest_organisation,
            college=college or (person.college if person else ""),
            is_guest=True,
            status=Attendance.Status.PRESENT
            if meeting.status == Meeting.Status.HELD
            else Attendance.Status.INVITED,
        )
    return attendance
