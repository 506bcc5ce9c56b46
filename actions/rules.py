"""The actions app's permissions for django-rules, each one a check of `actions.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("actions.add_action", object_predicate(access.can_add_action))
rules.add_perm("actions.add_programme", rules.predicate(access.can_add_programme))
rules.add_perm("actions.view_action", object_predicate(access.can_view_action))
rules.add_perm("actions.change_action", object_predicate(access.can_edit_action))
rules.add_perm("actions.view_programme", object_predicate(access.can_view_programme))
rules.add_perm("actions.change_programme", object_predicate(access.can_edit_programme))
