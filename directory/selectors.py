"""Reads of the directory: querysets scoped to the user, already carrying what the pages show."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import access
from .filters import OrganisationFilter, PersonFilter
from .models import Organisation, Person

HISTORY_LIMIT = 30


def organisation_filter(*, user, data: QueryDict | dict | None) -> OrganisationFilter:
    # Always bound (even to an empty query) so that the list is always sorted the same way.
    return OrganisationFilter(data=data if data is not None else {}, queryset=access.organisations_visible_to(user))


def person_filter(*, user, data: QueryDict | dict | None) -> PersonFilter:
    return PersonFilter(data=data if data is not None else {}, queryset=access.people_visible_to(user))


def organisations_with_people(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """For the exports: each organisation with its people, in two queries whatever the size."""
    return queryset.prefetch_related(
        Prefetch("people", queryset=Person.objects.select_related("user").order_by("last_name", "first_name", "pk"))
    )


def organisation_people(organisation: Organisation) -> QuerySet[Person]:
    return organisation.people.select_related("user").order_by("last_name", "first_name", "pk")


# --- History -------------------------------------------------------------------------
@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    author: str
    action: str
    changes: list[Change] = field(default_factory=list)


IGNORED_IN_HISTORY = ["created_at", "updated_at"]


def history_entries(instance, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Who changed what and when, newest first.

    One query for the records (and one per related model named in the changes): the
    differences are computed in memory, so the cost does not grow with the history.
    """
    model = type(instance)
    records = list(
        instance.history.select_related("history_user", "history_user__person").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    raw = []  # (record, [(field, old, new)])
    related_ids: dict[str, set] = {}
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and older is not None:
            for change in record.diff_against(older, excluded_fields=IGNORED_IN_HISTORY).changes:
                changes.append((change.field, change.old, change.new))
                if model._meta.get_field(change.field).is_relation:
                    related_ids.setdefault(change.field, set()).update(v for v in (change.old, change.new) if v)
        raw.append((record, changes))
    related_names = {
        name: {obj.pk: str(obj) for obj in model._meta.get_field(name).related_model._default_manager.filter(pk__in=ids)}
        for name, ids in related_ids.items()
    }

    def display(name, value) -> str:
        if value in (None, ""):
            return "—"
        model_field = model._meta.get_field(name)
        if model_field.is_relation:
            return related_names.get(name, {}).get(value, "—")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        return str(value)

    actions = {
        "+": pgettext("history action", "Created"),
        "~": pgettext("history action", "Changed"),
        "-": pgettext("history action", "Deleted"),
    }
    entries = []
    for record, changes in raw:
        user = record.history_user
        if user is None:
            author = _("Copilote (automatic)")
        else:
            person = getattr(user, "person", None)
            author = person.full_name if person else (user.get_full_name() or user.get_username())
        entries.append(
            HistoryEntry(
                date=record.history_date,
                author=author,
                action=actions.get(record.history_type, "?"),
                changes=[
                    Change(
                        label=str(model._meta.get_field(name).verbose_name).capitalize(),
                        old=display(name, old),
                        new=display(name, new),
                    )
                    for name, old, new in changes
                ],
            )
        )
    return entries
