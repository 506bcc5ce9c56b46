"""The member files' part of the home page (service staff): the members with a step late or due this week."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.home import LINE_LIMIT, HomeLine, HomeSection, SectionContent, register

from .access import adherents_visible_to, can_use_staff_side
from .models import StepInstance


def collect(user, today):
    """One line per member with a step late or due within the week, the most urgent first.

    The total counts members (not steps), as the member list's figures do; each line names the
    member's most urgent step and leads to its file.
    """
    if not can_use_staff_side(user):
        return None
    week_end = today + timedelta(days=7)
    open_steps = StepInstance.objects.filter(
        adherent__in=adherents_visible_to(user), completed_on__isnull=True, due_on__lte=week_end
    )
    per_member = (
        open_steps.values("adherent")
        .annotate(first_due=Min("due_on"), steps=Count("pk"))
        .order_by("first_due", "adherent")
    )
    total = per_member.count()
    top = list(per_member[:LINE_LIMIT])
    first_steps = {}
    for instance in (
        open_steps.filter(adherent__in=[row["adherent"] for row in top])
        .select_related("step", "adherent__organisation")
        .order_by("adherent", "due_on", "pk")
    ):
        first_steps.setdefault(instance.adherent_id, instance)
    lines = []
    for row in top:
        instance = first_steps[row["adherent"]]
        values = {
            "member": instance.adherent.organisation.name,
            "step": instance.step.name,
            "days": (today - instance.due_on).days,
            "others": row["steps"] - 1,
        }
        late = instance.due_on < today
        if late:
            label = (
                ngettext(
                    "%(member)s: « %(step)s » late by %(days)s day",
                    "%(member)s: « %(step)s » late by %(days)s days",
                    values["days"],
                )
                % values
            )
        else:
            label = _("%(member)s: « %(step)s » to do") % values
        if values["others"]:
            label += (
                " "
                + ngettext("(and %(others)s other step)", "(and %(others)s other steps)", values["others"])
                % values
            )
        lines.append(
            HomeLine(label=label, url=instance.adherent.get_absolute_url(), when=instance.due_on, late=late)
        )
    late_members = open_steps.filter(due_on__lt=today).values("adherent").distinct().count() if total else 0
    list_url = reverse("adherents:adherent_list")
    return SectionContent(
        lines,
        total=total,
        keep_order=True,
        more_url=f"{list_url}?situation=late" if late_members else list_url,
    )


register(
    HomeSection(
        key="adherents",
        title=gettext_lazy("Member companies"),
        order=50,
        collect=collect,
        icon="bi-building",
        empty=gettext_lazy("No member step late or due this week."),
    )
)
