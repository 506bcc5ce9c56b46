"""The actions' part of the home page: late and coming deliverables, phases past their planned end."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.home import HORIZON_DAYS, LINE_LIMIT, HomeLine, HomeSection, SectionContent, register

from .access import actions_editable_by
from .models import ActionPhase, CollectiveAction, Deliverable

ACTIVE = (CollectiveAction.Status.DRAFT, CollectiveAction.Status.ONGOING)


def _action_name(action) -> str:
    return f"{action.code} — {Truncator(action.title).chars(40)}"


def delay_text(due, today) -> str:
    """« late by 3 days », « due today », « due in 2 days » (governance's home lines say it too)."""
    days = (today - due).days
    if days > 0:
        return ngettext("late by %(days)s day", "late by %(days)s days", days) % {"days": days}
    if days == 0:
        return _("due today")
    return ngettext("due in %(days)s day", "due in %(days)s days", -days) % {"days": -days}


def collect(user, today):
    actions = actions_editable_by(user).filter(status__in=ACTIVE)
    if not actions.exists():
        return None
    deliverables = (
        Deliverable.objects.filter(action__in=actions, due_date__lte=today + timedelta(days=HORIZON_DAYS))
        .exclude(status=Deliverable.Status.VALIDATED)
        .select_related("action")
        .order_by("due_date", "pk")
    )
    phases = (
        ActionPhase.objects.filter(action__in=actions, planned_end__lt=today)
        .exclude(status=ActionPhase.Status.DONE)
        .select_related("action")
        .order_by("planned_end", "pk")
    )
    lines = [
        HomeLine(
            label=_("%(action)s: deliverable « %(title)s » %(delay)s")
            % {"action": _action_name(d.action), "title": d.title, "delay": delay_text(d.due_date, today)},
            url=d.get_absolute_url(),
            when=d.due_date,
            late=d.due_date < today,
        )
        for d in deliverables[:LINE_LIMIT]
    ]
    lines += [
        HomeLine(
            label=_("%(action)s: phase « %(phase)s » past its planned end (%(delay)s)")
            % {
                "action": _action_name(p.action),
                "phase": p.reference.name,
                "delay": delay_text(p.planned_end, today),
            },
            url=reverse("actions:phase_edit", args=[p.action_id, p.number]),
            when=p.planned_end,
            late=True,
        )
        for p in phases[:LINE_LIMIT]
    ]
    return SectionContent(
        lines, total=deliverables.count() + phases.count(), more_url=reverse("actions:action_list")
    )


register(
    HomeSection(
        key="actions",
        title=gettext_lazy("My actions"),
        order=10,
        collect=collect,
        icon="bi-diagram-3",
        empty=gettext_lazy("Nothing late, no deliverable due in the next 14 days."),
    )
)
