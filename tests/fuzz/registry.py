"""Every URL that accepts a POST → who may write there and where its form comes from.

Keys are URL names; "name#variant" reaches another form of the same URL (set up by `setup`).

A URL the permission matrix lets someone POST to (answer 200, 302 or 400) and that is
missing here fails `test_registry.py`: a new form cannot escape the fuzzing.
"""

from calls.models import Application, ComplementRequest, hash_token
from governance.models import FollowUpItem

from .engine import Entry, NoForm, Page


def _programme_query(d):
    return f"?programme={d['programme'].pk}"


def _followup_owned_by_committee_member(d):
    """The owner of a follow-up item who does not run the committee only updates its status."""
    FollowUpItem.objects.filter(pk=d["followup"].pk).update(owner=d["users"]["committee_member"].person)


COMPLEMENT_TOKEN = "jeton-fuzz-complement"


def _complement_asked(d):
    """A submitted application asked for a complement: its link shows the answer form."""
    application = d["application"]
    ComplementRequest.objects.get_or_create(
        application=application, question="Précisez le budget.", defaults={"requested_by": d["users"]["admin"]}
    )
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.COMPLEMENT, token_hash=hash_token(COMPLEMENT_TOKEN)
    )
    return {"token": COMPLEMENT_TOKEN}


STAFF, PILOT, ADMIN, ANON, MEMBER = "service_staff", "pilot", "admin", "anonymous", "member_contact"

