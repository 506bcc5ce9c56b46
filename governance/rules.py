"""Governance's permissions for django-rules, each one a check of `governance.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("governance.view_committee", object_predicate(access.can_view_committee))
rules.add_perm("governance.change_committee", object_predicate(access.can_edit_committee))
rules.add_perm("governance.add_committee", rules.predicate(access.can_add_committee))
