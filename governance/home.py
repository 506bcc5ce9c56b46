"""The governance part of the home page: my follow-up items, minutes to write or approve, next meetings."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actions.home import delay_text
from core.home import HORIZON_DAYS, LINE_LIMIT, HomeLine, HomeSection, SectionContent, register

from .access import committees_editable_by, committees_visible_to, followups_visible_to, member_committee_ids
from .models import FollowUpItem, Meeting, Minutes


def collect(user, today):
    if not committees_visible_to(user).exists():
        return None
    followups = (
        followups_visible_to(user)
        .filter(
            owner__user=user,
            status__in=FollowUpItem.OPEN_STATUSES,
            due_date__lte=today + timedelta(days=HORIZON_DAYS),
        )
        .select_related("decision__meeting__committee")
        .order_by("due_date", "pk")
    )
    lines = [
        HomeLine(
            label=_("%(committee)s: follow-up « %(title)s » %(delay)s")
            % {
                "committee": f.decision.meeting.committee.name,
                "title": f.title,
                "delay": delay_text(f.due_date, today),
            },
            url=f.get_absolute_url(),
            when=f.due_date,
            late=f.due_date < today,
        )
        for f in followups[:LINE_LIMIT]
    ]
    minutes_due = (
        Meeting.objects.filter(committee__in=committees_editable_by(user), status=Meeting.Status.HELD)
        .exclude(minutes_versions__status=Minutes.Status.APPROVED)
        .annotate(
            circulated=Exists(
                Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.CIRCULATED)
            )
        )
        .select_related("committee")
        .order_by("starts_at", "pk")
    )
    for meeting in minutes_due[:LINE_LIMIT]:
        if meeting.circulated:
            label = _("%(committee)s: minutes of « %(meeting)s » to approve")
            url = meeting.get_absolute_url()
        else:
            label = _("%(committee)s: minutes of « %(meeting)s » to write")
            url = reverse("governance:minutes_edit", args=[meeting.pk])
        lines.append(
            HomeLine(
                label=label % {"committee": meeting.committee.name, "meeting": meeting.title},
                url=url,
                when=meeting.starts_at,
            )
        )
    start = timezone.now()
    end = timezone.make_aware(datetime.combine(today + timedelta(days=HORIZON_DAYS + 1), time.min))
    meetings = (
        Meeting.objects.filter(
            committee__in=member_committee_ids(user),
            status__in=(Meeting.Status.PLANNED, Meeting.Status.CONVENED),
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related("committee")
        .order_by("starts_at", "pk")
    )
    lines += [
        HomeLine(
            label=_("%(committee)s: next meeting « %(meeting)s »")
            % {"committee": m.committee.name, "meeting": m.title},
            url=m.get_absolute_url(),
            when=m.starts_at,
        )
        for m in meetings[:LINE_LIMIT]
    ]
    total = followups.count() + minutes_due.count() + meetings.count()
    return SectionContent(lines, total=total, more_url=reverse("governance:followup_board"))


register(
    HomeSection(
        key="governance",
        title=gettext_lazy("My committees"),
        order=20,
        collect=collect,
        icon="bi-people",
        empty=gettext_lazy("Nothing late, no meeting in the next 14 days."),
    )
)
