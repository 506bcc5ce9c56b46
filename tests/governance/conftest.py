import pytest

from governance.models import Membership

from .factories import ActionFactory, CommitteeFactory, MeetingFactory, add_member


@pytest.fixture
def committee(db, pilot, committee_member):
    """An action COPIL: `pilot` is its pilot, `committee_member` (croct) a plain member."""
    action = ActionFactory()
    committee = CommitteeFactory(action=action, name="COPIL Structure A")
    add_member(committee, pilot, Membership.Role.PILOT, college="employeurs")
    add_member(committee, committee_member, Membership.Role.MEMBER, college="salaries")
    return committee


@pytest.fixture
def meeting(committee):
    from governance.services import _invite_members

    meeting = MeetingFactory(committee=committee, number=1, title="COPIL 1")
    _invite_members(meeting)
    return meeting
