"""The directory's permissions for django-rules, each one a check of `directory.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("directory.view_directory", rules.predicate(access.can_read_directory))
rules.add_perm("directory.change_directory", rules.predicate(access.can_edit_directory))
rules.add_perm("directory.change_organisation", object_predicate(access.can_edit_organisation))
rules.add_perm("directory.change_person", object_predicate(access.can_edit_person))
