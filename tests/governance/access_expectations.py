"""Who may GET and POST each URL of `governance`, and how to reach it from the data set.

Committees, meetings, minutes, decisions, calendar.
Collected by the permission matrix and the fuzz registry (format and shared rules:
tests/permissions/expectations.py).

- Committees: the pilot of the action (its COPIL's leader) reads and writes; the committee
  member reads, and gets 403 on writes; the pilot of another action and the service staff
  get 404. The owner of a follow-up item may open it (and update its status).
- The lists (committees, decisions, follow-ups, calendar) show each user what they may see.
- The calendar feed is public: the token in its URL is the key.
"""

from governance.models import FollowUpItem
from tests.fuzz.entries import Entry, NoForm, Page
from tests.permissions.helpers import PILOT, none, pk


def _followup_owned_by_committee_member(d):
    """The owner of a follow-up item who does not run the committee only updates its status."""
    FollowUpItem.objects.filter(pk=d["followup"].pk).update(owner=d["users"]["committee_member"].person)


def _minutes_rewritten(d):
    """The summary changed since the minutes were created: their first version can be restored."""
    minutes = d["minutes"]
    minutes.summary = "Compte rendu réécrit"
    minutes.save()


def _decision_rewritten(d):
    """The meeting is held and the decision's text changed since it was recorded: its first text can be restored."""
    from governance.models import Decision, Meeting

    Meeting.objects.filter(pk=d["meeting"].pk).update(status=Meeting.Status.HELD)
    decision = Decision.objects.get(pk=d["decision"].pk)
    decision.text = "Décision réécrite"
    decision.save()


# (GET, POST): one answer per persona (tests/permissions/helpers.py PERSONAS)
ROWS = {
    "governance:committee_list": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "governance:committee_create": ("  L 404 403 403 200 200 200", "  L 404 403 403 200 200 200"),
    "governance:committee_detail": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "governance:committee_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:composition_rule_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "governance:membership_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_create": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_series": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:committee_register_pdf": ("  L 404 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "governance:membership_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:membership_end": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:meeting_detail": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "governance:meeting_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:meeting_cancel": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "governance:meeting_held": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "governance:meeting_convene": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:meeting_ics": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "governance:meeting_pdf": ("  L 404 405 405 405 405 405", "  L 404 302 404 404 302 302"),
    "governance:agenda_item_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:agenda_item_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:agenda_item_action": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:attendance_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "governance:attendance_invite": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:guest_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:minutes_edit": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:minutes_version": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "governance:minutes_history": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "governance:minutes_restore": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "governance:minutes_circulate": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 302 302"),
    "governance:minutes_approve": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:minutes_correct": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:decision_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:decision_register": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "governance:decision_delete": ("  L 404 405 405 405 405 405", "  L 404 403 404 404 302 302"),
    "governance:decision_history": ("  L 404 200 404 404 200 200", "  L 404 405 405 405 405 405"),
    "governance:decision_restore": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:followup_add": ("  L 404 403 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:followup_board": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "governance:followup_edit": ("  L 404 200 404 404 200 200", "  L 404 403 404 404 200 200"),
    "governance:calendar": ("  L 404 200 200 200 200 200", "  L 404 405 405 405 405 405"),
    "governance:calendar_token": ("  L 404 405 405 405 405 405", "  L 404 302 302 302 302 302"),
    "governance:calendar_feed": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "governance:plan": ("  L 404 302 200 302 302 302", "  L 404 405 405 405 405 405"),
    "governance:programme_plan": ("  L 404 200 404 200 200 200", "  L 404 405 405 405 405 405"),
}

KWARGS = {
    "governance:committee_list": none,
    "governance:committee_create": none,
    "governance:committee_detail": pk("committee"),
    "governance:committee_edit": pk("committee"),
    "governance:composition_rule_edit": pk("committee"),
    "governance:membership_add": pk("committee"),
    "governance:meeting_create": pk("committee"),
    "governance:meeting_series": pk("committee"),
    "governance:committee_register_pdf": pk("committee"),
    "governance:membership_edit": pk("membership"),
    "governance:membership_end": pk("membership"),
    "governance:meeting_detail": pk("meeting"),
    "governance:meeting_edit": pk("meeting"),
    "governance:meeting_cancel": pk("meeting"),
    "governance:meeting_held": pk("meeting"),
    "governance:meeting_convene": pk("meeting"),
    "governance:meeting_ics": pk("meeting"),
    "governance:meeting_pdf": lambda d: {"pk": d["meeting"].pk, "kind": "convocation"},
    "governance:agenda_item_add": pk("meeting"),
    "governance:agenda_item_edit": pk("agenda_item"),
    "governance:agenda_item_action": lambda d: {"pk": d["agenda_item"].pk, "op": "up"},
    "governance:attendance_edit": pk("meeting"),
    "governance:attendance_invite": pk("meeting"),
    "governance:guest_add": pk("meeting"),
    "governance:minutes_edit": pk("meeting"),
    "governance:minutes_version": pk("minutes"),
    "governance:minutes_history": pk("minutes"),
    "governance:minutes_restore": lambda d: {
        "pk": d["minutes"].pk,
        "part": "resume",
        "history_id": d["minutes"].history.earliest().history_id,
    },
    "governance:minutes_circulate": pk("minutes"),
    "governance:minutes_approve": pk("minutes"),
    "governance:minutes_correct": pk("minutes"),
    "governance:decision_add": pk("meeting"),
    "governance:decision_register": none,
    "governance:decision_delete": pk("decision"),
    "governance:decision_history": pk("decision"),
    "governance:decision_restore": lambda d: {
        "pk": d["decision"].pk,
        "history_id": d["decision"].history.earliest().history_id,
    },
    "governance:followup_add": pk("decision"),
    "governance:followup_board": none,
    "governance:followup_edit": pk("followup"),
    "governance:calendar": none,
    "governance:calendar_token": lambda d: {"op": "create"},
    "governance:calendar_feed": lambda d: {"token": d["calendar_token"].token},
    "governance:plan": none,
    "governance:programme_plan": pk("programme"),
}

# URLs taking a POST: who posts the fuzzed values, and where the form comes from.
FUZZ = {
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
    "governance:meeting_held": Entry(PILOT),
    "governance:meeting_convene": Entry(PILOT, NoForm()),
    "governance:meeting_pdf": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:agenda_item_add": Entry(PILOT),
    "governance:agenda_item_edit": Entry(PILOT),
    "governance:agenda_item_action": Entry(PILOT, NoForm()),  # the op is in the URL
    "governance:attendance_edit": Entry(PILOT),
    "governance:attendance_invite": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:guest_add": Entry(PILOT),
    "governance:minutes_edit": Entry(PILOT),
    "governance:minutes_restore": Entry(PILOT, setup=_minutes_rewritten),
    "governance:minutes_circulate": Entry(PILOT, NoForm()),
    "governance:minutes_approve": Entry(PILOT),
    "governance:minutes_correct": Entry(PILOT),
    "governance:decision_add": Entry(PILOT),
    "governance:decision_delete": Entry(PILOT, Page(host="governance:meeting_detail")),
    "governance:decision_restore": Entry(PILOT, setup=_decision_rewritten),
    "governance:followup_add": Entry(PILOT),
    "governance:followup_edit": Entry(PILOT),
    "governance:followup_edit#owner": Entry("committee_member", setup=_followup_owned_by_committee_member),
    "governance:calendar_token": Entry(PILOT, Page(host="governance:calendar")),
}
