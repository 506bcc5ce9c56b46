"""Services of governance: attendance, quorum."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.history import records_actor
from core.locking import locked
from directory.models import Person

from ..models import Attendance, Committee, Meeting
from ..quorum import CollegeQuorum, Quorum, quorum_of  # noqa: F401  (re-exported by governance.services)
from .meetings import _invite_members


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
) -> None:
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
    statuses: dict[int, str] = dict.fromkeys(
        meeting.attendances.values_list("pk", flat=True), Attendance.Status.PRESENT
    )
    return attendance_record(meeting=meeting, statuses=statuses, proxies=dict.fromkeys(statuses), by=by)


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
