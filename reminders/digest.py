"""The daily digest e-mail: a person's notices of the days before, grouped per object and kind."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core import french

from .grouping import SHOWN_PER_GROUP, group_heading
from .models import Notification


def digest_groups(notices: list[Notification]) -> list[dict]:
    """[{heading, notices: [{title, when, url}], more}], latest group first (notices come latest first)."""
    from .services import absolute_url

    groups: dict[tuple, list[Notification]] = {}
    for notice in notices:
        key = (
            (notice.about_type_id, notice.about_id, notice.kind)
            if notice.about_id is not None
            else ("t", notice.kind, notice.title)
        )
        groups.setdefault(key, []).append(notice)
    return [
        {
            "heading": group_heading(
                about_label=group[0].about_label,
                kind=group[0].kind,
                count=len(group),
                latest_title=group[0].title,
            ),
            "notices": [
                {"title": n.title, "when": french.jour_heure_court(n.created_at), "url": absolute_url(n.url)}
                for n in group[:SHOWN_PER_GROUP]
            ],
            "more": max(0, len(group) - SHOWN_PER_GROUP),
        }
        for group in groups.values()
    ]


def digest_email(*, user, notices: list[Notification], day: date) -> tuple[str, str]:
    from .services import absolute_url

    subject = _("Copilote: your notices, digest of %(day)s") % {"day": french.jour(day)}
    body = render_to_string(
        "reminders/email/digest.txt",
        {
            "user": user,
            "count": len(notices),
            "groups": digest_groups(notices),
            "list_url": absolute_url(reverse("reminders:notification_list")),
            "preferences_url": absolute_url(reverse("reminders:notification_preferences")),
        },
    )
    return subject, body