FUZZ: dict[str, Entry] = {
    # --- core and accounts
    "login": Entry(ANON),
    "password_change": Entry(PILOT),
    "password_reset": Entry(ANON),
    "password_reset_confirm": Entry(ANON, NoForm(("new_password1", "new_password2"))),
    # --- directory
    "directory:organisation_create": Entry(PILOT),
    "directory:organisation_update": Entry(PILOT),
    "directory:person_create": Entry(PILOT),
    "directory:person_update": Entry(PILOT),
    "directory:export_pdf": Entry(PILOT, Page(host="directory:organisation_list")),
    # --- reports and reminders
    "reports:document_retry": Entry(PILOT, NoForm()),
    "reminders:notification_open": Entry(PILOT, Page(host="reminders:notification_list")),
    "reminders:notification_mark_all_read": Entry(PILOT, Page(host="reminders:notification_list")),
    # --- actions
    "actions:action_create": Entry(ADMIN, Page(query=_programme_query)),
    "actions:action_edit": Entry(PILOT),
    "actions:action_follow": Entry(PILOT, Page(host="actions:action_detail")),
    "actions:phase_advance": Entry(PILOT),
    "actions:action_close": Entry(PILOT, NoForm()),
    "actions:phase_edit": Entry(PILOT),
    "actions:action_fiche_pdf": Entry(PILOT, Page(host="actions:action_detail")),
    "actions:deliverable_create": Entry(PILOT),
    "actions:deliverable_edit": Entry(PILOT),
    "actions:deliverable_upload": Entry(PILOT, Page(host="actions:deliverable_detail")),
    "actions:deliverable_status": Entry(PILOT, Page(host="actions:deliverable_detail", context="status_form")),
    "actions:deliverable_validate": Entry(PILOT, Page(host="actions:deliverable_detail", context="validate_form")),
    "actions:deliverable_publish": Entry(PILOT, Page(host="actions:deliverable_detail")),
    "actions:participation_create": Entry(PILOT),
    "actions:participation_edit": Entry(PILOT),
    "actions:participation_import": Entry(PILOT),  # the file itself: test_imports.py
    "actions:programme_create": Entry(PILOT),
    "actions:programme_edit": Entry(ADMIN),
    "actions:programme_recap_pdf": Entry(PILOT, Page(host="actions:programme_detail")),
    # --- governance
    "governance:committee_create": Entry(PILOT),
    "governance:committee_edit": Entry(PILOT),
    "governance:composition_rule_edit": Entry(PILOT),
    "governance:membership_add": Entry(PILOT),
    "governance:meeting_create": Entry(PILOT),
    "governance:meeting_series": Entry(PILOT),
    "governance:committee_register_pdf": Entry(PILOT, Page(host="governance:committee_detail")),
    "governance:membership_edit": Entry(PILOT),
    "governance:membership_end": Entry(PILOT, Page(host="governance:committee_detail")),
    "governance:meeting_edit": Entry(PILOT),
    "governance:meeting_cancel": Entry(PILOT),
    "governance:meeting_held": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:meeting_convene": Entry(PILOT, NoForm()),
    "governance:meeting_pdf": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:agenda_item_add": Entry(PILOT),
    "governance:agenda_item_edit": Entry(PILOT),
    "governance:agenda_item_action": Entry(PILOT, NoForm()),  # the op is in the URL
    "governance:attendance_edit": Entry(PILOT),
    "governance:attendance_invite": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:guest_add": Entry(PILOT),
    "governance:minutes_edit": Entry(PILOT),
    "governance:minutes_circulate": Entry(PILOT, NoForm()),
    "governance:minutes_approve": Entry(PILOT),
    "governance:minutes_correct": Entry(PILOT),
    "governance:decision_add": Entry(PILOT),
    "governance:decision_delete": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:followup_add": Entry(PILOT),
    "governance:followup_edit": Entry(PILOT),
    "governance:followup_edit#owner": Entry("committee_member", setup=_followup_owned_by_committee_member),
    "governance:calendar_token": Entry(PILOT, Page(host="governance:calendar")),
    # --- raci
    "raci:matrix_create": Entry(PILOT),
    "raci:matrix_import": Entry(PILOT),  # the file itself: test_imports.py
    "raci:matrix_update": Entry(PILOT),
    "raci:matrix_delete": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:matrix_validate": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:matrix_reopen": Entry(PILOT, NoForm()),
    "raci:matrix_pdf": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:cell_update": Entry(PILOT),
    "raci:activity_create": Entry(PILOT),
    "raci:activity_update": Entry(PILOT),
    "raci:activity_move": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:activity_delete": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:role_create": Entry(PILOT),
    "raci:role_update": Entry(PILOT),
    "raci:role_move": Entry(PILOT, Page(host="raci:matrix_detail")),
    "raci:role_delete": Entry(PILOT, Page(host="raci:matrix_detail")),
    # --- adherents
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
    "adherents:survey_record": Entry(STAFF),
    "adherents:complaint_create": Entry(STAFF),
    "adherents:complaint_edit": Entry(STAFF),
    "adherents:portal_contacts": Entry(MEMBER),
    "adherents:portal_survey": Entry(MEMBER),
    "adherents:portal_restitution_pdf": Entry(MEMBER, Page(host="adherents:portal_home")),
    "adherents:apply": Entry(ANON),
    # --- evaluation
    "evaluation:programme_synthesis": Entry(PILOT, Page(host="evaluation:programme_dashboard")),
    "evaluation:approach_entry_add": Entry(PILOT, Page(host="evaluation:action_dashboard")),
    "evaluation:assessment_edit": Entry(PILOT),
    "evaluation:action_report": Entry(PILOT, Page(host="evaluation:action_dashboard")),
    "evaluation:indicator_create": Entry(PILOT),
    "evaluation:indicator_edit": Entry(PILOT),
    "evaluation:measurement_add": Entry(PILOT, Page(host="evaluation:indicator_detail")),
    "evaluation:indicator_compute": Entry(PILOT, NoForm()),
    "evaluation:measurement_edit": Entry(PILOT),
    "evaluation:monthly_entry": Entry(PILOT),
    # --- calls
    "calls:call_create": Entry(ADMIN),
    "calls:call_edit": Entry(ADMIN),
    "calls:call_publish": Entry(ADMIN, Page(host="calls:call_detail")),
    "calls:call_selection": Entry(ADMIN),
    "calls:call_selection_pdf": Entry(ADMIN, Page(host="calls:call_selection")),
    "calls:application_eligibility": Entry(ADMIN, Page(host="calls:application_detail")),
    "calls:application_complement": Entry(ADMIN, Page(host="calls:application_detail")),
    "calls:application_score": Entry(ADMIN, Page(host="calls:application_detail", context="score_form")),
    "calls:application_pdf": Entry(ADMIN, Page(host="calls:application_detail")),
    "calls:apply": Entry(ANON),
    "calls:application_edit": Entry(ANON),
    "calls:application_edit#complement": Entry(ANON, setup=_complement_asked),
    # --- library
    "library:publish": Entry(PILOT),
    "library:preferences": Entry(PILOT),
    "library:withdraw": Entry(PILOT, Page(host="library:publication_detail")),
    "library:unsubscribe": Entry(ANON),
}

# Endpoints whose empty POST (the permission matrix's) lacks the parameter that names what to do:
# the writer gets 404 there, yet posts real requests from the page.
EMPTY_POST_404 = {"raci:activity_move", "raci:role_move", "evaluation:indicator_compute"}

# Forms of the project that no fuzzed page holds, and why.
NOT_RENDERED: dict[str, str] = {}
