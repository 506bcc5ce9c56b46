from django import template
from django.utils.html import format_html

register = template.Library()

KIND_COLOURS = {
    "entreprise": "text-bg-light border",
    "aract": "text-bg-primary",
    "dreets": "text-bg-dark",
    "branche": "text-bg-info",
    "syndicat": "text-bg-warning",
    "ssti": "text-bg-success",
    "financeur": "text-bg-secondary",
    "cabinet": "text-bg-light border border-primary",
    "institution": "text-bg-dark",
    "autre": "text-bg-light border",
}


@register.simple_tag
def kind_badge(organisation):
    return format_html(
        '<span class="badge kind-badge {}">{}</span>',
        KIND_COLOURS.get(organisation.kind, "text-bg-light border"),
        organisation.get_kind_display(),
    )
