"""The evaluation's permissions for django-rules, each one a check of `evaluation.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("evaluation.view_indicator", object_predicate(access.can_view_indicator))
rules.add_perm("evaluation.enter_values", object_predicate(access.can_enter_values))
rules.add_perm("evaluation.change_indicator", object_predicate(access.can_change_indicator))
rules.add_perm("evaluation.add_indicator", object_predicate(access.can_define_indicator_for))
rules.add_perm("evaluation.change_measurement", object_predicate(access.can_correct_measurement))
rules.add_perm("evaluation.change_action_evaluation", object_predicate(access.can_edit_action_evaluation))
rules.add_perm("evaluation.view_action_evaluation", object_predicate(access.can_view_action_evaluation))
