from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (keeps the filters when paging)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def stars(value, out_of=5):
    """A 1–5 rating as stars, with its number for screen readers."""
    try:
        value = int(value or 0)
    except (TypeError, ValueError):
        value = 0
    value = max(0, min(out_of, value))
    return format_html(
        '<span class="stars" aria-hidden="true">{}{}</span><span class="visually-hidden">{}</span>',
        "★" * value,
        "☆" * (out_of - value),
        _("%(value)s out of %(max)s") % {"value": value, "max": out_of},
    )
