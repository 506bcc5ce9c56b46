"""The test factories every app uses: accounts and the directory, programmes and actions (through the
services, as users create them). Each app adds what is its own in tests/<app>/factories.py."""

from .accounts import PASSWORD, OrganisationFactory, PersonFactory, UserFactory, make_account
from .actions import ActionFactory, ProgrammeFactory, make_action

__all__ = [
    "PASSWORD",
    "ActionFactory",
    "OrganisationFactory",
    "PersonFactory",
    "ProgrammeFactory",
    "UserFactory",
    "make_account",
    "make_action",
]
