"""What each persona must get on each URL, for GET and for POST (empty body).

One line per URL name: `"name": (GET, POST)`, each a row of seven answers in the order of
PERSONAS — anonymous, member contact, committee member, service staff, pilot of another
action, pilot of this action, admin. `L` is a redirection to the login page, a number the
status code (302 elsewhere than the login page: the request was accepted and redirected).

The rules behind the rows (each app's `access.py` / `rules.py` / `selectors.py`):
- Everything but the public pages asks anonymous users to log in.
- Actions, committees, RACI matrices, indicators: the pilot of the action (its team) reads
  and writes; the committee member (member of the action's COPIL) reads, and gets 403 on
  writes; the pilot of another action, the service staff and the member contact get 404.
  The other pilot reads the programme (he runs an action in it), not its programme editing
  (managers only: nobody but the admin here).
- Member companies: the staff of the member's service and admins; everyone else 404. The
  member contact reaches its own file through the portal only.
- Directory: read by every role but member contacts (404); written by pilots, consultants,
  service staff (committee member: 403).
- Calls: run by the programme's managers and read by the selection committee: only the
  admin here (nobody manages the programme), others 404.
- Documents and notifications belong to who asked for / received them (others 404; the
  data set's document is still queued, so its download is 404 for everyone).
- Library: the publication is for the programme's partners (readers of the programme);
  withdrawing is for the editors of the published object.
- POST-only views answer 405 to GET; GET-only views answer 405 to POST. Empty POSTs to a
  form answer 200 (form redisplayed with errors), to a one-button action 302; a few
  endpoints refuse the missing parameter itself (400 on RACI cells and call reviews, 404
  on RACI moves without a direction and on computing a non-computed indicator).
"""

PERSONAS = (
    "anonymous",
    "member_contact",
    "committee_member",
    "service_staff",
    "other_pilot",
    "pilot",
    "admin",
)
LOGIN = "login"

