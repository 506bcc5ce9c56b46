"""Who a history row names: `core.history.set_history_author`, `record_change` and `acting`."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.history import acting, authenticated_or_none, record_change, set_history_author
from directory.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _saved(change):
    organisation = Organisation(name="Menuiserie Leclerc", kind=Organisation.Kind.COMPANY)
    change(organisation)
    organisation.save()
    return organisation.history.first().history_user


def test_a_signed_in_account_is_named():
    ana = UserFactory(username="ana")
    assert _saved(lambda o: set_history_author(o, ana)) == ana
    assert authenticated_or_none(ana) == ana


@pytest.mark.parametrize("nobody", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_nobody_is_named_even_when_someone_acts_around(nobody):
    with acting(UserFactory(username="bruno")):
        assert _saved(lambda o: set_history_author(o, nobody)) is None
    assert authenticated_or_none(nobody) is None


@pytest.mark.parametrize("nobody", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_record_change_leaves_a_missing_author_to_who_acts(nobody):
    bruno = UserFactory(username="bruno")
    with acting(bruno):
        assert _saved(lambda o: record_change(o, by=nobody)) == bruno


def test_record_change_names_its_author_and_reason():
    ana = UserFactory(username="ana")
    organisation = Organisation(name="Pharmacie Descamps", kind=Organisation.Kind.COMPANY)
    record_change(organisation, by=ana, reason="Fusion de deux fiches")
    organisation.save()
    row = organisation.history.first()
    assert row.history_user == ana and row.history_change_reason == "Fusion de deux fiches"
