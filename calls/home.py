"""The calls' part of the home page: the submitted applications waiting for the user's score."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.home import LINE_LIMIT, HomeLine, HomeSection, SectionContent, register

from .access import applications_visible_to, calls_visible_to
from .models import Application, Score


def collect(user, today):
    if not calls_visible_to(user).exists():
        return None
    to_score = (
        applications_visible_to(user)
        .filter(status=Application.Status.SUBMITTED, call__decided_at__isnull=True)
        .exclude(Exists(Score.objects.filter(application=OuterRef("pk"), scorer=user)))
        .select_related("call")
        .order_by("submitted_at", "pk")
    )
    lines = [
        HomeLine(
            label=_("%(call)s: application « %(name)s » to score") % {"call": a.call.title, "name": str(a)},
            url=reverse("calls:application_detail", args=[a.pk]),
            when=a.call.closes_at,
        )
        for a in to_score[:LINE_LIMIT]
    ]
    return SectionContent(lines, total=to_score.count(), more_url=reverse("calls:call_list"))


register(
    HomeSection(
        key="calls",
        title=gettext_lazy("Applications to score"),
        order=40,
        collect=collect,
        icon="bi-megaphone",
        empty=gettext_lazy("No application waiting for your score."),
    )
)
