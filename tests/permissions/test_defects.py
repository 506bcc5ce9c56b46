"""Regression tests for the access defects the permission matrix found."""

from django.urls import reverse

from library import access


def test_editing_one_action_does_not_manage_the_programme_publications(db, dataset):
    """library.managed_publications: the pilot of another action of the same programme does not
    manage (see the reach of, withdraw) the publication of this action's deliverable."""
    publication = dataset["publication"]
    users = dataset["users"]
    assert publication in access.publications_managed_by(users["pilot"])
    assert publication in access.publications_managed_by(users["admin"])
    assert publication not in access.publications_managed_by(users["other_pilot"])
    assert publication not in access.publications_managed_by(users["committee_member"])


def test_the_library_management_page_hides_other_actions_publications(db, dataset, client):
    client.force_login(dataset["users"]["other_pilot"])
    response = client.get(reverse("library:manage"))
    assert response.status_code == 200
    assert dataset["publication"].title not in response.content.decode()
    client.force_login(dataset["users"]["pilot"])
    assert dataset["publication"].title in client.get(reverse("library:manage")).content.decode()
