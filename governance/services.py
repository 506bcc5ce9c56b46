"""Writes on governance: each service validates, saves in one transaction and keeps history.

Business errors are raised as `ValidationError` with a French message that the views
show next to the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import College, Person

from .ical import meeting_ics_bytes
from .models import (
    AgendaItem,
    Attendance,
    CalendarToken,
    Committee,
    Decision,
    FollowUpItem,
    Meeting,
    Membership,
    Minutes,
    MinutesItem,
)

COMPOSITION_KEYS = ("colleges", "roles")


# --- Committees and members ---------------------------------------------------------
def committee_create(*, kind: str, name: str, programme=None, action=None, mandate: str = "",
                     default_duration_minutes: int = 180, default_place: str = "") -> Committee:
    if bool(programme) == bool(action):
        raise ValidationError(_("A committee is scoped to a programme or to an action, not both."))
    with transaction.atomic():
        committee = Committee(
            kind=kind, name=name, programme=programme, action=action, mandate=mandate,
            default_duration_minutes=default_duration_minutes, default_place=default_place,
        )
        committee.full_clean()
        committee.save()
    return committee


def committee_update(*, committee: Committee, **fields) -> Committee:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(committee, name, value)
        committee.full_clean()
        committee.save()
    return committee


def composition_rule_set(*, committee: Committee, colleges: dict[str, int], roles: dict[str, int]) -> Committee:
    """Expected counts per college and per role (zero or missing: no requirement)."""
    valid_colleges = {value for value, _label in College.choices}
    valid_roles = {value for value, _label in Membership.Role.choices}
    rule = {
        "colleges": {k: int(v) for k, v in colleges.items() if k in valid_colleges and v},
        "roles": {k: int(v) for k, v in roles.items() if k in valid_roles and v},
    }
    if any(v < 0 for part in rule.values() for v in part.values()):
        raise ValidationError(_("Expected counts cannot be negative."))
    rule = {k: v for k, v in rule.items() if v}
    with transaction.atomic():
        committee.composition_rule = rule
        committee.save(update_fields=["composition_rule", "updated_at"])
    return committee


def membership_add(*, committee: Committee, person: Person, role: str, college: str = "",
                   start_date: date | None = None, end_date: date | None = None) -> Membership:
    if Membership.objects.filter(committee=committee, person=person).exists():
        raise ValidationError(_("%(person)s is already a member of this committee.") % {"person": person})
    with transaction.atomic():
        membership = Membership(
            committee=committee, person=person, role=role, college=college or person.college,
            start_date=start_date, end_date=end_date,
        )
        membership.full_clean()
        membership.save()
        # Invite the new member to the meetings still being prepared.
        for meeting in committee.meetings.filter(status__in=[Meeting.Status.PLANNED, Meeting.Status.CONVENED],
                                                 starts_at__gte=timezone.now()):
            Attendance.objects.get_or_create(meeting=meeting, person=person, defaults={"college": membership.college})
    return membership


def membership_update(*, membership: Membership, role: str, college: str,
                      start_date: date | None, end_date: date | None) -> Membership:
    with transaction.atomic():
        membership.role, membership.college = role, college
        membership.start_date, membership.end_date = start_date, end_date
        membership.full_clean()
        membership.save()
    return membership


def membership_end(*, membership: Membership, end_date: date | None = None) -> Membership:
    end_date = end_date or timezone.localdate()
    if membership.start_date and end_date < membership.start_date:
        raise ValidationError(_("The end of the mandate cannot precede its start."))
    with transaction.atomic():
        membership.end_date = end_date
        membership.save(update_fields=["end_date"])
    return membership


@dataclass
class CompositionCheck:
    label: str
    expected: int
    actual: int

    @property
    def ok(self) -> bool:
        return self.actual == self.expected


def composition_check(committee: Committee, memberships) -> list[CompositionCheck]:
    """Compare the active memberships with the committee's rule (empty list: no rule)."""
    rule = committee.composition_rule or {}
    active = [m for m in memberships if m.is_active()]
    college_labels = dict(College.choices)
    role_labels = dict(Membership.Role.choices)
    checks = []
    for college, expected in (rule.get("colleges") or {}).items():
        actual = sum(1 for m in active if m.college == college)
        checks.append(CompositionCheck(str(college_labels.get(college, college)), expected, actual))
    for role, expected in (rule.get("roles") or {}).items():
        actual = sum(1 for m in active if m.role == role)
        checks.append(CompositionCheck(str(role_labels.get(role, role)), expected, actual))
    return checks


# --- Meetings -----------------------------------------------------------------------
def _invite_members(meeting: Meeting) -> int:
    when = timezone.localtime(meeting.starts_at).date()
    memberships = meeting.committee.memberships.filter(Membership.active_q(when)).exclude(
        person__in=meeting.attendances.filter(person__isnull=False).values("person")
    )
    rows = [Attendance(meeting=meeting, person_id=m.person_id, college=m.college) for m in memberships]
    Attendance.objects.bulk_create(rows)
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
            "title": meeting.title, "date": timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M"),
        }
        body = render_to_string("governance/email/convocation.txt", {"meeting": meeting, "agenda": agenda, "by": by})
        recipients, without_email = [], []
        for attendance in attendances:
            email = attendance.person.email if attendance.person_id else ""
            if email:
                recipients.append(email)
            else:
                without_email.append(attendance.display_name)

        def send():
            for address in recipients:
                message = EmailMessage(subject=subject, body=body, to=[address])
                message.attach(f"reunion-{meeting.pk}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
                message.send()

        transaction.on_commit(send)
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
        chairs = minutes.meeting.committee.memberships.filter(Membership.active_q(), role=Membership.Role.CHAIR)
        is_staff = bool(by is not None and (by.is_staff or by.is_superuser))
        if chairs.exists() and not is_staff and not chairs.filter(person__user=by).exists():
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


# --- Calendar subscription -------------------------------------------------------------
def calendar_token_get_or_create(*, user) -> CalendarToken:
    with transaction.atomic():
        token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
        return token or CalendarToken.objects.create(user=user)


def calendar_token_revoke(*, user, renew: bool) -> CalendarToken | None:
    """Revoke the live token (the old URL stops working); optionally issue a new one."""
    with transaction.atomic():
        CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return CalendarToken.objects.create(user=user) if renew else None
