"""The coarse role of a user, for navigation and defaults (never for object access alone)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from .models import Person

Role = Person.Role


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
    return not is_admin(user) and role_of(user) == Role.MEMBER_CONTACT
