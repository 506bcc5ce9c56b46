"""The letters of a RACI cell and the workload column, as people type them.

Pure functions, shared by the grid editor, the import and the export:
- a cell holds any set of R, A, C, I, stored in that order (``"RC"``) and shown ``R/C``;
- a workload is a number of hours ("3h", "3 h ", "1,5 h", "1h30") or a free text
  ("Travaux intersession").
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

LETTERS = "RACI"
# What people put between letters: "R/C", "R, C", "R + C", "R-C", "R et C"…
_SEPARATORS = re.compile(r"(?:\s|/|,|;|\+|-|&|\.|\bet\b)+", re.IGNORECASE)
MAX_HOURS = Decimal("9999.99")
_HOURS = re.compile(
    r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?:h|hr?s?|heures?)?\.?$",
    re.IGNORECASE,
)
_HOURS_MINUTES = re.compile(r"^(?P<hours>\d+)\s*h\s*(?P<minutes>[0-5]\d)(?:\s*(?:min|mn))?$", re.IGNORECASE)


class LettersError(ValueError):
    """The text holds something else than R, A, C, I."""

    def __init__(self, bad: str):
        self.bad = bad
        super().__init__(bad)


def normalise_letters(text: str | None) -> str:
    """``" r/c "`` → ``"RC"``; ``""`` → ``""``. Raises LettersError on any other character."""
    compact = _SEPARATORS.sub("", (text or "").strip()).upper()
    bad = "".join(sorted({ch for ch in compact if ch not in LETTERS}))
    if bad:
        raise LettersError(bad)
    return "".join(letter for letter in LETTERS if letter in compact)


def display_letters(letters: str) -> str:
    """``"RC"`` → ``"R/C"`` (the seed's way of writing several letters)."""
    return "/".join(letters)


def toggle_letter(letters: str, letter: str) -> str:
    letter = letter.upper()
    if letter not in LETTERS:
        raise LettersError(letter)
    present = set(letters) ^ {letter}
    return "".join(x for x in LETTERS if x in present)


class WorkloadError(ValueError):
    """A number of hours that cannot be stored (too large, too precise, negative)."""


def parse_workload(text: str | None) -> tuple[Decimal | None, str]:
    """Split what was typed in the workload column into (hours, free text).

    ``"3h "`` → (3, ""); ``"1,5 h"`` → (1.5, ""); ``"1h30"`` → (1.5, "");
    ``"Travaux intersession"`` → (None, "Travaux intersession"); ``""`` → (None, "").
    """
    value = " ".join((text or "").split())
    if not value:
        return None, ""
    match = _HOURS_MINUTES.match(value)
    if match:
        hours = Decimal(match["hours"]) + (Decimal(match["minutes"]) / 60).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        return _checked_hours(hours), ""
    match = _HOURS.match(value)
    if match:
        try:
            hours = Decimal(match["number"].replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            return None, value
        return _checked_hours(hours), ""
    return None, value


def _checked_hours(hours: Decimal) -> Decimal:
    # Too large first: quantizing a number of more digits than the context holds is an error of its own.
    if hours > MAX_HOURS:
        raise WorkloadError("too_large")
    if hours != hours.quantize(Decimal("0.01")):
        raise WorkloadError("precision")
    return hours.quantize(Decimal("0.01")) if hours % 1 else hours.quantize(Decimal("1"))


def hours_number(hours: Decimal) -> int | float:
    """For a spreadsheet cell: 3 rather than 3.00, 1.5 rather than Decimal('1.50')."""
    return int(hours) if hours == hours.to_integral_value() else float(hours.normalize())


def display_hours(hours: Decimal | None) -> str:
    """``Decimal("3")`` → ``"3 h"``, ``Decimal("1.50")`` → ``"1,5 h"`` (French decimals)."""
    if hours is None:
        return ""
    value = hours.normalize() if hours != hours.to_integral_value() else hours.to_integral_value()
    decimals = max(0, -value.as_tuple().exponent)
    return f"{number_format(value, decimal_pos=decimals)} h"
