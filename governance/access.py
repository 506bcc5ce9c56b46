"""Who may read and write committees and everything that hangs from them.

- Admins: everything.
- Read a committee: its members (mandate in progress), plus its writers.
- Write it: its chair, pilots, co-pilots and secretaries; the team of the action it is
  scoped to; the managers of the programme it is scoped to (or of the action's programme).
- Meetings, agenda items, minutes, decisions and memberships follow their committee:
  read by its readers, written by its writers.
- A follow-up item: read with its committee; changed by the committee's writers; its
  owner reports its progress (status, date done).
- Approve minutes directly: the chair (a committee without one: its writers); admins too.
- Create a committee: whoever manages a programme or edits an action (scoped to those).
- Committee members also read the programmes and actions their committees oversee:
  `committee_reader_scope`, registered with `actions.access.register_reader_scope`.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from actions.access import actions_editable_by, programmes_editable_by
from actions.models import CollectiveAction, Programme
from core import access as core_access
from directory.access import is_admin

from .models import AgendaItem, Committee, Decision, FollowUpItem, Meeting, Membership, Minutes


def _active_memberships(user, *, writer_only: bool = False) -> QuerySet[Membership]:
    qs = Membership.objects.filter(Membership.active_q(), person__user=user)
    if writer_only:
        qs = qs.filter(role__in=Membership.WRITER_ROLES)
    return qs


def _scope_editor_q(user) -> Q:
    return (
        Q(action__team__person__user=user)
        | Q(programme__managers__user=user)
        | Q(action__programme__managers__user=user)
    )


def member_committee_ids(user) -> QuerySet:
    """The committees the user sits on (mandate in progress), as a subquery of ids."""
    return _active_memberships(user).values("committee_id")


# --- Committees ----------------------------------------------------------------------
def committees_visible_to(user) -> QuerySet[Committee]:
    qs = Committee.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    editor_ids = Committee.objects.filter(_scope_editor_q(user)).values("pk")
    return qs.filter(Q(pk__in=member_committee_ids(user)) | Q(pk__in=editor_ids))


def committees_editable_by(user) -> QuerySet[Committee]:
    qs = Committee.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    writer_ids = _active_memberships(user, writer_only=True).values("committee_id")
    editor_ids = Committee.objects.filter(_scope_editor_q(user)).values("pk")
    return qs.filter(Q(pk__in=writer_ids) | Q(pk__in=editor_ids))


def can_view_committee(user, committee: Committee) -> bool:
    return committees_visible_to(user).filter(pk=committee.pk).exists()


def can_edit_committee(user, committee: Committee) -> bool:
    return committees_editable_by(user).filter(pk=committee.pk).exists()


def programmes_open_to_new_committees_by(user) -> QuerySet[Programme]:
    """The programmes a new committee may be scoped to: the ones the user manages."""
    return programmes_editable_by(user)


def actions_open_to_new_committees_by(user) -> QuerySet[CollectiveAction]:
    """The actions a new committee may be scoped to: the ones the user edits."""
    return actions_editable_by(user)


def can_add_committee(user) -> bool:
    return (
        programmes_open_to_new_committees_by(user).exists()
        or actions_open_to_new_committees_by(user).exists()
    )


def can_approve_minutes_directly(user, committee: Committee) -> bool:
    """Direct approval belongs to the chair; a committee without one lets its writers approve."""
    chairs = committee.memberships.filter(Membership.active_q(), role=Membership.Role.CHAIR)
    if is_admin(user):
        return True
    return not chairs.exists() or chairs.filter(person__user=user).exists()


# --- What hangs from a committee -----------------------------------------------------
def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee__in=committees_visible_to(user))


def can_edit_meeting(user, meeting: Meeting) -> bool:
    return can_edit_committee(user, meeting.committee)


def memberships_visible_to(user) -> QuerySet[Membership]:
    return Membership.objects.filter(committee__in=committees_visible_to(user))


def can_edit_membership(user, membership: Membership) -> bool:
    return can_edit_committee(user, membership.committee)


def agenda_items_visible_to(user) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(meeting__in=meetings_visible_to(user))


def can_edit_agenda_item(user, item: AgendaItem) -> bool:
    return can_edit_committee(user, item.meeting.committee)


def minutes_visible_to(user) -> QuerySet[Minutes]:
    return Minutes.objects.filter(meeting__in=meetings_visible_to(user))


def can_edit_minutes(user, minutes: Minutes) -> bool:
    return can_edit_committee(user, minutes.meeting.committee)


def decisions_visible_to(user) -> QuerySet[Decision]:
    return Decision.objects.filter(meeting__committee__in=committees_visible_to(user))


def can_edit_decision(user, decision: Decision) -> bool:
    return can_edit_committee(user, decision.meeting.committee)


def followups_visible_to(user) -> QuerySet[FollowUpItem]:
    return FollowUpItem.objects.filter(decision__meeting__committee__in=committees_visible_to(user))


def followups_editable_by(user) -> QuerySet[FollowUpItem]:
    """Whose progress the user may report: the committee's writers, and the owner of the item."""
    return FollowUpItem.objects.filter(
        Q(decision__meeting__committee__in=committees_editable_by(user))
        | Q(owner__user=user, decision__meeting__committee__in=committees_visible_to(user))
    )


def can_edit_followup(user, item: FollowUpItem) -> bool:
    """Change everything of the item (what, who, when): the committee's writers."""
    return can_edit_committee(user, item.decision.meeting.committee)


def can_report_followup(user, item: FollowUpItem) -> bool:
    """Report the item's progress (status, date done): its owner, and the committee's writers."""
    return followups_editable_by(user).filter(pk=item.pk).exists()


def committee_reader_scope(user) -> tuple[Q, Q]:
    """For `actions.access.register_reader_scope`: members read what their committees oversee.

    A committee scoped to a programme opens the programme and its actions; one scoped
    to an action opens the action and its programme.
    """
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[]), Q(pk__in=[])
    committees = Committee.objects.filter(pk__in=member_committee_ids(user))
    programme_q = Q(pk__in=committees.values("programme_id")) | Q(
        pk__in=CollectiveAction.objects.filter(pk__in=committees.values("action_id")).values("programme_id")
    )
    action_q = Q(programme_id__in=committees.values("programme_id")) | Q(
        pk__in=committees.values("action_id")
    )
    return programme_q, action_q


core_access.register(Committee, visible=committees_visible_to, change=can_edit_committee)
core_access.register(Meeting, visible=meetings_visible_to, change=can_edit_meeting)
core_access.register(Membership, visible=memberships_visible_to, change=can_edit_membership)
core_access.register(AgendaItem, visible=agenda_items_visible_to, change=can_edit_agenda_item)
core_access.register(Minutes, visible=minutes_visible_to, change=can_edit_minutes)
core_access.register(Decision, visible=decisions_visible_to, change=can_edit_decision)
core_access.register(
    FollowUpItem, visible=followups_visible_to, change=can_edit_followup, report=can_report_followup
)
