"""Identifiers of the health and social sector used by the application form."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import luhn_is_valid

# Corsica's departments are written 2A and 2B; for the key they count as 20 (the
# department's number before 1976), the rule the FINESS directory applies.
_CORSICA = {"2A": "20", "2B": "20"}


def normalise_finess(value: str) -> str:
    return "".join((value or "").split()).upper()


def validate_finess(value: str) -> None:
    """A FINESS number: 9 characters, digits (2A/2B allowed first for Corsica), Luhn key last."""
    finess = normalise_finess(value)
    if len(finess) != 9:
        raise ValidationError(_("A FINESS number has exactly 9 characters."), code="finess_format")
    department, rest = finess[:2], finess[2:]
    if department in _CORSICA:
        department = _CORSICA[department]
    if not (department.isdigit() and rest.isdigit()):
        raise ValidationError(
            _("A FINESS number is made of digits (2A or 2B at the start for Corsica)."), code="finess_format"
        )
    if not luhn_is_valid(department + rest):
        raise ValidationError(_("This FINESS number is not valid (wrong key)."), code="finess_key")
