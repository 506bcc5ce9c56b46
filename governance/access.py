"""Who may read and write committees and everything that hangs from them.

- Admins: everything.
- Read: the committee's members (mandate in progress), plus its writers.
- Write: its chair, pilots, co-pilots and secretaries; the team of the action it is
  scoped to; the managers of the programme it is scoped to (or of the action's programme).
- Create a committee: whoever may edit a programme or an action (scoped to those).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from actions.access import actions_editable_by
from actions.models import CollectiveAction, Programme
from directory.access import is_admin

from .models import Committee, Membership


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
    return _active_memberships(user).values("committee_id")


def editable_committees(user) -> QuerySet[Committee]:
    qs = Committee.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    writer_ids = _active_memberships(user, writer_only=True).values("committee_id")
    editor_ids = Committee.objects.filter(_scope_editor_q(user)).values("pk")
    return qs.filter(Q(pk__in=writer_ids) | Q(pk__in=editor_ids))


def visible_committees(user) -> QuerySet[Committee]:
    qs = Committee.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        return qs
    editor_ids = Committee.objects.filter(_scope_editor_q(user)).values("pk")
    return qs.filter(Q(pk__in=member_committee_ids(user)) | Q(pk__in=editor_ids))


def can_view_committee(user, committee: Committee) -> bool:
    return visible_committees(user).filter(pk=committee.pk).exists()


def can_edit_committee(user, committee: Committee) -> bool:
    return editable_committees(user).filter(pk=committee.pk).exists()


def scope_programmes_for_creation(user) -> QuerySet[Programme]:
    if not getattr(user, "is_authenticated", False):
        return Programme.objects.none()
    if is_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(managers__user=user).distinct()


def scope_actions_for_creation(user) -> QuerySet[CollectiveAction]:
    return actions_editable_by(user).select_related("programme")


def can_create_committee(user) -> bool:
    return scope_programmes_for_creation(user).exists() or scope_actions_for_creation(user).exists()


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
    action_q = Q(programme_id__in=committees.values("programme_id")) | Q(pk__in=committees.values("action_id"))
    return programme_q, action_q
