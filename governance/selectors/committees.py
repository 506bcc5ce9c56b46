"""Selectors of governance: committees, decisions, calendar, multi-year plan."""

from __future__ import annotations

import calendar as pycalendar
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from actions.access import programmes_visible_to
from core.types import Viewer
from directory.models import College

from .. import access
from ..models import Committee, Decision, FollowUpItem, Meeting, Membership

if TYPE_CHECKING:
    from actions.models import Programme


def committees_for_user(user: Viewer) -> QuerySet[Committee]:
    today = timezone.localdate()
    return (
        access.committees_visible_to(user)
        .select_related("programme", "action", "action__programme")
        .annotate(
            member_count=Count(
                "memberships", filter=Membership.active_q(today, "memberships__"), distinct=True
            ),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("name", "pk")
    )


def committee_memberships(committee: Committee) -> list[Membership]:
    return list(
        committee.memberships.select_related("person", "person__organisation", "person__user").order_by(
            "college", "role", "person__last_name", "person__first_name", "pk"
        )
    )


@dataclass
class CollegeGroup:
    code: str
    label: str
    memberships: list = field(default_factory=list)


def composition_by_college(memberships: list[Membership]) -> list[CollegeGroup]:
    groups: OrderedDict[str, CollegeGroup] = OrderedDict(
        (code, CollegeGroup(code, str(label))) for code, label in College.choices
    )
    groups[""] = CollegeGroup("", "")
    for membership in memberships:
        groups.get(membership.college, groups[""]).memberships.append(membership)
    return [group for group in groups.values() if group.memberships]


def committee_meetings(committee: Committee) -> list[Meeting]:
    return list(committee.meetings.order_by("starts_at", "pk"))


def meetings_for_user(user: Viewer) -> QuerySet[Meeting]:
    return access.meetings_visible_to(user).select_related(
        "committee", "committee__programme", "committee__action"
    )


def decisions_for_user(user: Viewer) -> QuerySet[Decision]:
    return (
        access.decisions_visible_to(user)
        .select_related("meeting", "meeting__committee", "agenda_item")
        .prefetch_related(Prefetch("followups", queryset=FollowUpItem.objects.select_related("owner")))
        .order_by("-meeting__starts_at", "-pk")
    )


FOLLOWUP_RELATED = (
    "owner",
    "decision",
    "decision__meeting",
    "decision__meeting__committee",
    "action",
    "phase",
    "deliverable",
)


def followups_for_user(user: Viewer) -> QuerySet[FollowUpItem]:
    return access.followups_visible_to(user).select_related(*FOLLOWUP_RELATED)


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    meetings: list = field(default_factory=list)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first = date(year, month, 1)
    last = date(year, month, pycalendar.monthrange(year, month)[1])
    start = datetime.combine(first - timedelta(days=first.weekday()), time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=6 - last.weekday()), time.max, tzinfo=tz)
    return start, end


def calendar_weeks(user: Viewer, year: int, month: int) -> tuple[list[list[CalendarDay]], list[Meeting]]:
    start, end = month_bounds(year, month)
    meetings = list(
        meetings_for_user(user).filter(starts_at__gte=start, starts_at__lte=end).order_by("starts_at")
    )
    by_day: dict[date, list] = defaultdict(list)
    for meeting in meetings:
        by_day[timezone.localtime(meeting.starts_at).date()].append(meeting)
    weeks, week = [], []
    day = start.date()
    while day <= end.date():
        week.append(CalendarDay(day, day.month == month, by_day.get(day, [])))
        if len(week) == 7:
            weeks.append(week)
            week = []
        day += timedelta(days=1)
    in_month = [m for m in meetings if timezone.localtime(m.starts_at).month == month]
    return weeks, in_month


def feed_meetings(user: Viewer) -> QuerySet[Meeting]:
    """The subscription feed: the user's meetings from a year back on."""
    since = timezone.now() - timedelta(days=365)
    return meetings_for_user(user).filter(starts_at__gte=since).order_by("starts_at")


@dataclass
class PlanRow:
    committee: Committee
    cells: list  # one list of meetings per month


def programme_plan(
    *, user: Viewer, programme: Programme, first_year: int, years: int
) -> tuple[list[tuple[int, int]], list[PlanRow]]:
    months = [(first_year + i // 12, i % 12 + 1) for i in range(12 * years)]
    tz = timezone.get_current_timezone()
    start = datetime(first_year, 1, 1, tzinfo=tz)
    end = datetime(first_year + years, 1, 1, tzinfo=tz)
    committees = list(
        access.committees_visible_to(user)
        .filter(Q(programme=programme) | Q(action__programme=programme))
        .select_related("action")
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end).order_by(
                    "starts_at"
                ),
                to_attr="plan_meetings",
            )
        )
        .order_by("action__code", "kind", "name", "pk")
    )
    index = {month: i for i, month in enumerate(months)}
    rows = []
    for committee in committees:
        cells: list[list[Meeting]] = [[] for _ in months]
        for meeting in committee.plan_meetings:
            local = timezone.localtime(meeting.starts_at)
            cells[index[(local.year, local.month)]].append(meeting)
        rows.append(PlanRow(committee, cells))
    return months, rows


def plan_programmes(user: Viewer) -> QuerySet[Programme]:
    return programmes_visible_to(user).order_by("name")
