"""The reminders' part of the home page: the unread notices, one line per object and kind (as on the notices page)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from core.home import HomeLine, HomeSection, SectionContent, register

from .access import notifications_visible_to
from .grouping import fill_groups, groups_queryset

# The latest groups named on the home page; the others are counted.
SHOWN_GROUPS = 10


def collect(user, today):
    unread = notifications_visible_to(user).filter(read_at__isnull=True)
    rows = groups_queryset(unread)
    total = rows.count()
    groups = fill_groups(unread, list(rows[:SHOWN_GROUPS]), shown=1) if total else []
    list_url = reverse("reminders:notification_list")
    lines = [HomeLine(label=group.heading, url=list_url, when=group.latest_at) for group in groups]
    return SectionContent(lines, total=total, more_url=list_url, keep_order=True)


register(
    HomeSection(
        key="reminders",
        title=gettext_lazy("Unread notices"),
        order=90,
        collect=collect,
        icon="bi-bell",
        empty=gettext_lazy("No unread notice."),
    )
)
