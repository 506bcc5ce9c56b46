"""Reminder rules of governance (the engine sends each one once per recipient and due date)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core import french
from reminders.registry import DueReminder, register

from .models import Attendance, FollowUpItem, Meeting, Membership, Minutes

MINUTES_DELAY_DAYS = 5


def _day_bounds(first, last):
    tz = timezone.get_current_timezone()
    return datetime.combine(first, time.min, tzinfo=tz), datetime.combine(last, time.max, tzinfo=tz)


def _open_meetings(first, last):
    start, end = _day_bounds(first, last)
    invited = (
        Attendance.objects.exclude(status=Attendance.Status.EXCUSED)
        .filter(person__user__isnull=False, person__user__is_active=True)
        .select_related("person__user")
    )
    return (
        Meeting.objects.filter(
            status__in=[Meeting.Status.PLANNED, Meeting.Status.CONVENED],
            starts_at__gte=start,
            starts_at__lte=end,
        )
        .select_related("committee")
        .prefetch_related(Prefetch("attendances", queryset=invited, to_attr="reminded"))
    )


def _meeting_reminder(meeting, *, days_before: int, subject: str) -> DueReminder:
    local = timezone.localtime(meeting.starts_at)
    return DueReminder(
        obj=meeting,
        due_date=local.date() - timedelta(days=days_before),
        recipients=[a.person.user for a in meeting.reminded],
        subject=subject,
        message=_("%(title)s (%(committee)s) on %(date)s%(place)s.")
        % {
            "title": meeting.title,
            "committee": meeting.committee.name,
            "date": french.jour_heure(local),
            "place": f", {meeting.place}" if meeting.place else "",
        },
        url=meeting.get_absolute_url(),
    )


@register("governance.meeting_in_7_days", "Réunion dans 7 jours")
def meetings_in_a_week(today):
    # From 7 down to 2 days ahead: a scan missed on the day still sends it, the day before is the other rule.
    for meeting in _open_meetings(today + timedelta(days=2), today + timedelta(days=7)):
        yield _meeting_reminder(
            meeting, days_before=7, subject=_("Meeting in 7 days: %(title)s") % {"title": meeting.title}
        )


@register("governance.meeting_tomorrow", "Réunion demain")
def meetings_tomorrow(today):
    for meeting in _open_meetings(today + timedelta(days=1), today + timedelta(days=1)):
        yield _meeting_reminder(
            meeting, days_before=1, subject=_("Meeting tomorrow: %(title)s") % {"title": meeting.title}
        )


@register("governance.minutes_missing", "Compte rendu non rédigé")
def minutes_not_written(today):
    """Held at least 5 days ago (and at most 60) and still no minutes written: to the secretary."""
    start, end = _day_bounds(today - timedelta(days=60), today - timedelta(days=MINUTES_DELAY_DAYS))
    secretaries = Membership.objects.filter(
        Membership.active_q(today),
        person__user__isnull=False,
        role__in=[Membership.Role.SECRETARY, Membership.Role.PILOT],
    ).select_related("person__user")
    meetings = (
        Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__gte=start, starts_at__lte=end)
        .select_related("committee")
        .prefetch_related(
            Prefetch("committee__memberships", queryset=secretaries, to_attr="writers"),
            Prefetch(
                "minutes_versions", queryset=Minutes.objects.prefetch_related("items"), to_attr="versions"
            ),
        )
    )
    for meeting in meetings:
        if any(m.summary.strip() or any(i.text.strip() for i in m.items.all()) for m in meeting.versions):
            continue
        writers = [m for m in meeting.committee.writers if m.role == Membership.Role.SECRETARY]
        writers = writers or meeting.committee.writers  # no secretary: the pilots take it
        local = timezone.localtime(meeting.starts_at)
        yield DueReminder(
            obj=meeting,
            due_date=local.date() + timedelta(days=MINUTES_DELAY_DAYS),
            recipients=[m.person.user for m in writers],
            subject=_("Minutes to write: %(title)s") % {"title": meeting.title},
            message=_(
                "The meeting %(title)s (%(committee)s) was held on %(date)s and its minutes are not written yet."
            )
            % {
                "title": meeting.title,
                "committee": meeting.committee.name,
                "date": local.strftime("%d/%m/%Y"),
            },
            url=meeting.get_absolute_url() + "#compte-rendu",
        )


def _open_items(first, last):
    return FollowUpItem.objects.filter(
        status__in=FollowUpItem.OPEN_STATUSES,
        due_date__gte=first,
        due_date__lte=last,
        owner__user__isnull=False,
    ).select_related("owner__user", "decision__meeting__committee")


@register("governance.followup_due_soon", "Suite à donner dans 3 jours")
def followups_due_soon(today):
    for item in _open_items(today, today + timedelta(days=3)):
        yield DueReminder(
            obj=item,
            due_date=item.due_date - timedelta(days=3),
            recipients=[item.owner.user],
            about=item.decision.meeting,
            subject=_("Due on %(date)s: %(title)s")
            % {"date": item.due_date.strftime("%d/%m/%Y"), "title": item.title},
            message=_("Decided at %(meeting)s (%(committee)s).")
            % {"meeting": item.decision.meeting.title, "committee": item.decision.meeting.committee.name},
            url=item.get_absolute_url(),
        )


@register("governance.followup_overdue", "Suite à donner en retard")
def followups_overdue(today):
    for item in _open_items(today - timedelta(days=365), today - timedelta(days=1)):
        yield DueReminder(
            obj=item,
            due_date=item.due_date + timedelta(days=1),
            recipients=[item.owner.user],
            about=item.decision.meeting,
            subject=_("Overdue since %(date)s: %(title)s")
            % {"date": item.due_date.strftime("%d/%m/%Y"), "title": item.title},
            message=_("Decided at %(meeting)s (%(committee)s). Update its status once it is done.")
            % {"meeting": item.decision.meeting.title, "committee": item.decision.meeting.committee.name},
            url=item.get_absolute_url(),
        )
