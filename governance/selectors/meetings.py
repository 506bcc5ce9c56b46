"""Selectors of governance: the meeting page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import cached_property

from directory.models import College

from ..models import Attendance, FollowUpItem, Meeting, Minutes, MinutesCirculation, MinutesItem
from ..quorum import Quorum, quorum_of


@dataclass
class AttendanceRate:
    label: str
    present: int
    expected: int

    @property
    def rate(self) -> float | None:
        return round(100 * self.present / self.expected) if self.expected else None


def attendance_rates(attendances: Iterable[Attendance]) -> list[AttendanceRate]:
    """Present / (present + excused + absent + represented) by college, members only (guests apart).

    A member represented did not come: they count towards the quorum (governance/quorum.py), not here."""
    labels = dict(College.choices)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for attendance in attendances:
        if attendance.is_guest or attendance.status == Attendance.Status.INVITED:
            continue
        counts[attendance.college][1] += 1
        if attendance.status == Attendance.Status.PRESENT:
            counts[attendance.college][0] += 1
    order = [code for code, _label in College.choices] + [""]
    rates = [
        AttendanceRate(str(labels.get(code, "")) or "—", *counts[code]) for code in order if code in counts
    ]
    total = [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]
    if rates:
        rates.append(AttendanceRate("", *total))
    return rates


@dataclass
class MeetingPage:
    meeting: Meeting
    agenda: list
    agenda_total: int
    attendances: list
    rates: list
    minutes: Minutes | None
    minutes_versions: list
    minutes_texts: dict
    decisions: list
    followups_by_decision: dict
    approving_meetings: list
    next_meeting: Meeting | None
    animators: list = field(default_factory=list)

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.agenda_total - self.meeting.duration_minutes)

    @property
    def quorum(self) -> Quorum:
        """The committee's quorum on the attendance as recorded (governance.services.quorum_of)."""
        return quorum_of(self.meeting.committee, self.attendances)

    @cached_property
    def circulations(self) -> list:
        """Each sending of its minutes, newest first, with its recipients."""
        return minutes_circulations(self.meeting)


def minutes_circulations(meeting: Meeting) -> list[MinutesCirculation]:
    return list(
        MinutesCirculation.objects.filter(minutes__meeting=meeting)
        .select_related("minutes", "circulated_by")
        .prefetch_related("recipients")
        .order_by("-circulated_at", "-pk")
    )


def meeting_page(meeting: Meeting) -> MeetingPage:
    agenda = list(
        meeting.agenda_items.select_related("presenter", "carried_from__meeting").order_by("order", "pk")
    )
    attendances = list(
        meeting.attendances.select_related("person", "person__organisation", "represented_by__person")
    )
    versions = list(
        meeting.minutes_versions.select_related("approved_by", "approved_at_meeting", "written_by").order_by(
            "-version"
        )
    )
    minutes = versions[0] if versions else None
    texts = {}
    if minutes is not None:
        texts = {mi.agenda_item_id: mi.text for mi in MinutesItem.objects.filter(minutes=minutes)}
    decisions = list(meeting.decisions.select_related("agenda_item").order_by("pk"))
    followups: dict[int, list] = defaultdict(list)
    for item in (
        FollowUpItem.objects.filter(decision__meeting=meeting)
        .select_related("owner", "action", "phase", "deliverable")
        .order_by("due_date", "pk")
    ):
        followups[item.decision_id].append(item)
    later = list(
        meeting.committee.meetings.filter(
            starts_at__gt=meeting.starts_at, status=Meeting.Status.HELD
        ).order_by("starts_at")
    )
    upcoming = (
        meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .order_by("starts_at", "pk")
        .first()
    )
    return MeetingPage(
        animators=list(meeting.animators.select_related("organisation").order_by("last_name", "first_name")),
        meeting=meeting,
        agenda=agenda,
        agenda_total=sum(item.duration_minutes for item in agenda),
        attendances=attendances,
        rates=attendance_rates(attendances),
        minutes=minutes,
        minutes_versions=versions,
        minutes_texts=texts,
        decisions=decisions,
        followups_by_decision=dict(followups),
        approving_meetings=later,
        next_meeting=upcoming,
    )
