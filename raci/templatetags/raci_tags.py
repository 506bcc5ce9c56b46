from django import template

from raci.letters import display_hours

register = template.Library()


@register.filter
def hours(value) -> str:
    """3 → « 3 h », 1.50 → « 1,5 h », 27.50 → « 27,5 h »."""
    return display_hours(value) if value is not None else ""
