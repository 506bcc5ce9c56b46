"""Who may read and write indicators, measurements and the evaluation of an action.

- Read an indicator (and the dashboards): whoever may read its programme, action or
  committee (`actions.access`: editors, and committee members through the reader
  scopes), the staff of its service, the people who fill it in; admins.
- Change its definition: the editors of its action or programme, the writers of its
  committee, the staff of its service; admins.
- Enter values: the same, plus the people who fill it in. Computed indicators take no
  manual values. A measurement is corrected by whoever may enter values of its indicator.
- Define indicators for a scope: the editors of the action or programme, the writers of
  the committee, the staff of the service; admins.
- The evaluation of an action (approach, assessment, final report): read by its readers,
  written by its editors (`actions.access`).

A staff member's service is a fact of the directory (`directory.access.service_of_staff`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from actions import access as action_access
from actions.models import CollectiveAction, Programme
from core import access as core_access
from directory.access import is_admin, service_of_staff
from directory.models import Organisation
from governance import access as governance_access
from governance.models import Committee

from .models import Indicator, Measurement


# --- Indicators ------------------------------------------------------------------------
def _readable_q(user) -> Q:
    q = (
        Q(programme__in=action_access.programmes_visible_to(user).values("pk"))
        | Q(action__in=action_access.actions_visible_to(user).values("pk"))
        | Q(committee__in=governance_access.committees_visible_to(user).values("pk"))
        | Q(responsible__user=user)
    )
    service = service_of_staff(user)
    if service is not None:
        q |= Q(service=service)
    return q


def _editable_q(user) -> Q:
    q = (
        Q(action__in=action_access.actions_editable_by(user).values("pk"))
        | Q(programme__managers__user=user)
        | Q(committee__in=governance_access.committees_editable_by(user).values("pk"))
    )
    service = service_of_staff(user)
    if service is not None:
        q |= Q(service=service)
    return q


def _enterable_q(user) -> Q:
    return _editable_q(user) | Q(responsible__user=user)


def _indicators(user, q_builder, base: QuerySet[Indicator]) -> QuerySet[Indicator]:
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_admin(user):
        return base
    return base.filter(pk__in=Indicator.objects.filter(q_builder(user)).values("pk"))


def _has(user, indicator: Indicator, q_builder) -> bool:
    """One indicator against a scope, in one query (none for admins)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    return Indicator.objects.filter(q_builder(user), pk=indicator.pk).exists()


def indicators_visible_to(user) -> QuerySet[Indicator]:
    return _indicators(user, _readable_q, Indicator.objects.all())


def indicators_editable_by(user) -> QuerySet[Indicator]:
    """The indicators whose definition the user may change."""
    return _indicators(user, _editable_q, Indicator.objects.all())


def indicators_enterable_by(user) -> QuerySet[Indicator]:
    """The manual indicators whose values the user may enter (computed ones take none)."""
    return _indicators(user, _enterable_q, Indicator.objects.filter(computation=""))


def can_view_indicator(user, indicator: Indicator) -> bool:
    return _has(user, indicator, _readable_q)


def can_change_indicator(user, indicator: Indicator) -> bool:
    return _has(user, indicator, _editable_q)


def can_enter_values(user, indicator: Indicator) -> bool:
    return not indicator.is_computed and _has(user, indicator, _enterable_q)


def services_open_to_new_indicators_by(user) -> QuerySet[Organisation]:
    """The services for which the user may define indicators: their own, all of them for admins."""
    services = Organisation.objects.filter(kind=Organisation.Kind.SSTI)
    if is_admin(user):
        return services
    service = service_of_staff(user)
    return services.filter(pk=service.pk) if service is not None else services.none()


def can_define_indicator_for(user, scope) -> bool:
    """May `user` add an indicator to this programme, action, committee or service?"""
    if not getattr(user, "is_authenticated", False) or scope is None:
        return False
    if is_admin(user):
        return True
    if isinstance(scope, CollectiveAction):
        return action_access.can_edit_action(user, scope)
    if isinstance(scope, Programme):
        return action_access.can_edit_programme(user, scope)
    if isinstance(scope, Organisation):
        return service_of_staff(user) == scope
    if isinstance(scope, Committee):
        return governance_access.can_edit_committee(user, scope)
    return False


# --- Measurements ----------------------------------------------------------------------
def measurements_visible_to(user) -> QuerySet[Measurement]:
    return Measurement.objects.filter(indicator__in=indicators_visible_to(user).values("pk"))


def can_correct_measurement(user, measurement: Measurement) -> bool:
    return can_enter_values(user, measurement.indicator)


# --- The evaluation of an action ------------------------------------------------------------
def can_view_action_evaluation(user, action: CollectiveAction) -> bool:
    return action_access.can_view_action(user, action)


def can_edit_action_evaluation(user, action: CollectiveAction) -> bool:
    return action_access.can_edit_action(user, action)


core_access.register(
    Indicator, visible=indicators_visible_to, change=can_change_indicator, enter=can_enter_values
)
core_access.register(Measurement, visible=measurements_visible_to, change=can_correct_measurement)
