"""The calls app's permissions for django-rules, each one a check of `calls.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("calls.change_call", object_predicate(access.can_run_call))
rules.add_perm("calls.view_call", object_predicate(access.can_review_call))
rules.add_perm("calls.change_application", object_predicate(access.can_run_application))
rules.add_perm("calls.score_application", object_predicate(access.can_score_application))
