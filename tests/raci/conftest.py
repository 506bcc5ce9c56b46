"""RACI fixtures: an action steered by `pilot`, read by `committee_member`, and its matrix."""

import pytest
from django.db.models import Q

from actions import access

from .factories import ActionFactory, join_team, small_matrix


@pytest.fixture
def action(pilot):
    action = ActionFactory(code="ACIA-1", title="Structure Les Oliviers")
    join_team(action, pilot)
    return action


@pytest.fixture
def committee_reads(committee_member):
    """Let `committee_member` read the given actions, as governance's reader scope does for a committee."""
    granted: set[int] = set()

    def scope(user):
        if user.pk == committee_member.pk:
            return Q(actions__pk__in=list(granted)), Q(pk__in=list(granted))
        return Q(pk__in=[]), Q(pk__in=[])

    access.register_reader_scope(scope)
    yield granted.add
    access._reader_scopes.remove(scope)


@pytest.fixture
def matrix(action, committee_reads):
    committee_reads(action.pk)
    return small_matrix(action=action, rows=3, roles=2, letters="R")
