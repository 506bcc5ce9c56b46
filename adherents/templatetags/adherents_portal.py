from django import template

from adherents.plain_words import in_company_words

register = template.Library()


@register.filter
def company_words(value) -> str:
    """« Employeur, avec l'ASST » → « Employeur, avec l’assistant de prévention » (portal only)."""
    return in_company_words(str(value or ""))
