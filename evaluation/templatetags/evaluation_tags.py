from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import charts
from evaluation.models import format_number
from evaluation.status import STATE_STYLE, State

register = template.Library()


@register.inclusion_tag("evaluation/_state_badge.html")
def state_badge(state):
    state = State(state)
    return {"state": state, "style": STATE_STYLE[state]}


@register.simple_tag
def indicator_chart(state, series_by_indicator, narrow=False):
    series = (
        series_by_indicator.get(state.indicator.pk, [])
        if isinstance(series_by_indicator, dict)
        else series_by_indicator
    )
    return charts.indicator_chart(state, series, narrow=narrow)


@register.simple_tag
def series_rows(state, series_by_indicator):
    """The numbers behind an indicator's chart, for the table shown next to it."""
    series = (
        series_by_indicator.get(state.indicator.pk, [])
        if isinstance(series_by_indicator, dict)
        else series_by_indicator
    )
    indicator, steps = state.indicator, state.steps
    return [
        {
            "label": indicator.period_label(period),
            "value": indicator.format_value(value),
            "step": indicator.format_value(steps[period]) if period in steps else "",
        }
        for period, value in series
    ]


@register.simple_tag
def progress(percent, label=""):
    return charts.progress_bar(percent, label=label or _("Progress towards the target"))


@register.simple_tag
def ratio_bar(part, whole, label=""):
    percent = round(100 * part / whole) if whole else None
    return charts.progress_bar(percent, label=label)


@register.simple_tag
def phases_bar_chart(by_phase, title, narrow=False):
    return charts.bar_chart(
        [(f"{row['number']}. {row['label']}", row["count"]) for row in by_phase], title=title, narrow=narrow
    )


@register.simple_tag
def counts_bar_chart(rows, title, narrow=False):
    return charts.bar_chart([(str(row["label"]), row["count"]) for row in rows], title=title, narrow=narrow)


@register.simple_tag
def phase_chart(phase_rows, title, narrow=False):
    today = timezone.localdate()
    return charts.phase_chart(
        [
            {
                "label": f"{row.phase.number}. {row.reference.name}",
                "planned_start": row.phase.planned_start,
                "planned_end": row.phase.planned_end,
                "actual_start": row.phase.actual_start,
                "actual_end": row.phase.actual_end,
                "today": today,
                "late": row.is_late,
            }
            for row in phase_rows
        ],
        title=title,
        narrow=narrow,
    )


@register.filter
def number(value):
    return format_number(value)


@register.filter
def period_of(indicator, period):
    return indicator.period_label(period)


@register.filter
def value_of(indicator, value):
    return indicator.format_value(value)


@register.filter
def item_text(item):
    """A fiche-action list item may be a plain string or a small dict (title, text…)."""
    if isinstance(item, dict):
        parts = [str(item[key]) for key in ("title", "label", "name", "text", "description") if item.get(key)]
        return " — ".join(parts)
    return str(item)
