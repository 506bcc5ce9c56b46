"""French typography for dates, times and figures, as the Imprimerie nationale writes them.

Plain functions, usable from Python code (e-mails, PDFs, messages) and, through
`core/templatetags/french.py`, from templates:

- « 1er juin 2023 », « 4 décembre 2026 » (`jour`); in tables « 4 déc. 2026 » (`jour_court`);
- « 10 h », « 12 h 30 », midnight « 0 h » (`heure`); « 4 décembre 2026 à 10 h » (`jour_heure`);
- « 82 % », « 92,7 % » with a narrow no-break space and at most one decimal (`pourcent`);
- « 20 000 », « 12,5 » grouped with a narrow no-break space, decimal comma (`nombre`).

A missing value (None, "") is written « — », never « None ».
Aware datetimes are shown in the current time zone (Europe/Paris).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? % and between thousands
NBSP = "\u00a0"  # no-break space: before : and inside « »
MISSING = "—"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _is_missing(value: Any) -> bool:
    return value is None or value == ""


def _local(value: Any) -> Any:
    """An aware datetime in the current time zone; dates and naive datetimes as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day_number(day: int) -> str:
    return "1er" if day == 1 else str(day)


def jour(value: Any, weekday: bool = False) -> str:
    """« 1er juin 2023 », « 4 décembre 2026 »; with `weekday`, « lundi 1er juin 2023 »."""
    if _is_missing(value):
        return MISSING
    value = _local(value)
    text = f"{_day_number(value.day)} {MONTHS[value.month - 1]} {value.year}"
    if weekday:
        text = f"{WEEKDAYS[value.weekday()]} {text}"
    return text


def jour_mois(value: Any) -> str:
    """« 1er juin », « 4 décembre » (the year is understood)."""
    if _is_missing(value):
        return MISSING
    value = _local(value)
    return f"{_day_number(value.day)} {MONTHS[value.month - 1]}"


def jour_court(value: Any) -> str:
    """« 4 déc. 2026 », « 1er août 2023 » (for tables)."""
    if _is_missing(value):
        return MISSING
    value = _local(value)
    return f"{_day_number(value.day)} {MONTHS_SHORT[value.month - 1]} {value.year}"


def mois(value: Any, short: bool = False) -> str:
    """« juin 2023 », or « juin 2023 » / « déc. 2026 » with `short`."""
    if _is_missing(value):
        return MISSING
    value = _local(value)
    names = MONTHS_SHORT if short else MONTHS
    return f"{names[value.month - 1]} {value.year}"


def heure(value: Any) -> str:
    """« 10 h », « 12 h 30 », « 0 h » (minutes left out when zero)."""
    if _is_missing(value):
        return MISSING
    value = _local(value)
    if value.minute:
        return f"{value.hour} h {value.minute:02d}"
    return f"{value.hour} h"


def heures(start: Any, end: Any) -> str:
    """« de 10 h à 12 h 30 »; only one end known: « à 10 h »."""
    if _is_missing(start) and _is_missing(end):
        return MISSING
    if _is_missing(end):
        return f"à {heure(start)}"
    if _is_missing(start):
        return f"jusqu’à {heure(end)}"
    return f"de {heure(start)} à {heure(end)}"


def jour_heure(value: Any, weekday: bool = False) -> str:
    """« 4 décembre 2026 à 10 h »; a plain date has no time: « 4 décembre 2026 »."""
    if _is_missing(value):
        return MISSING
    if not isinstance(value, datetime.datetime):
        return jour(value, weekday=weekday)
    value = _local(value)
    return f"{jour(value, weekday=weekday)} à {heure(value)}"


def jour_heure_court(value: Any) -> str:
    """« 4 déc. 2026, 10 h » (for tables and lists)."""
    if _is_missing(value):
        return MISSING
    if not isinstance(value, datetime.datetime):
        return jour_court(value)
    value = _local(value)
    return f"{jour_court(value)}, {heure(value)}"


def _decimal(value: Any) -> Decimal | None:
    if _is_missing(value) or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _group(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NNBSP.join(groups)


def nombre(value: Any, decimals: int | None = None) -> str:
    """« 20 000 », « 12,5 », « −3 »: thousands grouped with U+202F, decimal comma.

    `decimals` rounds to that many places and drops trailing zeros (« 12,5 », not « 12,50 »);
    without it, the value keeps its own decimals (trailing zeros dropped).
    Something that is not a number is returned as it is; None is « — ».
    """
    number = _decimal(value)
    if number is None:
        return MISSING if _is_missing(value) else str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "−" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if not fraction and not whole.strip("0"):
        sign = ""  # no « −0 »
    result = sign + _group(whole)
    if fraction:
        result += "," + fraction
    return result


def pourcent(value: Any, decimals: int = 1) -> str:
    """« 82 % », « 92,7 % » (at most one decimal by default), with U+202F before « % »."""
    number = _decimal(value)
    if number is None:
        return MISSING
    return f"{nombre(number, decimals=decimals)}{NNBSP}%"


def ratio(part: Any, whole: Any, decimals: int = 1) -> str:
    """`part` out of `whole` as a percentage, « — » when the whole is zero or unknown."""
    part, whole = _decimal(part), _decimal(whole)
    if part is None or not whole:
        return MISSING
    return pourcent(part * 100 / whole, decimals=decimals)
