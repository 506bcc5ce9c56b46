"""Directory access: everyone signed in may read the annuaire except member contacts
(and accounts without a role); pilots, consultants, service staff and admins may edit it."""

import rules

from .roles import Role, has_role, is_admin

DIRECTORY_READERS = frozenset({Role.PILOT, Role.CONSULTANT, Role.SERVICE_STAFF, Role.COMMITTEE_MEMBER})
DIRECTORY_EDITORS = frozenset({Role.PILOT, Role.CONSULTANT, Role.SERVICE_STAFF})


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


@rules.predicate
def can_read_directory(user):
    return has_role(user, *DIRECTORY_READERS)


@rules.predicate
def can_edit_directory(user):
    return has_role(user, *DIRECTORY_EDITORS)


rules.add_perm("directory.view_directory", can_read_directory)
rules.add_perm("directory.change_directory", can_edit_directory)
