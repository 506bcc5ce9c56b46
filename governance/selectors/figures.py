"""Selectors of governance: governance figures."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from directory.models import College

from ..models import Attendance, Committee, Decision, FollowUpItem, Meeting

if TYPE_CHECKING:
    from actions.models import CollectiveAction, Programme


def _scoped_committees(
    *,
    programme: Programme | None = None,
    action: CollectiveAction | None = None,
    committee: Committee | None = None,
) -> QuerySet[Committee]:
    qs = Committee.objects.all()
    if committee is not None:
        qs = qs.filter(pk=committee.pk)
    if action is not None:
        qs = qs.filter(action=action)
    if programme is not None:
        qs = qs.filter(Q(programme=programme) | Q(action__programme=programme))
    return qs


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def governance_figures(
    *,
    programme: Programme | None = None,
    action: CollectiveAction | None = None,
    committee: Committee | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Governance indicators over committees in scope and meetings dated in [start, end].

    - meetings: planned (every meeting dated in the period), due (dated before now),
      held, cancelled, and held_rate = held / due;
    - attendance: by college, present / (present + excused + absent + represented) at held meetings
      (a member represented counts towards the quorum, not as present: governance/quorum.py)
      (guests apart), and overall;
    - decisions: count; follow-up items of these decisions: total, done, done on time,
      overdue, and on_time_rate = done on time / items already due.
    """
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    committees = _scoped_committees(programme=programme, action=action, committee=committee)
    meetings = Meeting.objects.filter(committee__in=committees)
    if start is not None:
        meetings = meetings.filter(starts_at__gte=datetime.combine(start, time.min, tzinfo=tz))
    if end is not None:
        meetings = meetings.filter(starts_at__lte=datetime.combine(end, time.max, tzinfo=tz))
    now = timezone.now()
    counts = meetings.aggregate(
        planned=Count("pk"),
        due=Count("pk", filter=Q(starts_at__lte=now)),
        held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
        cancelled=Count("pk", filter=Q(status=Meeting.Status.CANCELLED)),
    )
    rows = (
        Attendance.objects.filter(meeting__in=meetings, meeting__status=Meeting.Status.HELD, is_guest=False)
        .exclude(status=Attendance.Status.INVITED)
        .values("college")
        .annotate(expected=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)))
    )
    labels = dict(College.choices)
    by_college = {
        row["college"]: {
            "label": str(labels.get(row["college"], "")),
            "present": row["present"],
            "expected": row["expected"],
            "rate": _rate(row["present"], row["expected"]),
        }
        for row in rows
    }
    present = sum(v["present"] for v in by_college.values())
    expected = sum(v["expected"] for v in by_college.values())
    items = FollowUpItem.objects.filter(decision__meeting__in=meetings)
    item_counts = items.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=FollowUpItem.Status.DONE)),
        done_on_time=Count("pk", filter=Q(status=FollowUpItem.Status.DONE, done_on__lte=F("due_date"))),
        due=Count("pk", filter=Q(due_date__lte=today) & ~Q(status=FollowUpItem.Status.DROPPED)),
        overdue=Count("pk", filter=Q(status__in=FollowUpItem.OPEN_STATUSES, due_date__lt=today)),
    )
    return {
        "meetings": {**counts, "held_rate": _rate(counts["held"], counts["due"])},
        "attendance": {
            "by_college": by_college,
            "present": present,
            "expected": expected,
            "rate": _rate(present, expected),
        },
        "decisions": {"count": Decision.objects.filter(meeting__in=meetings).count()},
        "followups": {**item_counts, "on_time_rate": _rate(item_counts["done_on_time"], item_counts["due"])},
    }
