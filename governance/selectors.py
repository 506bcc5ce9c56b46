"""Reads of governance: querysets scoped to the user, already carrying what the pages show."""

from __future__ import annotations

import calendar as pycalendar
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from actions.access import programmes_visible_to
from directory.models import College

from . import access
from .models import (
    Attendance,
    Committee,
    Decision,
    FollowUpItem,
    Meeting,
    Membership,
    Minutes,
    MinutesCirculation,
    MinutesItem,
)
from .quorum import Quorum, quorum_of


# --- Committees ---------------------------------------------------------------------
def committees_for_user(user) -> QuerySet[Committee]:
    today = timezone.localdate()
    return (
        access.committees_visible_to(user)
        .select_related("programme", "action", "action__programme")
        .annotate(
            member_count=Count("memberships", filter=Membership.active_q(today, "memberships__"), distinct=True),
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


def meetings_for_user(user) -> QuerySet[Meeting]:
    return access.meetings_visible_to(user).select_related("committee", "committee__programme", "committee__action")


# --- The meeting page ---------------------------------------------------------------
@dataclass
class AttendanceRate:
    label: str
    present: int
    expected: int

    @property
    def rate(self) -> float | None:
        return round(100 * self.present / self.expected) if self.expected else None


def attendance_rates(attendances) -> list[AttendanceRate]:
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
    rates = [AttendanceRate(str(labels.get(code, "")) or "—", *counts[code]) for code in order if code in counts]
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
    agenda = list(meeting.agenda_items.select_related("presenter", "carried_from__meeting").order_by("order", "pk"))
    attendances = list(meeting.attendances.select_related("person", "person__organisation", "represented_by__person"))
    versions = list(
        meeting.minutes_versions.select_related("approved_by", "approved_at_meeting", "written_by").order_by("-version")
    )
    minutes = versions[0] if versions else None
    texts = {}
    if minutes is not None:
        texts = {mi.agenda_item_id: mi.text for mi in MinutesItem.objects.filter(minutes=minutes)}
    decisions = list(meeting.decisions.select_related("agenda_item").order_by("pk"))
    followups: dict[int, list] = defaultdict(list)
    for item in FollowUpItem.objects.filter(decision__meeting=meeting).select_related(
        "owner", "action", "phase", "deliverable"
    ).order_by("due_date", "pk"):
        followups[item.decision_id].append(item)
    later = list(
        meeting.committee.meetings.filter(starts_at__gt=meeting.starts_at, status=Meeting.Status.HELD).order_by("starts_at")
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


# --- Decisions and follow-up ---------------------------------------------------------
def decisions_for_user(user) -> QuerySet[Decision]:
    return (
        access.decisions_visible_to(user)
        .select_related("meeting", "meeting__committee", "agenda_item")
        .prefetch_related(Prefetch("followups", queryset=FollowUpItem.objects.select_related("owner")))
        .order_by("-meeting__starts_at", "-pk")
    )


FOLLOWUP_RELATED = ("owner", "decision", "decision__meeting", "decision__meeting__committee", "action", "phase",
                    "deliverable")


def followups_for_user(user) -> QuerySet[FollowUpItem]:
    return access.followups_visible_to(user).select_related(*FOLLOWUP_RELATED)


# --- Calendar -----------------------------------------------------------------------
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


def calendar_weeks(user, year: int, month: int) -> tuple[list[list[CalendarDay]], list[Meeting]]:
    start, end = month_bounds(year, month)
    meetings = list(meetings_for_user(user).filter(starts_at__gte=start, starts_at__lte=end).order_by("starts_at"))
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


def feed_meetings(user) -> QuerySet[Meeting]:
    """The subscription feed: the user's meetings from a year back on."""
    since = timezone.now() - timedelta(days=365)
    return meetings_for_user(user).filter(starts_at__gte=since).order_by("starts_at")


# --- Multi-year plan ----------------------------------------------------------------
@dataclass
class PlanRow:
    committee: Committee
    cells: list  # one list of meetings per month


def programme_plan(*, user, programme, first_year: int, years: int) -> tuple[list[tuple[int, int]], list[PlanRow]]:
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
                queryset=Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at"),
                to_attr="plan_meetings",
            )
        )
        .order_by("action__code", "kind", "name", "pk")
    )
    index = {month: i for i, month in enumerate(months)}
    rows = []
    for committee in committees:
        cells = [[] for _ in months]
        for meeting in committee.plan_meetings:
            local = timezone.localtime(meeting.starts_at)
            cells[index[(local.year, local.month)]].append(meeting)
        rows.append(PlanRow(committee, cells))
    return months, rows


def plan_programmes(user):
    return programmes_visible_to(user).order_by("name")


# --- Governance figures (for the evaluation app) ---------------------------------------
def _scoped_committees(*, programme=None, action=None, committee=None) -> QuerySet[Committee]:
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


def governance_figures(*, programme=None, action=None, committee=None, start: date | None = None,
                       end: date | None = None, today: date | None = None) -> dict:
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



# --- Histories: who changed what, when (minutes, decisions) ---------------------------------
HISTORY_LIMIT = 200  # the newest rows of each history shown (and their previous one, to compare)
SUMMARY, ITEM = "resume", "point"  # the restorable texts of a version of the minutes (in the restore URL)


