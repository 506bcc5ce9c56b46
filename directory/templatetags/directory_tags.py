from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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


@register.simple_tag(takes_context=True)
def sortable_th(context, param: str, label: str, css_class: str = ""):
    """A column header that sorts the list by `param` (click again: descending), keeping the filters."""
    request = context["request"]
    current = request.GET.get("tri", "")
    query = request.GET.copy()
    query.pop("page", None)
    if current == param:
        query["tri"] = f"-{param}"
        sort, icon = "ascending", "bi-sort-down-alt"
    elif current == f"-{param}":
        query["tri"] = param
        sort, icon = "descending", "bi-sort-down"
    else:
        query["tri"] = param
        sort, icon = None, "bi-arrow-down-up text-body-tertiary"
    hint = _("sort by this column")
    return format_html(
        '<th scope="col" class="{}"{}><a class="sort-link" href="?{}" title="{}">{} <i class="bi {}" aria-hidden="true"></i></a></th>',
        css_class,
        format_html(' aria-sort="{}"', sort) if sort else "",
        query.urlencode(),
        hint,
        label,
        icon,
    )
