"""Reads of the personal-data pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from core.navigation import is_portal_only
from directory.models import Organisation, Person
from library.models import DigestPreference
from reminders.models import NotificationPreference
from reminders.services import delivery_of

Delivery = NotificationPreference.Delivery


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


def read_log_services() -> QuerySet[Organisation]:
    """The services a read can belong to (the administrators' filter)."""
    return Organisation.objects.filter(kind=Organisation.Kind.SSTI).order_by("name")


@dataclass(frozen=True)
class Consents:
    """What a person agreed to receive, as their preference pages set it."""

    notices: str  # how notices reach them (reminders.NotificationPreference)
    weekly_digest: bool | None  # None: the digest is not sent to their kind of account (portal accounts)


def consents_of(user: User) -> Consents:
    weekly = None
    if not is_portal_only(user):
        weekly = DigestPreference.objects.filter(user=user).values_list("weekly_digest", flat=True).first()
        weekly = True if weekly is None else weekly
    return Consents(notices=str(Delivery(delivery_of(user)).label), weekly_digest=weekly)
