from typing import Any

from django import template
from django.template import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.navigation import menu_items

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: Context, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (keeps the filters when paging)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def stars(value: Any, out_of: int = 5) -> SafeString:
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


@register.simple_tag(takes_context=True)
def sortable_th(context: Context, param: str, label: str, css_class: str = "") -> SafeString:
    """A column header that sorts the list by `param` (click again: descending), keeping the filters.

    The list view reads the `tri` parameter; `-param` means descending.
    """
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
    return format_html(
        '<th scope="col" class="{}"{}><a class="sort-link text-decoration-none" href="?{}" title="{}">{} '
        '<i class="bi {}" aria-hidden="true"></i></a></th>',
        css_class,
        format_html(' aria-sort="{}"', sort) if sort else "",
        query.urlencode(),
        _("sort by this column"),
        label,
        icon,
    )


@register.simple_tag
def active_filter_count(form: Any, exclude: str = "") -> int:
    """How many of a filter form's visible fields the request sets: the « Filtrer (2) » button
    (includes/filter_toggle.html). `exclude`: field names, comma-separated, shown outside the fold."""
    if not getattr(form, "is_bound", False):  # no form, or nothing asked yet
        return 0
    skipped = {name.strip() for name in exclude.split(",") if name.strip()}
    data = form.data
    count = 0
    for field in form.visible_fields():
        if field.name in skipped:
            continue
        values = data.getlist(field.html_name) if hasattr(data, "getlist") else [data.get(field.html_name)]
        if any(value not in (None, "") for value in values):
            count += 1
    return count


@register.simple_tag
def state_badge(obj: Any, field: str = "status", testid: str = "") -> SafeString:
    """An object's state as a badge, in the colour its model gives it (`core.states.state_flags(tones=…)`)."""
    tone = getattr(obj, f"{field}_tone", "light")
    border = " border" if tone == "light" else ""
    return format_html(
        '<span class="badge text-bg-{}{}"{}>{}</span>',
        tone,
        border,
        format_html(' data-testid="{}"', testid) if testid else "",
        getattr(obj, f"get_{field}_display")(),
    )


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context: Context, name: str, of: Any = None) -> dict[str, Any]:
    """The section menu an app registered as `name` (`core.navigation`), the page shown marked current;
    `of`: the object whose sections they are (a programme), when their addresses take its key."""
    match = context["request"].resolver_match
    menu, items = menu_items(name, match.view_name if match else "", [of.pk] if of is not None else [])
    return {"label": menu.label, "items": items}
