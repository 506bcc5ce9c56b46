"""The member module's permissions for django-rules, each one a check of `adherents.access`."""

import rules

from core.access import object_predicate

from . import access

rules.add_perm("adherents.access_staff_side", rules.predicate(access.can_use_staff_side))
rules.add_perm("adherents.view_adherent", object_predicate(access.can_view_adherent))
rules.add_perm("adherents.change_adherent", object_predicate(access.can_edit_adherent))
rules.add_perm("adherents.view_staff_notes", object_predicate(access.can_read_staff_notes))
rules.add_perm("adherents.change_preventionvisit", object_predicate(access.can_edit_visit))
rules.add_perm("adherents.change_complaint", object_predicate(access.can_edit_complaint))
rules.add_perm("adherents.review_application", object_predicate(access.can_review_application))
rules.add_perm("adherents.record_survey_answers", object_predicate(access.can_record_survey_answers))
rules.add_perm("adherents.portal_update_contacts", object_predicate(access.can_update_portal_contacts))
