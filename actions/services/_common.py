"""Services of actions: what several topics share."""

from __future__ import annotations

from ..models import (
    CollectiveAction,
)

# How the planned duration is spread over the 7 phases when an action is created with a
# start date: the preparation months over Émergence, Conception, Information; the
# deployment months over the last four, mostly Accompagnement.
PREPARATION_WEIGHTS = {1: 1, 2: 1, 3: 1}


DEPLOYMENT_WEIGHTS = {4: 7, 5: 1, 6: 1, 7: 1}


def _action_audience(action: CollectiveAction) -> list:
    users = {u.pk: u for u in action.followers.filter(is_active=True)}
    for member in action.team.select_related("person__user"):
        user = member.person.user
        if user is not None and user.is_active:
            users.setdefault(user.pk, user)
    return list(users.values())
