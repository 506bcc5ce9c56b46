"""The member files' part of the home page (service staff): how many member steps are late or due this week."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from core.home import HomeLine, HomeSection, SectionContent, register

from .access import adherents_visible_to, can_use_staff_side
from .models import StepInstance


def collect(user, today):
    if not can_use_staff_side(user):
        return None
    week_end = today + timedelta(days=7)
    counts = StepInstance.objects.filter(
        adherent__in=adherents_visible_to(user), completed_on__isnull=True, due_on__lte=week_end
    ).aggregate(late=Count("pk", filter=Q(due_on__lt=today)), due=Count("pk", filter=Q(due_on__gte=today)))
    list_url = reverse("adherents:adherent_list")
    lines = []
    if counts["late"]:
        lines.append(HomeLine(
            label=ngettext("%(count)s member step late", "%(count)s member steps late", counts["late"])
            % {"count": counts["late"]},
            url=f"{list_url}?situation=late",
            late=True,
        ))
    if counts["due"]:
        lines.append(HomeLine(
            label=ngettext("%(count)s member step due this week", "%(count)s member steps due this week", counts["due"])
            % {"count": counts["due"]},
            url=list_url,
            when=week_end,
        ))
    return SectionContent(lines, total=len(lines), more_url=list_url)


register(HomeSection(
    key="adherents", title=gettext_lazy("Member companies"), order=50, collect=collect, icon="bi-building",
    empty=gettext_lazy("No member step late or due this week."),
))
