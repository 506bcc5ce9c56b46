"""Who is who, and who may read and write the directory (annuaire).

Every other app's access module starts from here: the account's person, its coarse role
and whether it is an administrator. The role, the user account and — for the people whose
access follows from it — the organisation are data that only administrators manage
(`directory.services.person_save` refuses anybody else's change to them), and so is the kind
of an organisation that bears access (`organisation_bears_access`, `organisation_save`).

- Read the directory: pilots, consultants, service staff, committee members, admins.
  Member contacts (portal accounts) and accounts without a role: nothing, not even that
  it exists (404).
- Write it: pilots, consultants, service staff, admins (a committee member gets 403).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet

from core import access as core_access

from .models import Organisation, Person

Role = Person.Role

DIRECTORY_READERS = frozenset({Role.PILOT, Role.CONSULTANT, Role.SERVICE_STAFF, Role.COMMITTEE_MEMBER})
DIRECTORY_EDITORS = frozenset({Role.PILOT, Role.CONSULTANT, Role.SERVICE_STAFF})


# --- Who is who ----------------------------------------------------------------------
def person_of(user: User | AnonymousUser):
    """The Person linked to a user, or None (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_copilote_person"):
        user._copilote_person = Person.objects.select_related("organisation").filter(user=user).first()
    return user._copilote_person


def role_of(user) -> str | None:
    person = person_of(user)
    return person.role if person else None


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.is_staff))


def has_role(user, *roles: str) -> bool:
    return is_admin(user) or role_of(user) in roles


def is_member_contact(user) -> bool:
    """A portal-only account: a member company's contact, who sees its own file and nothing else."""
    return not is_admin(user) and role_of(user) == Role.MEMBER_CONTACT


def service_of_staff(user) -> Organisation | None:
    """The occupational health service (SSTI) a staff member works for, or None.

    Who is who, so it lives here: the member files (adherents) and the service's indicators
    (evaluation) both follow from it, and neither app imports the other."""
    person = person_of(user)
    if (
        person is not None
        and person.role == Role.SERVICE_STAFF
        and person.organisation is not None
        and person.organisation.kind == Organisation.Kind.SSTI
    ):
        return person.organisation
    return None


# --- The directory -------------------------------------------------------------------
def can_read_directory(user) -> bool:
    return has_role(user, *DIRECTORY_READERS)


def can_edit_directory(user) -> bool:
    return has_role(user, *DIRECTORY_EDITORS)


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Every organisation for a directory reader, nothing for anybody else."""
    if not can_read_directory(user):
        return Organisation.objects.none()
    return Organisation.objects.annotate(people_count=Count("people"))


def people_visible_to(user) -> QuerySet[Person]:
    if not can_read_directory(user):
        return Person.objects.none()
    return Person.objects.select_related("organisation", "user")


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return can_edit_directory(user)


def can_edit_person(user, person: Person) -> bool:
    return can_edit_directory(user)


# --- Data that decides access (administrators only) ------------------------------------
# A service's staff are the people with this role whose organisation is the service; a member
# contact sees the file of its organisation: for them, the organisation IS the access.
ROLES_HELD_BY_ORGANISATION = frozenset({Role.SERVICE_STAFF, Role.MEMBER_CONTACT})

# Rows of other apps whose readers follow from an organisation (adherents: the member files, by
# company and by service). The apps that depend on the directory declare them here, so the
# directory knows which organisations bear access without importing those apps.
_access_relations: list[tuple[type[Model], tuple[str, ...]]] = []


def register_access_relation(model: type[Model], *fields: str) -> None:
    """Declare that who may read `model` follows from its foreign keys `fields` to an organisation."""
    for name in fields:
        related = getattr(model._meta.get_field(name), "related_model", None)
        if related is not Organisation:
            raise ImproperlyConfigured(f"{model.__name__}.{name} is not a foreign key to Organisation.")
    entry = (model, tuple(fields))
    if entry not in _access_relations:
        _access_relations.append(entry)


def may_change_access_data(user) -> bool:
    """Roles, accounts, a service's staff, a contact's company and the kind of such organisations."""
    return is_admin(user)


def organisation_decides_access(person: Person) -> bool:
    """The person's organisation is its access (a service's staff, a member company's contact)."""
    return person.role in ROLES_HELD_BY_ORGANISATION


def organisation_bears_access(organisation: Organisation) -> bool:
    """Changing this organisation's kind would change who reads what: a service (SSTI), an
    organisation with member files (as company or as service), or with staff or contacts."""
    if organisation.kind == Organisation.Kind.SSTI:
        return True
    if organisation.pk is None:
        return False
    holders = Q(
        Exists(Person.objects.filter(organisation=OuterRef("pk"), role__in=ROLES_HELD_BY_ORGANISATION))
    )
    for model, fields in _access_relations:
        for name in fields:
            holders |= Q(Exists(model._default_manager.filter(**{name: OuterRef("pk")})))
    return Organisation.objects.filter(
        holders, pk=organisation.pk
    ).exists()  # One query, however many holders.


core_access.register(Organisation, visible=organisations_visible_to, change=can_edit_organisation)
core_access.register(Person, visible=people_visible_to, change=can_edit_person)