ROWS = {
    # --- core
    "core:home": ("  L 302 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "core:healthz": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    # --- accounts
    "login": ("200 302 302 302 302 302 302", "200 302 302 302 302 302 302"),
    "logout": ("405 405 405 405 405 405 405", "  L   L   L   L   L   L   L"),
    "password_change": ("  L 200 200 200 200 200 200", "  L 200 200 200 200 200 200"),
    "password_change_done": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "password_reset": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "password_reset_done": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "password_reset_confirm": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "password_reset_complete": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    # --- directory
    "directory:index": ("  L 404 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "directory:organisation_list": ("  L 404 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "directory:organisation_create": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    "directory:export_csv": ("  L 404 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "directory:export_pdf": ("  L 405 405 405 405 405 405", "  L 404 302 302 302 302 302"),
    "directory:organisation_detail": ("  L 404 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "directory:organisation_update": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    "directory:person_list": ("  L 404 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "directory:person_create": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    "directory:person_detail": ("  L 404 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "directory:person_update": ("  L 404 403 200 200 200 200", "  L 404 403 200 200 200 200"),
    # --- reports
    "reports:document_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "reports:document_detail": ("  L 404 404 404 404 200 200", "  L 405 405 405 405 405 405"),
    "reports:document_download": ("  L 404 404 404 404 404 404", "  L 405 405 405 405 405 405"),
    "reports:document_retry": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 302 302"),
    # --- reminders
    "reminders:notification_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "reminders:notification_open": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 302 404"),
    "reminders:notification_mark_all_read": ("  L 405 405 405 405 405 405", "  L 302 302 302 302 302 302"),
    # --- actions
    "actions:action_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "actions:action_create": ("  L 403 403 403 403 403 200", "  L 403 403 403 403 403 200"),
    "actions:action_detail": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "actions:action_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:action_history": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "actions:action_follow": ("  L 405 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "actions:phase_advance": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "actions:action_close": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "actions:phase_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:action_fiche_pdf": ("  L 405 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "actions:deliverable_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:deliverable_detail": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "actions:deliverable_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:deliverable_upload": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "actions:deliverable_status": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "actions:deliverable_validate": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "actions:deliverable_publish": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "actions:deliverable_download": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "actions:participation_list": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "actions:participation_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:participation_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:participation_import": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "actions:participation_template": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "actions:programme_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "actions:programme_create": ("  L 403 403 403 200 200 200", "  L 403 403 403 200 200 200"),
    "actions:programme_detail": ("  L 404 200 404 200 200 200", "  L 405 405 405 405 405 405"),
    "actions:programme_edit": ("  L 404 403 404 403 403 200", "  L 404 403 404 403 403 200"),
    "actions:programme_matrix": ("  L 404 200 404 200 200 200", "  L 405 405 405 405 405 405"),
    "actions:programme_recap": ("  L 404 200 404 200 200 200", "  L 405 405 405 405 405 405"),
    "actions:programme_recap_pdf": ("  L 405 405 405 405 405 405", "  L 404 302 404 302 302 302"),
    # --- governance
    "governance:committee_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "governance:committee_create": ("  L 403 403 403 200 200 200", "  L 403 403 403 200 200 200"),
    "governance:committee_detail": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "governance:committee_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:composition_rule_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:membership_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_series": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:committee_register_pdf": ("  L 405 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "governance:membership_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:membership_end": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:meeting_detail": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "governance:meeting_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_cancel": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_held": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:meeting_convene": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:meeting_ics": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "governance:meeting_pdf": ("  L 405 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "governance:agenda_item_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:agenda_item_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:agenda_item_action": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:attendance_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:attendance_invite": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:guest_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:minutes_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:minutes_version": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "governance:minutes_circulate": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:minutes_approve": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:minutes_correct": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:decision_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:decision_register": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "governance:decision_delete": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:followup_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:followup_board": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "governance:followup_edit": ("  L 404 200 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:calendar": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "governance:calendar_token": ("  L 405 405 405 405 405 405", "  L 302 302 302 302 302 302"),
    "governance:calendar_feed": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "governance:plan": ("  L 200 302 200 302 302 302", "  L 405 405 405 405 405 405"),
    "governance:programme_plan": ("  L 404 200 404 200 200 200", "  L 405 405 405 405 405 405"),
    # --- raci
    "raci:matrix_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "raci:matrix_create": ("  L 404 404 404 200 200 200", "  L 404 404 404 200 200 200"),
    "raci:matrix_import": ("  L 404 404 404 200 200 200", "  L 404 404 404 200 200 200"),
    "raci:matrix_detail": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "raci:matrix_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:matrix_delete": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:matrix_validate": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:matrix_reopen": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:matrix_history": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "raci:matrix_export": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "raci:matrix_pdf": ("  L 405 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "raci:cell_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 400 400"),
    "raci:activity_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:activity_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:activity_move": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 404 404"),
    "raci:activity_delete": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "raci:role_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:role_update": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "raci:role_move": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 404 404"),
    "raci:role_delete": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    # --- adherents
    "adherents:adherent_list": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:adherent_detail": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:adherent_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:step_complete": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:step_reopen": ("  L 405 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:contact_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:note_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:visit_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:action_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:action_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:visit_detail": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:visit_photo": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:visit_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:work_unit_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:work_unit_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:visit_document": ("  L 405 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:restitution_sent": ("  L 405 405 405 405 405 405", "  L 404 404 302 404 404 302"),
    "adherents:application_list": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:application_detail": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:survey_list": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:survey_results": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:survey_record": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:complaint_list": ("  L 404 404 200 404 404 200", "  L 405 405 405 405 405 405"),
    "adherents:complaint_create": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:complaint_edit": ("  L 404 404 200 404 404 200", "  L 404 404 200 404 404 200"),
    "adherents:portal_home": ("  L 200 404 404 404 404 404", "  L 405 405 405 405 405 405"),
    "adherents:portal_contacts": ("  L 200 404 404 404 404 404", "  L 302 404 404 404 404 404"),
    "adherents:portal_survey": ("  L 200 404 404 404 404 404", "  L 302 404 404 404 404 404"),
    "adherents:portal_restitution_pdf": ("  L 405 405 405 405 405 405", "  L 302 404 404 404 404 404"),
    "adherents:apply": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "adherents:apply_thanks": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    # --- evaluation
    "evaluation:dashboard_index": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "evaluation:programme_dashboard": ("  L 404 200 404 200 200 200", "  L 405 405 405 405 405 405"),
    "evaluation:programme_synthesis": ("  L 405 405 405 405 405 405", "  L 404 302 404 302 302 302"),
    "evaluation:action_dashboard": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "evaluation:approach_entry_add": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "evaluation:assessment_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:action_report": ("  L 405 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "evaluation:indicator_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "evaluation:indicator_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:indicator_detail": ("  L 404 200 404 404 200 200", "  L 405 405 405 405 405 405"),
    "evaluation:indicator_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:measurement_add": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 200 200"),
    "evaluation:indicator_compute": ("  L 405 405 405 405 405 405", "  L 404 403 404 404 404 404"),
    "evaluation:measurement_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "evaluation:measurements_export": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "evaluation:monthly_entry": ("  L 200 200 200 200 200 200", "  L 200 200 200 200 200 200"),
    # --- calls
    "calls:call_list": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "calls:call_create": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 200"),
    "calls:call_detail": ("  L 404 404 404 404 404 200", "  L 405 405 405 405 405 405"),
    "calls:call_edit": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 200"),
    "calls:call_publish": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "calls:call_selection": ("  L 404 404 404 404 404 200", "  L 404 404 404 404 404 200"),
    "calls:call_selection_pdf": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "calls:application_detail": ("  L 404 404 404 404 404 200", "  L 405 405 405 405 405 405"),
    "calls:application_eligibility": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 404 400"),
    "calls:application_complement": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 404 400"),
    "calls:application_score": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 404 400"),
    "calls:application_pdf": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 404 302"),
    "calls:public_call": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "calls:apply": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "calls:application_edit": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    # --- library
    "library:search": ("  L 200 200 200 200 200 200", "  L 405 405 405 405 405 405"),
    "library:manage": ("  L 404 404 404 200 200 200", "  L 405 405 405 405 405 405"),
    "library:publish": ("  L 404 404 404 404 200 200", "  L 404 404 404 404 200 200"),
    "library:preferences": ("  L 200 200 200 200 200 200", "  L 200 200 200 200 200 200"),
    "library:publication_detail": ("404 404 200 404 200 200 200", "405 405 405 405 405 405 405"),
    "library:download": ("404 404 200 404 200 200 200", "405 405 405 405 405 405 405"),
    "library:withdraw": ("  L 405 405 405 405 405 405", "  L 404 404 404 404 302 302"),
    "library:showcase": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "library:unsubscribe": ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
}


def _parse(row: str) -> dict:
    cells = row.split()
    assert len(cells) == len(PERSONAS), row
    return {
        persona: LOGIN if cell == "L" else int(cell) for persona, cell in zip(PERSONAS, cells, strict=True)
    }


EXPECTED = {name: {"GET": _parse(get), "POST": _parse(post)} for name, (get, post) in ROWS.items()}

# Cells where the code contradicts the rules: the expected answer above is the rule's, the
# test is marked as a known failure (strict: it fails loudly once the defect is fixed, so
# the entry is removed then). Each is described in the report of the permission matrix.
KNOWN_DEFECTS: dict[tuple[str, str, str], str] = {}
