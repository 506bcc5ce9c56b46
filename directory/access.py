"""Who is who, and who may read and write the directory (annuaire).

Every other app's access module starts from here: the account's person, its coarse role
and whether it is an administrator. The role, the user account and — for the people whose
access follows from it — the organisation are data that only administrators manage
(`directory.services.person_save` refuses anybody else's change to them).

- Read the directory: pilots, consultants, service staff, committee members, admins.
  Member contacts (portal accounts) and accounts without a role: nothing, not even that
  it exists (404).
- Write it: pilots, consultants, service staff, admins (a committee member gets 403).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, QuerySet

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


core_access.register(Organisation, visible=organisations_visible_to, change=can_edit_organisation)
core_access.register(Person, visible=people_visible_to, change=can_edit_person)
