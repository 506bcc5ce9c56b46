"""Validators shared by every app (identifiers used across the field)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_siret(value: str) -> str:
    return "".join((value or "").split())


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn checksum is valid (La Poste's 356000000 excepted)."""
    siret = normalise_siret(value)
    if not siret.isdigit() or len(siret) != 14:
        raise ValidationError(_("A SIRET number has exactly 14 digits."), code="siret_format")
    if siret.startswith("356000000"):
        if sum(int(c) for c in siret) % 5 != 0:
            raise ValidationError(_("This SIRET number is not valid (wrong checksum)."), code="siret_luhn")
        return
    if not luhn_is_valid(siret):
        raise ValidationError(_("This SIRET number is not valid (wrong checksum)."), code="siret_luhn")
