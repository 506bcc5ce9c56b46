"""Notices grouped per (object, kind): « Programme « Dispositif santé » — 28 nouvelles publications ».

A notice about an object (`about_type`/`about_id`) falls in the group of the other notices of the
same kind about the same object; notices about nothing are grouped when kind and title are the same. The group key is
computed by the database, so the notices page and the badge count groups without loading notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Value, When, Window
from django.db.models.functions import Cast, Concat, RowNumber
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Notification

# Notices of a group listed when it is opened; the older ones are counted.
SHOWN_PER_GROUP = 10


def group_key():
    """The expression naming a notice's group: « <type>:<id>:<kind> »; about nothing, « t:<kind>:<title> »."""
    return Case(
        When(
            about_id__isnull=True,
            then=Concat(Value("t:"), "kind", Value(":"), "title", output_field=CharField()),
        ),
        default=Concat(
            Cast("about_type_id", CharField()),
            Value(":"),
            Cast("about_id", CharField()),
            Value(":"),
            "kind",
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def about_label_for(obj) -> str:
    """« Action « Prévenir les TMS » »: the object's kind and its name, for a group's heading."""
    if obj is None:
        return ""
    kind = capfirst(str(obj._meta.verbose_name))
    return f"{kind} « {obj} »"[:255]


def _count_label(kind: str, count: int) -> str:
    """What happened, counted: « 3 livrables publiés »."""
    if kind == "deliverable_published":
        return ngettext("%(count)s deliverable published", "%(count)s deliverables published", count) % {
            "count": count
        }
    if kind == "publication_published":
        return ngettext("%(count)s new publication", "%(count)s new publications", count) % {"count": count}
    if kind == "minutes_circulated":
        return ngettext("minutes circulated %(count)s time", "minutes circulated %(count)s times", count) % {
            "count": count
        }
    if kind == "person_access_changed":
        return ngettext("access changed %(count)s time", "access changed %(count)s times", count) % {
            "count": count
        }
    from .registry import rule_label

    label = rule_label(kind)
    if label:
        return ngettext("%(count)s reminder: %(rule)s", "%(count)s reminders: %(rule)s", count) % {
            "count": count,
            "rule": label,
        }
    return ngettext("%(count)s notice", "%(count)s notices", count) % {"count": count}


def group_heading(*, about_label: str, kind: str, count: int, latest_title: str) -> str:
    """A group's one line: the latest notice's title when alone, else the object and what happened to it."""
    if count <= 1:
        return latest_title
    if not about_label:
        return ngettext("%(title)s (%(count)s notice)", "%(title)s (%(count)s notices)", count) % {
            "title": latest_title,
            "count": count,
        }
    return _("%(about)s — %(what)s") % {"about": about_label, "what": _count_label(kind, count)}


@dataclass
class NoticeGroup:
    key: str
    count: int
    unread: int
    latest_at: datetime
    notices: list = field(default_factory=list)

    @property
    def latest(self) -> Notification:
        return self.notices[0]

    @property
    def heading(self) -> str:
        latest = self.latest
        return group_heading(
            about_label=latest.about_label, kind=latest.kind, count=self.count, latest_title=latest.title
        )

    @property
    def hidden(self) -> int:
        return self.count - len(self.notices)


def groups_queryset(notices: QuerySet[Notification]):
    """One row per group: its key, how many notices, how many unread, the latest date; latest first."""
    return (
        notices.order_by()
        .annotate(group=group_key())
        .values("group")
        .annotate(
            count=Count("pk"), unread=Count("pk", filter=Q(read_at__isnull=True)), latest_at=Max("created_at")
        )
        .order_by("-latest_at", "group")
    )


def unread_group_count(notices: QuerySet[Notification]) -> int:
    return (
        notices.filter(read_at__isnull=True)
        .order_by()
        .annotate(group=group_key())
        .values("group")
        .distinct()
        .count()
    )


def fill_groups(notices: QuerySet[Notification], rows, shown: int = SHOWN_PER_GROUP) -> list[NoticeGroup]:
    """The groups of `rows` (from groups_queryset) with their latest notices: one query."""
    groups = {
        row["group"]: NoticeGroup(row["group"], row["count"], row["unread"], row["latest_at"]) for row in rows
    }
    if not groups:
        return []
    ranked = (
        notices.order_by()
        .annotate(group=group_key())
        .filter(group__in=list(groups))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("group")], order_by=[F("created_at").desc(), F("pk").desc()]
            )
        )
        .filter(rank__lte=shown)
        .order_by("-created_at", "-pk")
        .only("title", "message", "url", "kind", "about_label", "about_id", "created_at", "read_at")
    )
    for notice in ranked:
        groups[notice.group].notices.append(notice)
    return [group for group in groups.values() if group.notices]


def same_group(notices: QuerySet[Notification], notice: Notification) -> QuerySet[Notification]:
    """The notices in `notice`'s group (itself included)."""
    if notice.about_id is None:
        return notices.filter(about_id__isnull=True, kind=notice.kind, title=notice.title)
    return notices.filter(about_type_id=notice.about_type_id, about_id=notice.about_id, kind=notice.kind)
