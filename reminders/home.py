"""The reminders' part of the home page: the unread notices, one line per object they name (their title)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from core.home import HomeLine, HomeSection, SectionContent, register

from .access import notifications_visible_to

# Enough unread notices to group; older ones are counted, not named.
SCAN_LIMIT = 200


def collect(user, today):
    unread = notifications_visible_to(user).filter(read_at__isnull=True)
    notices = list(unread.order_by("-created_at", "-pk").only("title", "url", "created_at")[:SCAN_LIMIT])
    groups: dict[str, list] = {}
    for notice in notices:
        groups.setdefault(notice.title, []).append(notice)
    list_url = reverse("reminders:notification_list")
    lines = []
    for group in groups.values():
        latest = group[0]
        label = latest.title
        if len(group) > 1:
            label = ngettext("%(title)s (%(count)s notice)", "%(title)s (%(count)s notices)", len(group)) % {
                "title": latest.title, "count": len(group),
            }
        lines.append(HomeLine(label=label, url=list_url, when=latest.created_at))
    lines.sort(key=lambda line: line.when, reverse=True)
    return SectionContent(lines, total=len(lines), more_url=list_url, keep_order=True)


register(HomeSection(
    key="reminders", title=gettext_lazy("Unread notices"), order=90, collect=collect, icon="bi-bell",
    empty=gettext_lazy("No unread notice."),
))
