"""Who may read and write indicators, measurements and evaluation reports.

- Read an indicator (and the dashboards): whoever may read its programme, action or
  committee (`actions.access`: editors, and committee members through the reader
  scopes), the staff of its service, the people who fill it in; admins.
- Enter values: the people who fill it in, the editors of its action or programme,
  the staff of its service; admins. Computed indicators take no manual values.
- Define indicators and record the approach of an action: the editors of the action,
  programme or committee, the staff of the service; admins.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from actions import access as action_access
from directory.access import Role, is_admin, person_of
from directory.models import Organisation


def service_of(user):
    """The occupational health service a staff member works for, or None."""
    person = person_of(user)
    if person and person.role == Role.SERVICE_STAFF and person.organisation and (
        person.organisation.kind == Organisation.Kind.SSTI
    ):
        return person.organisation
    return None


def readable_indicator_q(user) -> Q:
    from governance.access import visible_committees

    q = (
        Q(programme__in=action_access.programmes_visible_to(user).values("pk"))
        | Q(action__in=action_access.actions_visible_to(user).values("pk"))
        | Q(committee__in=visible_committees(user).values("pk"))
        | Q(responsible__user=user)
    )
    service = service_of(user)
    if service is not None:
        q |= Q(service=service)
    return q


def editable_scope_q(user) -> Q:
    """Indicators whose definition this user may change (and whose values they may enter)."""
    from governance.access import editable_committees

    q = (
        Q(action__in=action_access.actions_editable_by(user).values("pk"))
        | Q(programme__managers__user=user)
        | Q(committee__in=editable_committees(user).values("pk"))
    )
    service = service_of(user)
    if service is not None:
        q |= Q(service=service)
    return q


def enterable_indicator_q(user) -> Q:
    return editable_scope_q(user) | Q(responsible__user=user)


def _matches(user, indicator, q_builder) -> bool:
    from .models import Indicator

    if not user.is_authenticated or indicator is None:
        return False
    if is_admin(user):
        return True
    return Indicator.objects.filter(q_builder(user), pk=indicator.pk).exists()


@rules.predicate
def can_view_indicator(user, indicator):
    return _matches(user, indicator, readable_indicator_q)


@rules.predicate
def can_enter_values(user, indicator):
    return indicator is not None and not indicator.is_computed and _matches(user, indicator, enterable_indicator_q)


@rules.predicate
def can_change_indicator(user, indicator):
    return _matches(user, indicator, editable_scope_q)


@rules.predicate
def can_define_indicator_for(user, scope):
    """May `user` add an indicator to this programme, action or service?"""
    from actions.models import CollectiveAction, Programme

    if not user.is_authenticated or scope is None:
        return False
    if is_admin(user):
        return True
    if isinstance(scope, CollectiveAction):
        return action_access.can_edit_action(user, scope)
    if isinstance(scope, Programme):
        return action_access.can_edit_programme(user, scope)
    if isinstance(scope, Organisation):
        return service_of(user) == scope
    from governance.access import can_edit_committee
    from governance.models import Committee

    if isinstance(scope, Committee):
        return can_edit_committee(user, scope)
    return False


@rules.predicate
def can_edit_action_evaluation(user, action):
    return action is not None and action_access.can_edit_action(user, action)


@rules.predicate
def can_view_action_evaluation(user, action):
    return action is not None and action_access.can_view_action(user, action)


rules.add_perm("evaluation.view_indicator", can_view_indicator)
rules.add_perm("evaluation.enter_values", can_enter_values)
rules.add_perm("evaluation.change_indicator", can_change_indicator)
rules.add_perm("evaluation.add_indicator", can_define_indicator_for)
rules.add_perm("evaluation.change_action_evaluation", can_edit_action_evaluation)
rules.add_perm("evaluation.view_action_evaluation", can_view_action_evaluation)
