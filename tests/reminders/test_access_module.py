"""`reminders.access`: a notification is its recipient's, and nobody else's (administrators included)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from core import access as core_access
from reminders import access
from reminders.models import Notification

pytestmark = pytest.mark.django_db


def test_a_notification_is_read_by_its_recipient_only(pilot, other_pilot, admin_user, member_contact):
    mine = Notification.objects.create(user=pilot, title="À moi")
    contact = Notification.objects.create(user=member_contact, title="Au contact")
    assert core_access.policy_for(Notification).visible is access.notifications_visible_to
    assert list(access.notifications_visible_to(pilot)) == [mine]
    assert list(access.notifications_visible_to(member_contact)) == [contact]
    assert not access.notifications_visible_to(AnonymousUser()).exists()
    assert core_access.object_for(pilot, Notification, pk=mine.pk) == mine
    for user in (other_pilot, admin_user, member_contact):
        with pytest.raises(Http404):
            core_access.object_for(user, Notification, pk=mine.pk)
