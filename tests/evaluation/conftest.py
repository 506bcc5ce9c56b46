"""Evaluation fixtures: a programme with an action run by `pilot`, and read access for committee members.

Committee members read programmes through governance's committee memberships. The
fixture `committee_reads` grants reading through a reader scope of `actions.access`,
the same mechanism governance registers, so these tests do not depend on governance.
"""

import pytest
from django.db.models import Q

from actions import access as action_access

from .factories import ActionFactory, ProgrammeFactory, add_to_team

_readers: dict[int, set[int]] = {}


def _test_reader_scope(user):
    programmes = _readers.get(getattr(user, "pk", None), set())
    return Q(pk__in=programmes), Q(programme_id__in=programmes)


action_access.register_reader_scope(_test_reader_scope)


@pytest.fixture
def grant_read():
    def grant(user, programme):
        _readers.setdefault(user.pk, set()).add(programme.pk)

    yield grant
    _readers.clear()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="PRST 4 test", code="prst-test")


@pytest.fixture
def action(programme, pilot):
    action = ActionFactory(programme=programme, code="A1", title="Prévenir les TMS")
    add_to_team(action, pilot)
    return action


@pytest.fixture
def committee_reads(grant_read, committee_member, programme):
    grant_read(committee_member, programme)
    return committee_member
