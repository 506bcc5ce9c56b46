"""Who may GET and POST each URL of `adherents`, and how to reach it from the data set.

Member companies, visits, surveys, the portal.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Member companies: the staff of the member's service and admins; everyone else 404.
- The member contact reaches its own file through the portal only (`portal_*`: 404 for the
  staff side too, who have their own pages).
- The online membership application is public.
"""

from tests.fuzz.entries import Entry, NoForm, Page
from tests.permissions.helpers import ANON, MEMBER, STAFF, none, pk

# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "adherents:adherent_list": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:adherent_detail": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:adherent_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:step_complete": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:step_reopen": ("  L 404 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:contact_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:note_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:visit_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:action_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:action_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:visit_detail": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:visit_photo": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:visit_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:work_unit_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:work_unit_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:visit_document": ("  L 404 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:restitution_sent": ("  L 404 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:application_list": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:application_detail": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:survey_list": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:survey_results": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:survey_results_xlsx": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:survey_results_pdf": ("  L 404 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:survey_record": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:complaint_list": ("  L 404 404 200 404 404 200", "  L 404 405 405 405 405 405"),
    "adherents:complaint_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:complaint_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:portal_home": ("  L 200 404 404 404 404 404", "  L 405 405 405 405 405 405"),
    "adherents:portal_contacts": ("  L 200 404 404 404 404 404", "  L 302 404 404 404 404 404"),
    "adherents:portal_survey": ("  L 200 404 404 404 404 404", "  L 302 404 404 404 404 404"),
    "adherents:portal_restitution_pdf": ("  L 405 405 405 405 405 405", "  L 302 404 404 404 404 404"),
    "adherents:apply": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "adherents:apply_thanks": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
}

KWARGS = {
    "adherents:adherent_list": none,
    "adherents:adherent_detail": pk("adherent"),
    "adherents:adherent_edit": pk("adherent"),
    "adherents:step_complete": lambda d: {"pk": d["adherent"].pk, "step_pk": d["step"].pk},
    "adherents:step_reopen": lambda d: {"pk": d["adherent"].pk, "step_pk": d["step"].pk},
    "adherents:contact_create": pk("adherent"),
    "adherents:note_create": pk("adherent"),
    "adherents:visit_create": pk("adherent"),
    "adherents:action_create": pk("adherent"),
    "adherents:action_edit": lambda d: {"pk": d["adherent"].pk, "item_pk": d["plan_item"].pk},
    "adherents:visit_detail": pk("visit"),
    "adherents:visit_photo": pk("photo"),
    "adherents:visit_edit": pk("visit"),
    "adherents:work_unit_create": pk("visit"),
    "adherents:work_unit_edit": lambda d: {"pk": d["visit"].pk, "unit_pk": d["work_unit"].pk},
    "adherents:visit_document": lambda d: {"pk": d["visit"].pk, "kind": "restitution"},
    "adherents:restitution_sent": pk("visit"),
    "adherents:application_list": none,
    "adherents:application_detail": pk("membership_application"),
    "adherents:survey_list": none,
    "adherents:survey_results": pk("survey"),
    "adherents:survey_results_xlsx": pk("survey"),
    "adherents:survey_results_pdf": pk("survey"),
    "adherents:survey_record": lambda d: {"pk": d["survey"].pk, "adherent_pk": d["adherent"].pk},
    "adherents:complaint_list": none,
    "adherents:complaint_create": none,
    "adherents:complaint_edit": pk("complaint"),
    "adherents:portal_home": none,
    "adherents:portal_contacts": none,
    "adherents:portal_survey": pk("survey"),
    "adherents:portal_restitution_pdf": pk("visit"),
    "adherents:apply": none,
    "adherents:apply_thanks": none,
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
    "adherents:adherent_edit": Entry(STAFF),
    "adherents:step_complete": Entry(STAFF),
    "adherents:step_reopen": Entry(STAFF, NoForm()),
    "adherents:contact_create": Entry(STAFF),
    "adherents:note_create": Entry(STAFF),
    "adherents:visit_create": Entry(STAFF),
    "adherents:action_create": Entry(STAFF),
    "adherents:action_edit": Entry(STAFF),
    "adherents:visit_edit": Entry(STAFF),
    "adherents:work_unit_create": Entry(STAFF),
    "adherents:work_unit_edit": Entry(STAFF),
    "adherents:visit_document": Entry(STAFF, Page(host="adherents:visit_detail")),
    "adherents:restitution_sent": Entry(STAFF, Page(host="adherents:visit_detail", context="sent_form")),
    "adherents:application_detail": Entry(STAFF),
    "adherents:survey_results_pdf": Entry(STAFF, Page(host="adherents:survey_results")),
    "adherents:survey_record": Entry(STAFF),
    "adherents:complaint_create": Entry(STAFF),
    "adherents:complaint_edit": Entry(STAFF),
    "adherents:portal_contacts": Entry(MEMBER),
    "adherents:portal_survey": Entry(MEMBER),
    "adherents:portal_restitution_pdf": Entry(MEMBER, Page(host="adherents:portal_home")),
    "adherents:apply": Entry(ANON),
}
