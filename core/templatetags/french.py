"""French typography in templates: `{% load french %}`, then `{{ meeting.starts_at|jour_heure }}`.

The filters are thin wrappers of `core.french`, which Python code (e-mails, PDFs, messages) calls directly.
"""

from typing import Any

from django import template

from core import french

register = template.Library()


@register.filter
def jour(value: Any, arg: str = "") -> str:
    """« 1er juin 2023 »; `|jour:"semaine"` adds the weekday: « lundi 1er juin 2023 »."""
    return french.jour(value, weekday=arg == "semaine")


@register.filter
def jour_mois(value: Any) -> str:
    """« 1er juin » (the year is understood)."""
    return french.jour_mois(value)


@register.filter
def jour_court(value: Any) -> str:
    """« 4 déc. 2026 » (tables)."""
    return french.jour_court(value)


@register.filter
def mois(value: Any, arg: str = "") -> str:
    """« juin 2023 »; `|mois:"court"`: « déc. 2026 »."""
    return french.mois(value, short=arg == "court")


@register.filter
def heure(value: Any) -> str:
    """« 10 h », « 12 h 30 »."""
    return french.heure(value)


@register.filter
def heures(start: Any, end: Any) -> str:
    """`{{ meeting.starts_at|heures:meeting.ends_at }}`: « de 10 h à 12 h 30 »."""
    return french.heures(start, end)


@register.filter
def jour_heure(value: Any, arg: str = "") -> str:
    """« 4 décembre 2026 à 10 h »; `|jour_heure:"semaine"` adds the weekday."""
    return french.jour_heure(value, weekday=arg == "semaine")


@register.filter
def jour_heure_court(value: Any) -> str:
    """« 4 déc. 2026, 10 h » (tables and lists)."""
    return french.jour_heure_court(value)


@register.filter
def pourcent(value: Any, decimals: Any = 1) -> str:
    """« 82 % », « 92,7 % »."""
    return french.pourcent(value, decimals=int(decimals))


@register.filter
def nombre(value: Any, decimals: Any = None) -> str:
    """« 20 000 », « 12,5 »."""
    return french.nombre(value, decimals=None if decimals in (None, "") else int(decimals))
