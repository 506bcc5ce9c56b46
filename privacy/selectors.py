"""Reads of the personal-data pages."""

from __future__ import annotations

from django.db.models import Q

from directory.models import Person


def people_matching(text: str, *, limit: int) -> list[Person]:
    """People whose e-mail or username is `text`, or whose first or last name holds each of its words."""
    text = text.strip()
    query = Q(email__iexact=text) | Q(user__email__iexact=text) | Q(user__username__iexact=text)
    words = Q()
    for word in text.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return list(
        Person.objects.filter(query | words)
        .select_related("organisation")
        .order_by("last_name", "first_name")[:limit]
    )
