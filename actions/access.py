"""Who may see and edit programmes and actions.

- Admins: everything.
- Edit an action: its team (pilots, consultants, contributors) and the programme's managers.
- Edit a programme: its managers.
- Read: the editors, plus whoever a later app grants reading to. Governance registers
  a reader scope (committee members read the programmes and actions their committee
  oversees) through `register_reader_scope`, so this module never imports upwards.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import access as core_access
from directory.access import Role, has_role, is_admin

from .models import CollectiveAction, Programme

# Each scope: (user) -> (Q over Programme, Q over CollectiveAction) that the user may read.
ReaderScope = Callable[[object], tuple[Q, Q]]
_reader_scopes: list[ReaderScope] = []


def register_reader_scope(scope: ReaderScope) -> ReaderScope:
    if scope not in _reader_scopes:
        _reader_scopes.append(scope)
    return scope


def _editor_action_q(user) -> Q:
    return Q(team__person__user=user) | Q(programme__managers__user=user)


def _reader_qs(user) -> tuple[Q, Q]:
    programme_q = Q(managers__user=user) | Q(actions__team__person__user=user)
    action_q = _editor_action_q(user)
    for scope in _reader_scopes:
        extra_programme, extra_action = scope(user)
        programme_q |= extra_programme
        action_q |= extra_action
    return programme_q, action_q


def programmes_visible_to(user):
    qs = Programme.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    programme_q, action_q = _reader_qs(user)
    readable_action_programmes = CollectiveAction.objects.filter(action_q).values("programme_id")
    return qs.filter(
        Q(pk__in=Programme.objects.filter(programme_q).values("pk")) | Q(pk__in=readable_action_programmes)
    )


def actions_visible_to(user):
    qs = CollectiveAction.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    _, action_q = _reader_qs(user)
    return qs.filter(pk__in=CollectiveAction.objects.filter(action_q).values("pk"))


def actions_editable_by(user):
    qs = CollectiveAction.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=CollectiveAction.objects.filter(_editor_action_q(user)).values("pk"))


def can_edit_action(user, action: CollectiveAction) -> bool:
    return actions_editable_by(user).filter(pk=action.pk).exists()


def can_view_action(user, action: CollectiveAction) -> bool:
    return actions_visible_to(user).filter(pk=action.pk).exists()


def programmes_editable_by(user):
    """The programmes whose settings a user may change: the ones they manage."""
    qs = Programme.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    return qs.filter(pk__in=Programme.objects.filter(managers__user=user).values("pk"))


def can_edit_programme(user, programme: Programme) -> bool:
    return programmes_editable_by(user).filter(pk=programme.pk).exists()


def can_view_programme(user, programme: Programme) -> bool:
    return programmes_visible_to(user).filter(pk=programme.pk).exists()


def can_add_programme(user) -> bool:
    """Admins, pilots and consultants set up programmes (and manage the ones they create)."""
    return bool(getattr(user, "is_authenticated", False)) and has_role(user, Role.PILOT, Role.CONSULTANT)


def programmes_open_to_new_actions_by(user):
    """The programmes in which the user may create actions: the ones they manage."""
    return programmes_editable_by(user)


def can_add_action(user, programme: Programme) -> bool:
    return programmes_open_to_new_actions_by(user).filter(pk=programme.pk).exists()


core_access.register(
    CollectiveAction,
    visible=actions_visible_to,
    change=can_edit_action,
    messages={
        "change": _(
            "You can view this action sheet but not change it: only its team and the programme managers can."
        ),
    },
)
core_access.register(
    Programme, visible=programmes_visible_to, change=can_edit_programme, add_action=can_add_action
)
