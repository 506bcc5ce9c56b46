"""Writes on the directory. Each one validates, saves in a transaction and records who did it.

Some values decide access (see `directory.access`): a person's role and user account, the
organisation of a service's staff member or of a member company's contact, and the kind of an
organisation that bears access. Only administrators change them; the check is made here, against
the stored row, whoever calls (a form, a crafted POST, a script).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, Model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.conflicts import check_version
from core.history import clear_references_to, record_change, records_actor, set_history_author
from core.types import Actor

from . import access
from .models import Organisation, Person
from .signals import PersonAccess, person_access_changed

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

S = TypeVar("S", Organisation, Person)

ROLE_LOCKED = _("The role decides what this person may see and do: only an administrator can change it.")
USER_LOCKED = _(
    "The user account decides who signs in as this person: only an administrator can link or change it."
)
ORGANISATION_LOCKED = _(
    "This link decides which files this person may consult: only an administrator can change it."
)
KIND_LOCKED = _("This kind decides who may consult member files: only an administrator can change it.")
NEW_SERVICE = _("Only an administrator can declare an occupational health service.")

# history_change_reason is a varchar(100).
_REASON_LENGTH = 100


def _refuse(errors: dict[str, StrOrPromise]) -> None:
    if errors:
        raise ValidationError(
            {name: ValidationError(message, code="access_locked") for name, message in errors.items()}
        )


def _stored(model: type[S], instance: S) -> S | None:
    """The row as it is in the database, locked until the transaction ends (None for a new one)."""
    if instance.pk is None:
        return None
    return model.objects.select_for_update().filter(pk=instance.pk).first()


def _save(instance: Model, *, by: Actor, reason: str = "") -> None:
    # The history row names `by` even outside a request (commands, imports, tasks).
    set_history_author(instance, by)
    if reason:
        setattr(instance, "_change_reason", reason[:_REASON_LENGTH])  # noqa: B010
    else:  # A reason left from an earlier save of the same object must not be repeated.
        instance.__dict__.pop("_change_reason", None)
    instance.full_clean()
    instance.save()


# --- Organisations -------------------------------------------------------------------
def _organisation_refusals(
    organisation: Organisation, stored: Organisation | None
) -> dict[str, StrOrPromise]:
    if stored is None:
        return {"kind": NEW_SERVICE} if organisation.kind == Organisation.Kind.SSTI else {}
    if organisation.kind == stored.kind:
        return {}
    if organisation.kind == Organisation.Kind.SSTI:
        return {"kind": NEW_SERVICE}
    if access.organisation_bears_access(stored):
        return {"kind": KIND_LOCKED}
    return {}


@records_actor
def organisation_save(
    *, organisation: Organisation, by: User | None, expected_version: int | None = None
) -> Organisation:
    """Create or update an organisation (its SIRET is normalised and checked by the model).

    Refuses a non-administrator's change of kind when the kind decides access: to or from a
    service (SSTI), or on an organisation with member files, staff or member contacts. An update
    made on a page opened on `expected_version` keeps other people's changes meanwhile, or raises
    `core.conflicts.EditConflict` when they changed the same field (nothing is saved then).
    """
    with transaction.atomic():
        check_version(organisation, expected_version)
        stored = _stored(Organisation, organisation)
        refusals = _organisation_refusals(organisation, stored)
        if refusals and not access.may_change_access_data(by):
            _refuse(refusals)
        _save(
            organisation,
            by=by,
            reason=gettext("Kind (which decides access) set by an administrator") if refusals else "",
        )
    return organisation


@records_actor
def organisation_delete(*, organisation: Organisation, by: User | None) -> None:
    """Delete an organisation (an administrator, from the admin): everyone and everything that named it
    (its people, RACI roles…) loses it with a history row saying which organisation was deleted, by whom."""
    reason = gettext("Organisation deleted: %(name)s") % {"name": organisation}
    with transaction.atomic():
        clear_references_to(organisation, by=by, reason=reason)
        record_change(organisation, by=by, reason=reason)
        organisation.delete()


# --- People --------------------------------------------------------------------------
def _person_refusals(person: Person, stored: Person | None) -> dict[str, StrOrPromise]:
    errors: dict[str, StrOrPromise]
    if stored is None:
        errors = {}
        if person.role != Person.Role.OTHER:
            errors["role"] = ROLE_LOCKED
        if person.user_id is not None:
            errors["user"] = USER_LOCKED
        return errors
    errors = {}
    if person.role != stored.role:
        errors["role"] = ROLE_LOCKED
    if person.user_id != stored.user_id:
        errors["user"] = USER_LOCKED
    if person.organisation_id != stored.organisation_id and access.organisation_decides_access(stored):
        errors["organisation"] = ORGANISATION_LOCKED
    return errors


def _access_reason(before: PersonAccess, after: PersonAccess) -> str:
    changed = [
        str(cast(Field, Person._meta.get_field(name)).verbose_name)
        for name, attname in (("role", "role"), ("user", "user_id"), ("organisation", "organisation_id"))
        if getattr(before, attname) != getattr(after, attname)
    ]
    return gettext("Access changed by an administrator: %(fields)s") % {"fields": ", ".join(changed)}


@records_actor
def person_save(*, person: Person, by: User | None, expected_version: int | None = None) -> Person:
    """Create or update a person; a person needs no user account.

    Only an administrator sets a role or a user account, or moves a service's staff member or a
    member company's contact to another organisation. When one does, the history says so and,
    once committed, `person_access_changed` tells the apps concerned. An update made on a page
    opened on `expected_version` is checked like an organisation's (`core.conflicts`).
    """
    with transaction.atomic():
        check_version(person, expected_version)
        stored = _stored(Person, person)
        refusals = _person_refusals(person, stored)
        if refusals and not access.may_change_access_data(by):
            _refuse(refusals)
        before = PersonAccess.of(stored) if stored is not None else None
        after = PersonAccess.of(person)
        reason = _access_reason(before or PersonAccess.blank(), after) if refusals else ""
        _save(person, by=by, reason=reason)
        if refusals:  # An administrator changed what this person may read.
            transaction.on_commit(
                lambda: person_access_changed.send(
                    sender=Person, person=person, before=before, after=after, by=by
                )
            )
    return person
