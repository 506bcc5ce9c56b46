"""Services of governance: meetings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core import french
from core.conflicts import checked_values
from core.history import records_actor
from core.locking import locked
from directory.models import Person
from reminders.services import email_queue

from ..ical import meeting_ics_bytes
from ..models import Attendance, Committee, Meeting, Membership
from ..quorum import CollegeQuorum, Quorum, quorum_of  # noqa: F401  (re-exported by governance.services)


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
    animators: Iterable[Person] = (),
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
def meeting_update(
    *, meeting: Meeting, by: User, expected_version: int | None = None, **fields: Any
) -> Meeting:
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
            email = cast(Person, attendance.person).email if attendance.person_id else ""
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


def meeting_quorum(meeting: Meeting) -> Quorum:
    return quorum_of(meeting.committee, list(meeting.attendances.all()))
