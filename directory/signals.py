"""What the directory tells the apps that depend on it.

`person_access_changed` is sent once the transaction that changed a person's access data (role,
user account, organisation) has committed — only administrators make such a change. Arguments:
`person`, `before` and `after` (`PersonAccess` snapshots; `before` is None for a new person) and
`by` (the administrator). The `adherents` app answers it by telling the services concerned.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

from .models import Person

person_access_changed = Signal()


@dataclass(frozen=True)
class PersonAccess:
    """The values of a person that decide what it may read."""

    role: str
    organisation_id: int | None
    user_id: int | None

    @classmethod
    def blank(cls) -> PersonAccess:
        """A new person's values before anybody sets them."""
        return cls(role=Person.Role.OTHER, organisation_id=None, user_id=None)

    @classmethod
    def of(cls, person: Person) -> PersonAccess:
        return cls(role=person.role, organisation_id=person.organisation_id, user_id=person.user_id)
