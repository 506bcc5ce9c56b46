"""Reads of the directory: querysets scoped to the user, already carrying what the pages show."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from core import history_presenter
from core.history_presenter import HISTORY_LIMIT, HistoryEntry
from core.types import Viewer

from . import access
from .filters import OrganisationFilter, PersonFilter
from .models import Organisation, Person


def organisation_filter(*, user: Viewer, data: QueryDict | dict | None) -> OrganisationFilter:
    # Always bound (even to an empty query) so that the list is always sorted the same way.
    return OrganisationFilter(
        data=data if data is not None else {}, queryset=access.organisations_visible_to(user)
    )


def person_filter(*, user: Viewer, data: QueryDict | dict | None) -> PersonFilter:
    return PersonFilter(data=data if data is not None else {}, queryset=access.people_visible_to(user))


def organisations_with_people(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """For the exports: each organisation with its people, in two queries whatever the size."""
    return queryset.prefetch_related(
        Prefetch(
            "people", queryset=Person.objects.select_related("user").order_by("last_name", "first_name", "pk")
        )
    )


def organisation_people(organisation: Organisation) -> QuerySet[Person]:
    return organisation.people.select_related("user").order_by("last_name", "first_name", "pk")


# --- History -------------------------------------------------------------------------
def history_entries(instance: Organisation | Person, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Who changed what and when, newest first, at a fixed number of queries (`core.history_presenter`)."""
    return history_presenter.history_entries(
        history_presenter.newest_rows(instance.history.all(), limit=limit), model=type(instance), limit=limit
    )
