"""Writes on the directory. Each one validates, saves in a transaction and records who did it."""

from __future__ import annotations

from django.db import transaction

from .models import Organisation, Person


def _save_with_history(instance, *, by):
    # The history row names `by` even outside a request (commands, imports, tasks).
    instance._history_user = by
    instance.full_clean()
    with transaction.atomic():
        instance.save()
    return instance


def organisation_save(*, organisation: Organisation, by) -> Organisation:
    """Create or update an organisation (its SIRET is normalised and checked by the model)."""
    return _save_with_history(organisation, by=by)


def person_save(*, person: Person, by) -> Person:
    """Create or update a person; a person needs no user account."""
    return _save_with_history(person, by=by)
