"""The evaluation part of the home page: the manual indicators the user enters, without a value for the current period."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.home import LINE_LIMIT, HomeLine, HomeSection, SectionContent, register

from .access import indicators_enterable_by
from .models import Indicator, Measurement
from .periods import Periodicity, period_end, period_start


def _scope(indicator) -> str:
    """What the indicator measures, to tell apart indicators of the same name."""
    if indicator.action_id:
        return indicator.action.code
    if indicator.programme_id:
        return indicator.programme.name
    if indicator.service_id:
        return indicator.service.name
    return ""


def collect(user, today):
    enterable = indicators_enterable_by(user).filter(is_active=True)
    if not enterable.exists():
        return None
    missing = Q()
    for periodicity in Periodicity.values:
        current = period_start(today, periodicity)
        missing |= Q(periodicity=periodicity) & ~Exists(
            Measurement.objects.filter(indicator=OuterRef("pk"), period=current)
        )
    to_enter = (
        Indicator.objects.filter(pk__in=enterable.values("pk"))
        .filter(missing)
        .select_related("action", "programme", "service")
        .order_by("name", "pk")
    )
    lines = []
    for indicator in to_enter[:LINE_LIMIT]:
        current = period_start(today, indicator.periodicity)
        values = {"name": indicator.name, "period": indicator.period_label(current), "scope": _scope(indicator)}
        if values["scope"]:
            label = _("Indicator « %(name)s » (%(scope)s): value of %(period)s to enter") % values
        else:
            label = _("Indicator « %(name)s »: value of %(period)s to enter") % values
        lines.append(HomeLine(
            label=label,
            url=indicator.get_absolute_url(),
            when=period_end(current, indicator.periodicity),
        ))
    return SectionContent(lines, total=to_enter.count(), more_url=reverse("evaluation:indicator_list"))


register(HomeSection(
    key="evaluation", title=gettext_lazy("Indicators to enter"), order=30, collect=collect, icon="bi-graph-up",
    empty=gettext_lazy("Every indicator has its value for the current period."),
))