@dataclass
class HistoryEntry:
    """One row of a history page: one saved version of one object."""

    when: datetime
    who: object  # the User, or None
    what: str
    type: str  # "+" created, "~" changed, "-" deleted
    changes: list[str] = field(default_factory=list)  # the labels of the fields changed
    diffs: list[dict] = field(default_factory=list)  # per text field changed: {"label", "lines": [(op, text)]}
    reason: str = ""
    restore_url: str = ""


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The lines of `new` against `old`: ("-", removed line), ("+", added line), (" ", unchanged line kept for
    context next to a change; a long run of unchanged lines is cut to "…")."""
    import difflib

    before = old.replace("\r\n", "\n").split("\n") if old else []
    after = new.replace("\r\n", "\n").split("\n") if new else []
    lines: list[tuple[str, str]] = []
    for group in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_grouped_opcodes(1):
        if lines:
            lines.append((" ", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend((" ", line) for line in before[i1:i2])
                continue
            lines.extend(("-", line) for line in before[i1:i2] if tag in ("replace", "delete"))
            lines.extend(("+", line) for line in after[j1:j2] if tag in ("replace", "insert"))
    return lines


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since: its name
        return name


def _entries_of(rows, *, model, what, text_fields, restorable=None, restore_url=None) -> list[HistoryEntry]:
    """The entries of one object's history rows (oldest first, as read): each compared with the previous row
    in memory (no query per row), the text fields with their line diff."""
    entries = []
    previous = None
    for row in rows:
        changes, diffs = [], []
        if previous is not None and row.history_type != "-":
            delta = row.diff_against(previous, excluded_fields=["updated_at", "created_at"])
            for change in delta.changes:
                label = _label(model, change.field)
                changes.append(label)
                if change.field in text_fields:
                    diffs.append({"label": label, "lines": text_diff(change.old, change.new)})
        elif row.history_type == "+":
            for name in text_fields:
                if getattr(row, name, ""):
                    diffs.append({"label": _label(model, name), "lines": text_diff("", getattr(row, name))})
        if previous is not None or row.history_type != "~" or changes:
            entries.append(HistoryEntry(
                when=row.history_date, who=row.history_user, what=what(row) if callable(what) else what,
                type=row.history_type, changes=changes, diffs=diffs, reason=row.history_change_reason or "",
                restore_url=restore_url(row) if restorable is not None and restorable(row) else "",
            ))
        previous = row
    return entries


def _newest_rows(history_qs) -> list:
    """The newest rows of a history (with their author), oldest first; one more than shown, to compare."""
    rows = list(history_qs.select_related("history_user").order_by("-history_id")[: HISTORY_LIMIT + 1])
    rows.reverse()
    return rows


def minutes_history(minutes: Minutes, *, can_restore: bool) -> list[HistoryEntry]:
    """Every saved version of `minutes` and of its items' texts, newest first, with a line diff of the texts.

    A version whose text (not empty) differs from today's carries the URL restoring it when `can_restore` (the
    person may edit these minutes, still editable). A fixed number of queries, whatever the number of versions.
    """
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.conflicts import same

    from .models import AgendaItem

    can_restore = can_restore and not minutes.is_read_only
    entries = _entries_of(
        _newest_rows(minutes.history.all()), model=Minutes, what=_("General summary"),
        text_fields=("summary", "correction_reason"),
        restorable=lambda row: (can_restore and row.history_type != "-" and bool(row.summary)
                                and not same(row.summary, minutes.summary)),
        restore_url=lambda row: reverse("governance:minutes_restore", args=[minutes.pk, SUMMARY, row.history_id]),
    )
    item_rows = _newest_rows(MinutesItem.history.filter(minutes_id=minutes.pk))
    current = dict(minutes.items.values_list("pk", "text"))
    agenda_ids = {row.agenda_item_id for row in item_rows}
    titles = dict(AgendaItem._base_manager.filter(pk__in=agenda_ids).values_list("pk", "title"))
    missing = agenda_ids - set(titles)
    if missing:  # items removed from the agenda since: their last known title
        for pk, title in (AgendaItem.history.filter(id__in=missing).order_by("id", "history_id")
                          .values_list("id", "title")):
            titles[pk] = title
    by_item: dict[int, list] = defaultdict(list)
    for row in item_rows:
        by_item[row.id].append(row)
    for item_id, rows in by_item.items():
        entries += _entries_of(
            rows, model=MinutesItem, text_fields=("text",),
            what=lambda row: _("Item « %(title)s »") % {"title": titles.get(row.agenda_item_id, "?")},
            restorable=lambda row, item_id=item_id: (
                can_restore and row.history_type != "-" and bool(row.text) and item_id in current
                and not same(row.text, current[item_id])
            ),
            restore_url=lambda row: reverse("governance:minutes_restore", args=[minutes.pk, ITEM, row.history_id]),
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]


def decision_history(decision: Decision, *, can_restore: bool) -> list[HistoryEntry]:
    """Every saved version of `decision` and of its follow-up items, newest first (a fixed number of queries)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.conflicts import same

    entries = _entries_of(
        _newest_rows(decision.history.all()), model=Decision, what=_("Decision"), text_fields=("text",),
        restorable=lambda row: (can_restore and row.history_type != "-" and bool(row.text)
                                and not same(row.text, decision.text)),
        restore_url=lambda row: reverse("governance:decision_restore", args=[decision.pk, row.history_id]),
    )
    by_item: dict[int, list] = defaultdict(list)
    for row in _newest_rows(FollowUpItem.history.filter(decision_id=decision.pk)):
        by_item[row.id].append(row)
    for rows in by_item.values():
        entries += _entries_of(
            rows, model=FollowUpItem, text_fields=("title", "notes"),
            what=lambda row: _("Follow-up item « %(title)s »") % {"title": row.title},
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]


def text_differences(instance, record, fields) -> list[dict]:
    """The texts of `instance` that differ in its history row `record`: label, that version's, today's, diff."""
    from core.conflicts import same

    rows = []
    for name in fields:
        then, now = getattr(record, name) or "", getattr(instance, name) or ""
        if not same(then, now):
            rows.append({"name": name, "label": _label(type(instance), name), "then": then, "now": now,
                         "lines": text_diff(now, then)})
    return rows
