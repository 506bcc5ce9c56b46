from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` — a dict lookup with a variable key (None when absent)."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def minutes_hm(minutes):
    """90 → "1 h 30", 45 → "45 min"."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


@register.filter
def slice_at(sequence, position):
    """`list|slice_at:n` — the n-th element, counting from 1."""
    try:
        return sequence[int(position) - 1]
    except (IndexError, TypeError, ValueError):
        return ""
