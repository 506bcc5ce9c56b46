"""The RACI app's permissions for django-rules, each one a check of `raci.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("raci.view_matrix", object_predicate(access.can_view_matrix))
rules.add_perm("raci.change_matrix", object_predicate(access.can_edit_matrix))
rules.add_perm("raci.clone_template", object_predicate(access.can_clone_template))
