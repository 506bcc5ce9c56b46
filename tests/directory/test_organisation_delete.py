"""Deleting an organisation (admin only) leaves a trace on everything that named it (issue 14)."""

import pytest
from django.urls import reverse

from directory.models import Organisation, Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_admin_deletion_records_the_loss_on_each_person(admin_client, admin_user):
    organisation = Organisation.objects.create(name="Atelier Dupuis", kind=Organisation.Kind.COMPANY)
    people = [PersonFactory(organisation=organisation) for _ in range(2)]
    response = admin_client.post(
        reverse("admin:directory_organisation_delete", args=[organisation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    for person in people:
        assert Person.objects.get(pk=person.pk).organisation is None
        last = person.history.order_by("-history_id").first()
        assert last.history_user == admin_user
        assert last.organisation_id is None
        assert last.history_change_reason == "Organisation supprimée\u00a0: Atelier Dupuis"
    deletion = Organisation.history.filter(id=organisation.pk, history_type="-").get()
    assert deletion.history_user == admin_user


def test_the_admin_bulk_deletion_goes_through_the_same_service(admin_client, admin_user):
    kept = Organisation.objects.create(name="Gardée", kind=Organisation.Kind.COMPANY)
    gone = [
        Organisation.objects.create(name=f"Partie {index}", kind=Organisation.Kind.COMPANY)
        for index in range(2)
    ]
    person = PersonFactory(organisation=gone[0])
    response = admin_client.post(
        reverse("admin:directory_organisation_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [o.pk for o in gone],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert list(Organisation.objects.filter(name__startswith="Partie")) == []
    assert Organisation.objects.filter(pk=kept.pk).exists()
    assert person.history.order_by("-history_id").first().history_user == admin_user
