"""Directory access: everyone signed in may read the annuaire except member contacts;
pilots, consultants, service staff and admins may edit it."""

import rules

from .roles import Role, has_role, is_admin


@rules.predicate
def is_admin_user(user):
    return is_admin(user)


@rules.predicate
def can_read_directory(user):
    return has_role(user, Role.PILOT, Role.CONSULTANT, Role.SERVICE_STAFF, Role.COMMITTEE_MEMBER)


@rules.predicate
def can_edit_directory(user):
    return has_role(user, Role.PILOT, Role.CONSULTANT, Role.SERVICE_STAFF)


rules.add_perm("directory.view_directory", can_read_directory)
rules.add_perm("directory.change_directory", can_edit_directory)
