from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from actions.phases import phase_reference
from actions.timeline import chart_stylesheet as _chart_stylesheet

register = template.Library()


@register.filter
def phase_name(number):
    try:
        return phase_reference(int(number)).name
    except (TypeError, ValueError, IndexError):
        return ""


@register.simple_tag
def phase_progress(action):
    """Seven small squares: done, current, to come."""
    cells = []
    for number in range(1, 8):
        if action.is_closed or number < action.current_phase_number:
            css = "done"
        elif number == action.current_phase_number:
            css = "current"
        else:
            css = "todo"
        cells.append((css, number, phase_name(number)))
    return format_html(
        '<span class="phase-progress" role="img" aria-label="{}">{}</span>',
        _("Phase %(number)s of 7: %(name)s")
        % {"number": action.current_phase_number, "name": phase_name(action.current_phase_number)},
        format_html_join("", '<span class="phase-cell phase-{}" title="{}. {}"></span>', cells),
    )


@register.filter
def keur(value):
    """12.5 → « 12,5 » ; 100.0 → « 100 »."""
    if value is None:
        return ""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@register.filter
def euros(value):
    if value is None:
        return "—"
    return f"{value:,.0f}".replace(",", "\u202f") + " €"


@register.simple_tag
def budget_range(action):
    low, high = action.budget_min_keur, action.budget_max_keur
    if low is None and high is None:
        return action.budget_note or "—"
    if low is not None and high is not None and low != high:
        text = f"{keur(low)}–{keur(high)} k€"
    else:
        text = f"{keur(low if low is not None else high)} k€"
    return text


@register.filter
def segment_colour(segment):
    """The colour class of a segment of the programme's Gantt chart: late, done, in progress or planned."""
    if segment.late:
        return "chart-late"
    if segment.done:
        return "chart-done"
    if segment.in_progress:
        return "chart-current"
    return "chart-planned"


@register.filter
def financing_text(line):
    """« CARSAT — 12 000 € — 40 % (accordé), note »: a financing line in a sentence (the fiche's PDF)."""
    parts = [short_name(line.funder)]
    if line.amount_eur is not None:
        parts.append(euros(line.amount_eur))
    if line.share_percent is not None:
        parts.append(f"{floatformat(line.share_percent, '-2')} %")
    text = " — ".join(parts) + f" ({line.get_status_display().lower()})"
    return f"{text}, {line.note}" if line.note else text


@register.simple_tag
def action_duration(action):
    """« Préparation 6 mois · Déploiement 12 mois — note », or « — » when nothing is said."""
    months = [
        _("Preparation %(n)s months") % {"n": action.preparation_months} if action.preparation_months else "",
        _("Deployment %(n)s months") % {"n": action.deployment_months} if action.deployment_months else "",
    ]
    text = " · ".join(part for part in months if part)
    if action.duration_note:
        text = f"{text} — {action.duration_note}" if text else action.duration_note
    return text or "—"


@register.filter
def user_name(user):
    """A user's full name, or their username; « — » for nobody."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username


@register.filter
def short_name(organisation):
    """An organisation's acronym, else its name; « — » for none."""
    if organisation is None:
        return "—"
    return organisation.acronym or organisation.name


@register.simple_tag
def budget_short(action):
    """The range alone, for lists; « — » when the fiche gives no figure."""
    if action.budget_min_keur is None and action.budget_max_keur is None:
        return "—"
    return budget_range(action)


@register.simple_tag
def chart_stylesheet():
    """The chart rules of copilote.css, custom properties resolved, for a <style> inside a PDF's SVG."""
    return mark_safe(_chart_stylesheet())  # our own stylesheet, read from disk
