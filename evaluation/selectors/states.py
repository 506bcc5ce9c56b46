"""Selectors of evaluation: scoped, indicator states"""

from __future__ import annotations

from django.db.models import QuerySet

from actions import access as action_access
from actions.models import CollectiveAction, Programme
from core.types import Viewer

from .. import access
from ..models import Indicator

#: What every page showing an indicator shows of its scope.
INDICATOR_RELATED = ("programme", "action__programme", "service", "committee")


def indicators_for_user(user: Viewer) -> QuerySet[Indicator]:
    return access.indicators_visible_to(user).select_related(*INDICATOR_RELATED)


def enterable_indicators(user: Viewer) -> QuerySet[Indicator]:
    """The active manual indicators whose values the user enters."""
    return access.indicators_enterable_by(user).filter(is_active=True).select_related(*INDICATOR_RELATED)


FINISHED_ACTION_STATUSES = (CollectiveAction.Status.CLOSED, CollectiveAction.Status.ABANDONED)


def indicators_to_fill(user: Viewer) -> QuerySet[Indicator]:
    """What a person fills in each month: their manual indicators, except those of finished actions."""
    return enterable_indicators(user).exclude(action__status__in=FINISHED_ACTION_STATUSES)


def programmes_for_user(user: Viewer) -> QuerySet[Programme]:
    return action_access.programmes_visible_to(user).select_related("porteur")
